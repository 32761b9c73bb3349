"""Breaks phase with a proof: SAT under a cap on the breaks (`descend`, what `solve` uses)
and core-guided MaxSAT (RC2 from python-sat, `minimise_breaks`), both on BreaksModel.

`descend` first asks for every company at its own bound, raises the bound
on each refutation, then lowers a cap from the current schedule. RC2 raises
a lower bound core by core (each unsatisfiable core is a set of breaks of
which one must happen) until a model meets it. Either way the phase ends
with a schedule that has provably the fewest breaks for the frozen
meetings, or, out of budget, with the bound reached so far. The SAT oracle
(Glucose) starts from the current schedule's polarities.

Determinism: the oracle gets a budget in conflicts, which do not depend on
the machine; a timer that interrupts it at the deadline is only a safety net.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

from .sat_model import BreaksModel
from .state import Schedule

SOLVER = "g4"  # Glucose 4: honours conflict budgets and interrupts (CaDiCaL in pysat does not)
SIZE_LIMIT = 15_000  # meeting-slot variables; past it building the model takes seconds
RC2_OPTIONS: dict = {}



def available() -> bool:
    try:
        import pysat.examples.rc2  # noqa: F401  (probe only)
    except ImportError:
        return False
    return True


def worth_trying(st: Schedule) -> bool:
    """python-sat imports and the model stays event-sized."""
    if not st.n_scheduled or not available():
        return False
    masks = st.inst.request_mask
    size = sum(masks[r].bit_count() for r, s in enumerate(st.slot) if s >= 0 and not st.pinned[r])
    return size <= SIZE_LIMIT


class _Alarm(threading.Thread):
    """Calls `ring` once `seconds` have passed on the engine's clock (time.monotonic).

    Polls the clock rather than sleeping `seconds`, so the alarm keeps
    whatever clock the module sees (bench/cpu_clock.py swaps in CPU time).
    """

    def __init__(self, seconds: float, ring):
        super().__init__(daemon=True)
        self.until = time.monotonic() + max(seconds, 0.0)
        self.ring = ring
        self.stopped = threading.Event()
        self.start()

    def run(self) -> None:
        while not self.stopped.wait(0.05):
            if time.monotonic() >= self.until:
                self.ring()
                return

    def cancel(self) -> None:
        self.stopped.set()
        self.join()


@dataclass
class Outcome:
    lower: int  # proven: no schedule of these meetings (frozen ones kept) has fewer breaks
    optimal: bool  # the schedule now in `st` has exactly `lower` breaks


class _OutOfBudget(Exception):
    pass


def _rc2_class():
    from pysat.examples.rc2 import RC2

    class BudgetedRC2(RC2):
        """RC2 whose oracle calls share one conflict budget and stop when it is spent.

        The budget is set again before every call, from the oracle's own count,
        because RC2's core minimisation sets and clears budgets of its own.
        """

        budget = 0

        def _call_oracle(self, assumptions=(), expect_interrupt=False):
            left = self.budget - self.oracle.accum_stats().get("conflicts", 0)
            if left <= 0:
                raise _OutOfBudget
            self.oracle.conf_budget(left)
            found = self.oracle.solve_limited(assumptions=list(assumptions), expect_interrupt=True)
            if found is None:
                raise _OutOfBudget
            return found

    return BudgetedRC2


def minimise_breaks(st: Schedule, frozen: list[bool], conflicts: int, seconds: float,
                    needs: list[int] | None = None) -> Outcome:
    """Re-slot the movable scheduled meetings of `st` with the fewest breaks RC2 can prove.

    `needs`: breaks each company is proven to need (valid when every request is held).
    """
    from pysat.formula import WCNF

    model = BreaksModel(st, frozen, needs)
    formula = WCNF()
    formula.extend(model.hard)
    for b in model.soft:
        formula.append([-b], weight=1)
    rc2 = _rc2_class()(formula, solver=SOLVER, **RC2_OPTIONS)
    rc2.budget = conflicts
    rc2.oracle.set_phases(model.phases())
    timer = _Alarm(seconds, rc2.oracle.interrupt)
    try:
        found = _compute(rc2, model)
    except _OutOfBudget:
        found = None
    finally:
        timer.cancel()
        lower = model.offset + rc2.cost
        rc2.delete()
    if found is None:
        return Outcome(lower, False)
    _apply(st, model.movable, model.slots_of(found))
    return Outcome(lower, True)


def _compute(rc2, model: BreaksModel) -> list[int] | None:
    """RC2 until its model also respects the tables (added when a model breaks them).

    None if the hard clauses cannot be met, which the current schedule rules
    out; kept as a guard, the schedule then stays as it is.
    """
    while True:
        found = rc2.compute()
        if found is None:
            return None
        missing = model.over_tables(model.slots_of(found))
        if not missing:
            return found
        for clause in missing:
            rc2.add_clause(clause)


def _apply(st: Schedule, movable: list[int], slots: dict[int, int]) -> None:
    for r in movable:
        st.remove(r)
    for r in movable:
        st.place(r, slots[r])


def descend(st: Schedule, frozen: list[bool], lower: int, conflicts: int, seconds: float,
            needs: list[int] | None = None, climb: int = 0) -> Outcome:
    """Fewest breaks by SAT with a cap on their count: first at the bound, then from above.

    One oracle with a totalizer over the break literals. First, within
    `climb` conflicts, it asks for a schedule with exactly `lower` breaks (a
    proven bound): found, the schedule is optimal; refuted, `lower + 1` is
    proven and asked next. On brokerage events the bound is usually the
    optimum and one such call, started from the current schedule's
    polarities, is much cheaper than RC2's core by core climb. Then, with
    what is left of `conflicts`, the descent from the current schedule: the
    cap lowered after each schedule found, every improvement kept. When the
    cap reaches `lower`, or a cap is refuted, the schedule is optimal.
    """
    from pysat.card import ITotalizer
    from pysat.solvers import Solver

    model = BreaksModel(st, frozen, needs)
    own, own_total = model.at_own_bound()  # adds clauses: before the oracle is built
    best = _breaks_of(st)
    if best <= lower or not model.soft:  # no break literal: frozen meetings decide them all
        return Outcome(best, True)
    counter = ITotalizer(lits=model.soft, ubound=best - model.offset, top_id=model.pool.top)
    model.pool.occupy(model.pool.top + 1, counter.top_id)
    model.pool.top = counter.top_id  # table clauses added later take fresh ids
    oracle = Solver(name=SOLVER, bootstrap_with=model.hard + counter.cnf.clauses)
    timer = _Alarm(seconds, oracle.interrupt)
    try:
        search = _Capped(st, model, oracle, counter)
        if climb > 0 and own_total < best:
            found = search.ask(own_total, min(climb, conflicts), own)
            if found:
                return Outcome(_breaks_of(st), True)
            if found is False:
                lower = max(lower, own_total + 1)
        lower, done = search.climb(lower, best, min(climb, conflicts))
        if done:
            return Outcome(lower, True)
        return search.descend(lower, conflicts)
    finally:
        timer.cancel()
        oracle.delete()


class _Capped:
    """SAT calls on one oracle under a cap on the breaks, over the model of `st`."""

    def __init__(self, st, model, oracle, counter):
        self.st, self.model, self.oracle, self.counter = st, model, oracle, counter

    def ask(self, breaks: int, budget: int, assumptions: list[int] | None = None) -> bool | None:
        """A schedule with at most `breaks` breaks, applied to `st`: True; refuted: False;
        out of budget (conflicts counted over the oracle's life): None. Given
        `assumptions` replace the cap (they must imply it)."""
        model, oracle = self.model, self.oracle
        cap = breaks - model.offset
        if cap < 0:
            return False
        if assumptions is None:
            assumptions = [-self.counter.rhs[cap]]
        while True:
            left = budget - oracle.accum_stats().get("conflicts", 0)
            if left <= 0:
                return None
            oracle.set_phases(model.phases())
            oracle.conf_budget(left)
            found = oracle.solve_limited(assumptions=assumptions, expect_interrupt=True)
            if not found:
                return found
            slots = model.slots_of(oracle.get_model())
            missing = model.over_tables(slots)
            if not missing:
                _apply(self.st, model.movable, slots)
                return True
            oracle.append_formula(missing)

    def climb(self, lower: int, best: int, budget: int) -> tuple[int, bool]:
        """Ask for `lower` breaks, raising it on each refutation: (proven bound, optimal)."""
        while budget > 0 and lower < best:
            found = self.ask(lower, budget)
            if found is None:
                break
            if found:
                return _breaks_of(self.st), True
            lower += 1
        return lower, lower >= best

    def descend(self, lower: int, budget: int) -> Outcome:
        best = _breaks_of(self.st)
        while best > lower:
            found = self.ask(best - 1, budget)
            if found is None:
                return Outcome(lower, False)
            if not found:
                return Outcome(best, True)  # no schedule with fewer: this one is optimal
            best = _breaks_of(self.st)
        return Outcome(best, True)


def _breaks_of(st: Schedule) -> int:
    from .metrics import mask_breaks

    return sum(mask_breaks(occ, st.inst.day_ranges)[0] for occ in st.occ)
