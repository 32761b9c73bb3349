"""A proven lower bound on breaks, valid among schedules that hold every request.

Each company is looked at alone (a relaxation: the other companies, tables
and the partners' calendars are ignored, except through each request's own
usable slots). A company with one seat and k requests that must all be held
has no break only when, for some choice of one interval per day (possibly
empty) with k slots in total, its requests can be matched one-to-one onto
those slots. When no such choice exists the company must break at least
once, so the number of such companies is a lower bound on total breaks.

It only holds when every request is scheduled (the result is then optimal in
weight and this is the minimum over optimal schedules), so the caller uses it
for complete schedules only. Companies with several seats count as 0 (safe).
"""

from __future__ import annotations

from .instance import Instance

WORK_LIMIT = 100_000  # matching steps over the whole bound; past it, count 0 (safe)


class _Budget:
    def __init__(self, limit: int):
        self.left = limit

    def spend(self, n: int) -> bool:
        self.left -= n
        return self.left >= 0


def _matches(masks: list[int], union: int, budget: _Budget) -> bool:
    """Every request gets its own slot of `union` (a perfect matching when sizes agree)."""
    owner: dict[int, int] = {}

    def augment(i: int, seen: int) -> tuple[bool, int]:
        free = masks[i] & union & ~seen
        while free:
            low = free & -free
            free ^= low
            seen |= low
            j = owner.get(low)
            if j is None:
                owner[low] = i
                return True, seen
            ok, seen = augment(j, seen)
            if ok:
                owner[low] = i
                return True, seen
        return False, seen

    for i in range(len(masks)):
        if not budget.spend(len(masks)) or not augment(i, 0)[0]:
            return False
    return True


def _intervals(first: int, length: int, size: int) -> list[int]:
    if size == 0:
        return [0]
    block = (1 << size) - 1
    return [block << (first + i) for i in range(length - size + 1)]


def _unbroken(masks: list[int], days, budget: _Budget) -> bool:
    """Some one-interval-per-day window of len(masks) slots admits a perfect matching."""
    everything = 0
    for m in masks:
        everything |= m
    # Identical masks (no availability limits): any window inside them matches.
    same = all(m == masks[0] for m in masks)

    def search(d: int, need: int, union: int) -> bool:
        if d == len(days):
            if need:
                return False
            if same:
                return True
            return all(m & union for m in masks) and _matches(masks, union, budget)
        first, length = days[d]
        later = sum(n for _f, n in days[d + 1 :])
        for size in range(max(0, need - later), min(need, length) + 1):
            for window in _intervals(first, length, size):
                if not budget.spend(1):
                    return True  # out of work: claim nothing for this company
                if window & ~everything:
                    continue  # a slot no request can use would stay empty
                if search(d + 1, need - size, union | window):
                    return True
                if budget.left < 0:
                    return True  # out of work: claim nothing for this company
        return False

    return search(0, len(masks), 0)


def forced_breaks(inst: Instance) -> int:
    """Companies that cannot hold all their requests in one block per day."""
    every_slot = (1 << inst.n_slots) - 1
    if all(m == every_slot for m in inst.request_mask) and all(f < 0 for f in inst.fixed):
        return 0  # no limits: every company's requests fit in one block (Konig instances)
    budget = _Budget(WORK_LIMIT)
    total = 0
    for c, requests in enumerate(inst.adj):
        if not requests or inst.seats[c] > 1:
            continue
        fixed = inst.fixed
        masks = [1 << fixed[r] if fixed[r] >= 0 else inst.request_mask[r] for r in requests]
        if not _unbroken(masks, inst.day_ranges, budget):
            total += 1
    return total
