"""Fast path: proper edge colouring when every request may use every open slot.

Slots are colours. A company with k seats is split into k copies, its requests
dealt round-robin to the copies, so each copy needs at most ceil(deg/k)
colours. Each request is coloured with a colour free at both ends; if none,
the alpha/beta alternating path from one end is flipped (Konig's argument: in
a bipartite graph the path never reaches the other end, so this always works
when colours >= max degree). Then classes are balanced to the table counts by
flipping alternating paths that hold one more edge of an over-full colour
than of an under-full one (the union of two colour classes is paths and even
cycles). Requests left uncoloured go to the general repair phase.
"""

from __future__ import annotations

from .construct import iter_bits
from .instance import Instance


def applicable(inst: Instance) -> bool:
    """No fixed or published meetings, no pairs met twice, no availability limits, caps
    that cannot bind (a company's copies could put one pair's two meetings in one slot)."""
    if not inst.n_requests or inst.n_previous or inst.twins or any(s >= 0 for s in inst.fixed):
        return False
    union = inst.request_mask[0]
    if not union or any(m != union for m in inst.request_mask):
        return False
    return all(len(inst.adj[c]) <= inst.cap[c] for c in range(inst.n_companies))


class EdgeColouring:
    def __init__(self, inst: Instance):
        self.inst = inst
        self.slots = list(iter_bits(inst.request_mask[0]))
        self.K = len(self.slots)
        ends: list[list[int]] = [[0, 0] for _ in range(inst.n_requests)]
        base = 0
        for c in range(inst.n_companies):
            seats = inst.seats[c]
            for i, r in enumerate(inst.adj[c]):
                ends[r][0 if inst.ra[r] == c else 1] = base + i % seats
            base += seats
        self.eu = [e[0] for e in ends]
        self.ev = [e[1] for e in ends]
        self.at = [-1] * (base * self.K)
        self.used = [0] * base
        self.col = [-1] * inst.n_requests
        self.count = [0] * self.K

    def _set(self, e: int, k: int) -> None:
        K = self.K
        for x in (self.eu[e], self.ev[e]):
            self.at[x * K + k] = e
            self.used[x] |= 1 << k
        self.col[e] = k
        self.count[k] += 1

    def _unset(self, e: int) -> None:
        K, k = self.K, self.col[e]
        for x in (self.eu[e], self.ev[e]):
            self.at[x * K + k] = -1
            self.used[x] &= ~(1 << k)
        self.col[e] = -1
        self.count[k] -= 1

    def _path(self, x: int, first: int, second: int) -> list[int]:
        """Edges of the alternating first/second path leaving x by its `first` edge."""
        K, at, eu, ev = self.K, self.at, self.eu, self.ev
        path = []
        colour, other = first, second
        e = at[x * K + colour]
        while e != -1:
            path.append(e)
            x = ev[e] if eu[e] == x else eu[e]
            colour, other = other, colour
            e = at[x * K + colour]
        return path

    def _flip(self, path: list[int], first: int, second: int) -> None:
        for e in path:
            self._unset(e)
        for i, e in enumerate(path):
            self._set(e, second if i % 2 == 0 else first)

    def _kempe(self, e: int, free_u: int, free_v: int) -> int:
        """Free a common colour for e by one path flip; -1 if every try hits an odd cycle."""
        u, v = self.eu[e], self.ev[e]
        for alpha in list(iter_bits(free_u))[:3]:
            for beta in list(iter_bits(free_v))[:3]:
                path = self._path(v, alpha, beta)
                ends_at_u = path and u in (self.eu[path[-1]], self.ev[path[-1]])
                if not ends_at_u:
                    self._flip(path, alpha, beta)
                    return alpha
        return -1

    def colour_all(self) -> None:
        full = (1 << self.K) - 1
        used = self.used
        K = self.K
        for e in range(self.inst.n_requests):
            u, v = self.eu[e], self.ev[e]
            free_u, free_v = full & ~used[u], full & ~used[v]
            common = free_u & free_v
            if common:
                rotated = common >> (e % K)  # spread classes evenly: start at a moving colour
                low = rotated & -rotated if rotated else common & -common
                k = low.bit_length() - 1 + (e % K if rotated else 0)
            elif free_u and free_v:
                k = self._kempe(e, free_u, free_v)
                if k < 0:
                    continue
            else:
                continue
            self._set(e, k)

    def _shift(self, i: int, j: int, need: int) -> int:
        """Move up to `need` edges from colour i to j by flipping i-heavy alternating paths."""
        used, moved = self.used, 0
        bi, bj = 1 << i, 1 << j
        for x in range(len(used)):
            if moved >= need:
                break
            if used[x] & bi and not used[x] & bj:
                path = self._path(x, i, j)
                if len(path) % 2 == 1:  # starts and ends with an i edge
                    self._flip(path, i, j)
                    moved += 1
        return moved

    def balance(self) -> None:
        """Make every colour class fit its slot's tables where alternating paths allow."""
        tables = [self.inst.tables[s] for s in self.slots]
        count = self.count
        for _round in range(4):
            over = [k for k in range(self.K) if count[k] > tables[k]]
            if not over:
                return
            for i in over:
                under = [j for j in range(self.K) if count[j] < tables[j] and count[j] < count[i]]
                under.sort(key=lambda j: (count[j] - tables[j], j))
                for j in under:
                    if count[i] <= tables[i]:
                        break
                    need = min(count[i] - tables[i], tables[j] - count[j], count[i] - count[j])
                    self._shift(i, j, need)

    def drop_excess(self) -> None:
        """Uncolour the last edges of colours still over their tables (repair handles them)."""
        tables = [self.inst.tables[s] for s in self.slots]
        for e in range(self.inst.n_requests - 1, -1, -1):
            k = self.col[e]
            if k >= 0 and self.count[k] > tables[k]:
                self._unset(e)


def colour(inst: Instance, st) -> bool:
    """Fill `st` from an edge colouring; False when the fast path does not apply."""
    if not applicable(inst):
        return False
    col = EdgeColouring(inst)
    need = max(-(-len(inst.adj[c]) // inst.seats[c]) for c in range(inst.n_companies))
    if need > col.K:
        return False
    col.colour_all()
    col.balance()
    col.drop_excess()
    for e, k in enumerate(col.col):
        if k >= 0:
            st.place(e, col.slots[k])
    return True
