"""A true upper bound on the best total weight.

Three valid relaxations; the bound is their minimum:

* every request that has at least one usable slot is held;
* the event has sum(tables) meeting places, so at most that many meetings;
* Lagrangian decomposition by company. Split each request's weight between
  its two companies (w = share_a + share_b, any real split). For any schedule,
  total weight = sum over companies of the shares of their meetings, and each
  company's meetings satisfy that company's own constraints (one slot each
  from the request's slots, at most `seats` per slot, at most `max_meetings`).
  So sum_c M_c(shares) is a bound, where M_c is the best such local choice.
  M_c is a max-weight independent set of a truncated transversal matroid, so
  a greedy by share with augmenting paths finds it exactly. Subgradient steps
  on the split tighten the bound while time allows.
"""

from __future__ import annotations

import time

from .instance import Instance

EPS = 1e-9


def _bits(mask: int) -> list[int]:
    out = []
    while mask:
        low = mask & -mask
        out.append(low.bit_length() - 1)
        mask ^= low
    return out


def _augment(i: int, masks: list[int], room: list[int], holders: list[list[int]]) -> bool:
    """Find a slot for item i, moving earlier items along an augmenting path (BFS)."""
    parent: dict[int, tuple[int, int]] = {}  # slot -> (item placed there, slot it came from)
    frontier = [(i, -1)]
    seen = 0
    while frontier:
        nxt = []
        for item, came in frontier:
            for s in _bits(masks[item] & ~seen):
                seen |= 1 << s
                parent[s] = (item, came)
                if room[s] > 0:
                    _apply_path(s, parent, room, holders)
                    return True
                nxt.extend((j, s) for j in holders[s])
        frontier = nxt
    return False


def _apply_path(s: int, parent: dict, room: list[int], holders: list[list[int]]) -> None:
    room[s] -= 1
    while s != -1:
        item, came = parent[s]
        holders[s].append(item)
        if came != -1:
            holders[came].remove(item)
        s = came


def local_best(values: list, masks: list[int], seats: int, cap: int, n_slots: int):
    """Best total value of items one company can hold; returns (value, chosen flags)."""
    n = len(values)
    chosen = [False] * n
    order = sorted((i for i in range(n) if values[i] > 0 and masks[i]), key=lambda i: -values[i])
    if not order:
        return 0, chosen
    common = masks[order[0]]
    for i in order:
        common &= masks[i]
    if len(order) <= seats * common.bit_count():  # everything fits: top `cap` values
        for i in order[:cap]:
            chosen[i] = True
        return sum(values[i] for i in order[:cap]), chosen
    room = [seats] * n_slots
    holders: list[list[int]] = [[] for _ in range(n_slots)]
    total = 0
    taken = 0
    for i in order:
        if taken >= cap:
            break
        if _augment(i, masks, room, holders):
            chosen[i] = True
            total += values[i]
            taken += 1
    return total, chosen


class CompanyBound:
    """Lagrangian bound over companies with incremental re-evaluation."""

    def __init__(self, inst: Instance):
        self.inst = inst
        self.shift = [0.0] * inst.n_requests  # share_a = w/2 + shift, share_b = w/2 - shift
        self.value = [0.0] * inst.n_companies
        self.picked: list[list[bool]] = [[] for _ in range(inst.n_companies)]
        for c in range(inst.n_companies):
            self._solve_company(c)

    def _solve_company(self, c: int) -> None:
        inst = self.inst
        values, masks = [], []
        for r in inst.adj[c]:
            half = inst.weight[r] / 2
            values.append(half + self.shift[r] if inst.ra[r] == c else half - self.shift[r])
            masks.append(inst.request_mask[r])
        self.value[c], self.picked[c] = local_best(
            values, masks, inst.seats[c], inst.cap[c], inst.n_slots
        )

    def total(self) -> float:
        return sum(self.value)

    def subgradient(self) -> dict[int, int]:
        """Requests the two companies disagree on: +1 if only a holds it, -1 if only b."""
        inst = self.inst
        held_by_a = [False] * inst.n_requests
        held_by_b = [False] * inst.n_requests
        for c in range(inst.n_companies):
            for r, flag in zip(inst.adj[c], self.picked[c], strict=True):
                if flag:
                    if inst.ra[r] == c:
                        held_by_a[r] = True
                    else:
                        held_by_b[r] = True
        return {
            r: held_by_a[r] - held_by_b[r]
            for r in range(inst.n_requests)
            if held_by_a[r] != held_by_b[r]
        }

    def step(self, grad: dict[int, int], size: float) -> None:
        inst = self.inst
        touched = set()
        for r, g in grad.items():
            self.shift[r] -= size * g
            touched.add(inst.ra[r])
            touched.add(inst.rb[r])
        for c in sorted(touched):
            self._solve_company(c)


def simple_bound(inst: Instance):
    """Feasible-request and table-capacity bounds (cheap, always valid)."""
    usable = [inst.weight[r] for r in range(inst.n_requests) if inst.request_mask[r]]
    union = 0
    for m in inst.request_mask:
        union |= m
    places = sum(inst.tables[s] for s in _bits(union))
    usable.sort(reverse=True)
    return min(sum(usable), sum(usable[:places]))


def upper_bound(inst: Instance, lower: float, deadline: float):
    """Best valid bound found before `deadline`; `lower` is a known schedule's weight."""
    best = simple_bound(inst)
    if best <= lower + EPS:
        return _rounded(inst, best)
    company = CompanyBound(inst)
    best = min(best, company.total())
    size_factor = 1.0
    stale = 0
    while time.monotonic() < deadline and best > lower + EPS and stale < 30:
        grad = company.subgradient()
        if not grad:
            break
        gap = company.total() - lower
        company.step(grad, size_factor * max(gap, EPS) / len(grad))
        current = company.total()
        if current < best - EPS:
            best, stale = current, 0
        else:
            stale += 1
            size_factor = max(size_factor / 2, 1e-4) if stale % 4 == 0 else size_factor
    return _rounded(inst, best)


def _rounded(inst: Instance, bound):
    if inst.integral:
        return int(bound + 1e-6)
    return bound * (1 + 1e-12) + 1e-9  # absorb float rounding: the bound must stay true
