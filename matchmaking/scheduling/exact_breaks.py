"""Optional breaks phase: large-neighbourhood search with CP-SAT sub-models.

Used only when OR-Tools imports; the pure-Python phases never need it. The
set of scheduled meetings is frozen (weight and fairness cannot change). A
neighbourhood frees the meetings of a company with a break and of some of
the companies it meets; CP-SAT re-slots just those, with every other meeting
a constant, minimising the breaks of the companies involved. A whole-event
model with one worker stalls on brokerage-sized events (measured: no gain in
6 s), while sub-models of ~60 meetings solve to optimality in milliseconds.

Breaks of a company and day = (blocks of occupied slots) - 1, where a block
starts at an occupied slot whose predecessor of that day is empty.

Determinism: one worker and a deterministic-time limit per sub-model, the
neighbourhoods drawn from the seeded generator; the wall clock is only a
safety net.
"""

from __future__ import annotations

import random

from .metrics import mask_breaks
from .state import Schedule

FREE_TARGET = 20  # meetings freed per neighbourhood: small models solve to optimality
# Sub-models in a row without a break less before the phase gives up (small
# events where nothing more can be gained should not use the whole budget).
PATIENCE = 150
MIX = 0.3  # share of neighbourhoods built from other breaking companies
DET_PER_MODEL = 0.05  # deterministic-time units per sub-model
# Work of a sub-model = MODEL_COST + DET_COST * its deterministic time: a
# fit of wall seconds over brokerage-1..6, where small models cost mostly
# building and presolve and large ones mostly search. Counting both keeps the
# budget, not the clock, the usual end of the phase.
MODEL_COST = 0.01
DET_COST = 2.0
SIZE_LIMIT = 5_000  # scheduled meetings; the phase is for event-sized instances
_ONE = 1  # an occupied slot outside the neighbourhood (compared by identity)


def available() -> bool:
    try:
        import ortools.sat.python.cp_model  # noqa: F401  (probe only)
    except ImportError:
        return False
    return True


class _SubModel:
    """Meetings in `free` get a boolean per usable slot; everything else is constant."""

    def __init__(self, st: Schedule, free: list[int]):
        from ortools.sat.python import cp_model

        self.cp, self.st, self.free = cp_model, st, free
        self.m = cp_model.CpModel()
        self.x: dict[tuple[int, int], object] = {}
        self.per_cs: dict[tuple[int, int], list] = {}
        self.companies: set[int] = set()

    def assignment(self) -> None:
        st, inst, m = self.st, self.st.inst, self.m
        per_slot: dict[int, list] = {}
        for r in self.free:
            st.remove(r)
        for r in self.free:
            row = []
            for s in _bits(inst.request_mask[r]):
                v = m.NewBoolVar("")
                self.x[r, s] = v
                row.append(v)
                per_slot.setdefault(s, []).append(v)
                for c in (inst.ra[r], inst.rb[r]):
                    self.per_cs.setdefault((c, s), []).append(v)
                    self.companies.add(c)
            m.AddExactlyOne(row)
        for s, vs in per_slot.items():
            room = inst.tables[s] - st.used[s]
            if len(vs) > room:
                m.Add(sum(vs) <= room)
        for (c, s), vs in self.per_cs.items():
            room = inst.seats[c] - st.load[c * st.S + s]
            if len(vs) > room:
                m.Add(sum(vs) <= room)

    def occupancy(self, c: int, s: int):
        """1 when c already meets in s outside the neighbourhood, else a literal or None."""
        if self.st.occ[c] >> s & 1:
            return _ONE
        vs = self.per_cs.get((c, s))
        if not vs:
            return None
        y = self.m.NewBoolVar("")
        for v in vs:
            self.m.AddImplication(v, y)
        self.m.AddBoolOr(vs).OnlyEnforceIf(y)
        return y

    def day_blocks(self, c: int, first: int, length: int) -> list:
        """Block-start terms of c's day; the day's breaks are their sum minus one."""
        m, ys, starts = self.m, [self.occupancy(c, s) for s in range(first, first + length)], []
        for i, y in enumerate(ys):
            prev = ys[i - 1] if i else None
            if y is None or prev is _ONE:
                continue
            if prev is None:
                starts.append(y)
                continue
            b = m.NewBoolVar("")
            m.Add(b >= y - prev)
            starts.append(b)
        return starts

    def objective(self) -> None:
        """Sum over involved companies and days of max(0, blocks - 1)."""
        terms = []
        for c in sorted(self.companies):
            for first, length in self.st.inst.day_ranges:
                starts = self.day_blocks(c, first, length)
                if len(starts) < 2:
                    continue
                extra = self.m.NewIntVar(0, len(starts), "")
                self.m.Add(extra >= sum(starts) - 1)
                terms.append(extra)
        self.m.Minimize(sum(terms))

    def solve(self, det_time: float, wall: float) -> dict[int, int] | None:
        solver = self.cp.CpSolver()
        solver.parameters.num_workers = 1
        # The LP relaxation of a break count is weak; skipping it measured
        # about 1.5x faster sub-models with the same results.
        solver.parameters.linearization_level = 0
        solver.parameters.max_deterministic_time = det_time
        solver.parameters.max_time_in_seconds = max(wall, 0.01)
        status = solver.Solve(self.m)
        self.det_time = solver.ResponseProto().deterministic_time
        if status not in (self.cp.OPTIMAL, self.cp.FEASIBLE):
            return None
        return {r: s for (r, s), v in self.x.items() if solver.BooleanValue(v)}


