"""A proven lower bound on breaks, valid among schedules that hold every request.

Each company is looked at alone (a relaxation: the other companies, tables
and the partners' calendars are ignored, except through each request's own
usable slots). A company with one seat and k requests that must all be held
has no break only when, for some choice of one block of slots per day
(possibly empty) with k slots in total, its requests can be matched
one-to-one onto those slots; it has at most one break only when the same
works with two blocks on one of the days. The breaks each company needs
alone, counted up to two, add up to a lower bound on total breaks.

It only holds when every request is scheduled (the result is then optimal in
weight and this is the minimum over optimal schedules), so the caller uses it
for complete schedules only. Companies with several seats count as 0 (safe).
"""

from __future__ import annotations

from .instance import Instance

WORK_LIMIT = 150_000  # matching steps over the whole bound; past it, count 0 (safe)


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


def _day_sets(first: int, length: int, size: int, two: bool):
    """(slot mask, breaks) of `size` slots of one day in one block, or in two if `two`."""
    if size == 0:
        yield 0, 0
        return
    block = (1 << size) - 1
    for i in range(length - size + 1):
        yield block << (first + i), 0
    if not two:
        return
    for p in range(1, size):
        left, right = (1 << p) - 1, (1 << (size - p)) - 1
        for a in range(length - size):
            for b in range(a + p + 1, length - (size - p) + 1):
                yield (left << (first + a)) | (right << (first + b)), 1


def _fits(masks: list[int], days, budget: _Budget, spare: int) -> bool:
    """Some choice of day blocks with at most `spare` breaks admits a perfect matching.

    Out of work counts as a yes: the bound then claims nothing for the company.
    """
    everything = 0
    for m in masks:
        everything |= m
    # Identical masks (no availability limits): any window inside them matches.
    same = all(m == masks[0] for m in masks)

    def search(d: int, need: int, union: int, spare: int) -> bool:
        if d == len(days):
            if need:
                return False
            if same:
                return True
            return all(m & union for m in masks) and _matches(masks, union, budget)
        first, length = days[d]
        later = sum(n for _f, n in days[d + 1 :])
        for size in range(max(0, need - later), min(need, length) + 1):
            for window, cost in _day_sets(first, length, size, spare > 0):
                if not budget.spend(1):
                    return True
                if window & ~everything:
                    continue  # a slot no request can use would stay empty
                if search(d + 1, need - size, union | window, spare - cost):
                    return True
                if budget.left < 0:
                    return True
        return False

    return search(0, len(masks), 0, spare)


def forced_breaks(inst: Instance) -> int:
    """Sum over companies of the breaks each needs alone, counted up to two."""
    return sum(forced_by_company(inst))


def forced_by_company(inst: Instance) -> list[int]:
    """The breaks each company needs alone (0, 1 or 2), when every request is held."""
    out = [0] * inst.n_companies
    every_slot = (1 << inst.n_slots) - 1
    if all(m == every_slot for m in inst.request_mask) and all(f < 0 for f in inst.fixed):
        return out  # no limits: every company's requests fit in one block (Konig instances)
    budget = _Budget(WORK_LIMIT)
    for c, requests in enumerate(inst.adj):
        if not requests or inst.seats[c] > 1:
            continue
        fixed = inst.fixed
        masks = [1 << fixed[r] if fixed[r] >= 0 else inst.request_mask[r] for r in requests]
        for spare in (0, 1):
            if _fits(masks, inst.day_ranges, budget, spare):
                break
            out[c] += 1  # this company needs more than `spare` breaks
    return out
