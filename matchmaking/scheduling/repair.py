"""Weight phase: get unscheduled requests in by moving others out of the way.

Three moves, cheapest first, each undone completely when it fails:

* Kempe swap: in the subgraph of meetings in slots alpha and beta, swap the
  connected component around the blocked company. Every company in the
  component just exchanges its alpha and beta loads, so seats stay respected
  for any seat count; only availability, fixed meetings and tables must be
  checked.
* Ejection chain: take the slot, evict the meeting(s) in the way and re-insert
  them the same way, to a limited depth.
* Exchange: when a request cannot be added without loss, evict lighter
  meetings (including at a company that reached max_meetings) and try to
  re-insert them; accepted only when total weight goes up, so this ends.
"""

from __future__ import annotations

import random

from .construct import choose_slot, iter_bits, priority_order
from .state import Schedule

MASK32 = 0xFFFFFFFF


class Repairer:
    def __init__(self, st: Schedule, rng: random.Random, component_limit: int = 60):
        self.st = st
        self.rng = rng
        self.limit = component_limit
        self.stamp = 0
        self.cmark = [0] * st.inst.n_companies
        self.rmark = [0] * st.inst.n_requests
        self.kempe_tries = 40

    # -- Kempe components ----------------------------------------------------

    def component(self, starts: list[int], alpha: int, beta: int) -> list[int] | None:
        """Meetings of the alpha/beta component around `starts`, None if not swappable."""
        st, inst = self.st, self.st.inst
        self.stamp += 1
        stamp, cmark, rmark = self.stamp, self.cmark, self.rmark
        pinned, masks, ra, rb, at, S = st.pinned, inst.request_mask, inst.ra, inst.rb, st.at, st.S
        both = (1 << alpha) | (1 << beta)
        queue = list(starts)
        for c in queue:
            cmark[c] = stamp
        meetings: list[int] = []
        for c in queue:
            for r in at[c * S + alpha] + at[c * S + beta]:
                if rmark[r] != stamp:
                    rmark[r] = stamp
                    if pinned[r] or masks[r] & both != both or len(meetings) >= self.limit:
                        return None
                    meetings.append(r)
                    other = ra[r] + rb[r] - c
                    if cmark[other] != stamp:
                        cmark[other] = stamp
                        queue.append(other)
        return meetings

    def swap(self, meetings: list[int], alpha: int, beta: int) -> None:
        st = self.st
        targets = [beta if st.slot[r] == alpha else alpha for r in meetings]
        for r in meetings:
            st.remove(r)
        for r, s in zip(meetings, targets, strict=True):
            st.place(r, s)

    def _swap_fits_tables(self, meetings: list[int], alpha: int, beta: int, extra: int) -> bool:
        st = self.st
        in_alpha = sum(1 for r in meetings if st.slot[r] == alpha)
        in_beta = len(meetings) - in_alpha
        tables = st.inst.tables
        return (
            st.used[alpha] - in_alpha + in_beta + extra <= tables[alpha]
            and st.used[beta] - in_beta + in_alpha <= tables[beta]
        )

    # -- insertion moves -----------------------------------------------------

    def direct(self, r: int) -> bool:
        mask = self.st.open_mask(r)
        if mask:
            self.st.place(r, choose_slot(self.st, r, mask))
            return True
        return False

    def _rotated(self, mask: int) -> list[int]:
        bits = list(iter_bits(mask))
        if len(bits) > 1:
            k = self.rng.randrange(len(bits))
            bits = bits[k:] + bits[:k]
        return bits

    def kempe(self, r: int) -> bool:
        st, inst = self.st, self.st.inst
        a, b = inst.ra[r], inst.rb[r]
        if st.cnt[a] >= inst.cap[a] or st.cnt[b] >= inst.cap[b]:
            return False
        tries = self.kempe_tries
        every = (1 << st.S) - 1
        for alpha in self._rotated(inst.request_mask[r] & ~st.tfull):
            fa, fb = st.full[a] >> alpha & 1, st.full[b] >> alpha & 1
            if fa == fb:
                continue
            x, y = (a, b) if fa else (b, a)
            for beta in self._rotated(every & ~st.full[x] & ~(1 << alpha)):
                tries -= 1
                if tries < 0:
                    return False
                if self._kempe_at(r, x, y, alpha, beta):
                    return True
        return False

    def _kempe_at(self, r: int, x: int, y: int, alpha: int, beta: int) -> bool:
        st = self.st
        meetings = self.component([x], alpha, beta)
        if meetings is None or not self._swap_fits_tables(meetings, alpha, beta, 1):
            return False
        S = st.S
        if self.cmark[y] == self.stamp and st.load[y * S + beta] >= st.inst.seats[y]:
            return False  # y would inherit a full beta load in alpha
        if r in st.inst.twins and st.twin_mask(r) >> beta & 1:
            return False  # the pair's other meeting would come to alpha with the swap
        self.swap(meetings, alpha, beta)
        st.place(r, alpha)
        return True

    def blockers(self, r: int, s: int, caps: bool) -> list[int] | None:
        """Meetings to evict so that r fits in s; None if a pinned meeting is in the way."""
        st, inst = self.st, self.st.inst
        pinned = st.pinned
        out: list[int] = []
        if r in inst.twins:
            twin = st.twin_at(r, s)
            if twin >= 0 and pinned[twin]:
                return None
            if twin >= 0:
                out.append(twin)
        for c in (inst.ra[r], inst.rb[r]):
            freed = [m for m in out if c in (inst.ra[m], inst.rb[m])]
            need_seat = st.full[c] >> s & 1 and not any(st.slot[m] == s for m in freed)
            need_cap = caps and st.cnt[c] >= inst.cap[c] and not freed
            if need_seat:
                here = [m for m in st.meetings_of(c, s) if not pinned[m]]
                if not here:
                    return None
                out.append(min(here, key=lambda m: (inst.weight[m], m)))
            elif need_cap:
                movable = [m for m in inst.adj[c] if st.slot[m] >= 0 and not pinned[m]]
                if not movable:
                    return None
                out.append(min(movable, key=lambda m: (inst.weight[m], m)))
        if st.tfull >> s & 1 and not any(st.slot[m] == s for m in out):
            # The lightest meeting gives up its table; a random salt varies ties.
            salt = self.rng.getrandbits(32)
            weight = inst.weight
            movable = [m for m in st.members[s] if not pinned[m]]
            if not movable:
                return None
            out.append(min(movable, key=lambda m: (weight[m], (m * 2654435761 ^ salt) & MASK32)))
        return out

    def insert(self, r: int, depth: int) -> bool:
        return self.direct(r) or self.kempe(r) or (depth > 0 and self.eject(r, depth))

    def eject(self, r: int, depth: int) -> bool:
        """Ejection chain: take a slot, evict what is in the way, re-insert it elsewhere."""
        st, inst = self.st, self.st.inst
        a, b = inst.ra[r], inst.rb[r]
        if st.cnt[a] >= inst.cap[a] or st.cnt[b] >= inst.cap[b]:
            return False
        for s in self._rotated(inst.request_mask[r])[: max(4, 12 // depth)]:
            evict = self.blockers(r, s, caps=False)
            if not evict or len(evict) > 2:
                continue
            mark = st.mark()
            for m in evict:
                st.remove(m)
            st.place(r, s)
            if all(self.insert(m, depth - 1) for m in evict):
                return True
            st.rollback(mark)
        return False

    def exchange(self, r: int) -> bool:
        """Add r at the cost of lighter meetings; keep it only if total weight rises."""
        st, inst = self.st, self.st.inst
        weight = inst.weight
        options = []
        for s in iter_bits(inst.request_mask[r]):
            evict = self.blockers(r, s, caps=True)
            if evict:
                lost = sum(weight[m] for m in evict)
                if lost < weight[r]:
                    options.append((lost, s, evict))
        options.sort(key=lambda o: (o[0], o[1]))
        for _lost, s, evict in options[:3]:
            before = st.weight
            mark = st.mark()
            for m in evict:
                st.remove(m)
            st.place(r, s)
            for m in evict:
                self.insert(m, 1)
            if st.weight > before + 1e-9:
                return True
            st.rollback(mark)
        return False


def improve_weight(st: Schedule, rng: random.Random, deadline: float, clock) -> None:
    """Repeat insertion passes over unscheduled requests until a pass changes nothing."""
    inst = st.inst
    fixer = Repairer(st, rng)
    for depth in (1, 2):
        while clock() < deadline:
            pending = [
                r for r in range(inst.n_requests) if st.slot[r] == -1 and inst.request_mask[r]
            ]
            changed = False
            for r in priority_order(st, pending):
                if clock() >= deadline:
                    break
                if st.slot[r] != -1:
                    continue
                mark = st.mark()
                if fixer.insert(r, depth) or fixer.exchange(r):
                    changed = True
                st.journal = None if mark == 0 else st.journal
            if not changed:
                break