class BreakLNS:
    def __init__(self, st: Schedule, rng: random.Random):
        self.st, self.rng, self.inst = st, rng, st.inst
        self.spent = 0.0  # CP-SAT deterministic time used so far
        self.models = 0
        self.partners: list[list[int]] = [[] for _ in range(st.inst.n_companies)]
        for r in range(st.inst.n_requests):
            if st.slot[r] >= 0:
                a, b = st.inst.ra[r], st.inst.rb[r]
                self.partners[a].append(b)
                self.partners[b].append(a)

    def breaks_of(self, c: int) -> int:
        return mask_breaks(self.st.occ[c], self.inst.day_ranges)[0]

    def neighbourhood(self, c: int, breaking: list[int]) -> list[int]:
        """Movable meetings of c and of other companies, about FREE_TARGET in all.

        The others are c's partners (their meetings are what blocks c's day)
        or, half of the time, other companies with a break (repairs that
        only pay when several days change together).
        """
        st, inst, rng = self.st, self.inst, self.rng
        free: list[int] = []
        seen: set[int] = set()
        pool = breaking if rng.random() < MIX else self.partners[c]
        others = list(pool)
        rng.shuffle(others)
        for d in [c] + others:
            if len(free) >= FREE_TARGET:
                break
            for r in inst.adj[d]:
                if r not in seen and st.slot[r] >= 0 and inst.fixed[r] < 0:
                    seen.add(r)
                    free.append(r)
        return free

    def attempt(self, c: int, breaking: list[int], wall: float) -> int:
        """Re-slot one neighbourhood of c; return the change in total breaks (<= 0)."""
        st, inst = self.st, self.inst
        free = self.neighbourhood(c, breaking)
        involved = {x for r in free for x in (inst.ra[r], inst.rb[r])}
        before = sum(self.breaks_of(x) for x in involved)
        old = {r: st.slot[r] for r in free}
        model = _SubModel(st, free)
        model.assignment()
        model.objective()
        found = model.solve(DET_PER_MODEL, wall)
        self.spent += model.det_time
        for r, s in (found or old).items():
            st.place(r, s)
        after = sum(self.breaks_of(x) for x in involved)
        if after > before:  # a model cut short can return worse than it started
            for r in free:
                st.remove(r)
            for r, s in old.items():
                st.place(r, s)
            return 0
        return after - before

    def work(self) -> float:
        """Work done, in about seconds of a loaded two-core machine (measured fit)."""
        return MODEL_COST * self.models + DET_COST * self.spent

    def run(self, max_work: float, deadline: float, clock) -> None:
        """Visit breaking companies at random until the budget or the patience runs out."""
        stale = 0
        while self.work() < max_work and stale < PATIENCE:
            breaking = [c for c in range(self.inst.n_companies) if self.breaks_of(c) > 0]
            now = clock()
            if not breaking or now >= deadline:
                return
            c = breaking[self.rng.randrange(len(breaking))]
            stale = 0 if self.attempt(c, breaking, deadline - now) < 0 else stale + 1
            self.models += 1


def worth_trying(st: Schedule) -> bool:
    return 0 < st.n_scheduled <= SIZE_LIMIT and available()


def _bits(mask: int) -> list[int]:
    out = []
    while mask:
        low = mask & -mask
        out.append(low.bit_length() - 1)
        mask ^= low
    return out
