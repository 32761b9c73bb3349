"""The solve() entry point: phases, time budget and progress reports.

Phases: fixed meetings, construction (edge colouring when the instance has no
availability limits, otherwise a greedy), weight repair, complete-schedule
tabu search (when everything could fit), upper bound, ruin and recreate,
fairness, breaks annealing, and on event-sized instances when OR-Tools
imports, CP-SAT neighbourhoods for breaks (optional; the pure-Python path is
complete without it). Complete schedules also report a proven lower bound on
breaks. Every phase is bounded by deterministic work counts so the same
input and seed give the same schedule; the clock is only a safety net, and
when it cuts a phase short the result depends on machine speed.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable

from . import bounds
from .break_bound import forced_breaks
from .colouring import colour
from .complete import complete, worth_trying
from .construct import greedy, place_fixed
from .exact_breaks import BreakLNS
from .exact_breaks import worth_trying as lns_worth_trying
from .explain import reasons
from .fairness import Fairness
from .improve import BreakSearch
from .instance import parse_instance
from .repair import improve_weight
from .result import build_result
from .search import RuinRecreate
from .state import Schedule

# Annealing attempts per run and second of time limit: on a tight brokerage
# event one core does ~150k/s (Kempe swaps there are the slowest), so RUNS runs
# end on the budget, not the deadline, and the result is reproducible. On
# large events the deadline cuts the one run, and a longer round would not
# cool down in time.
ATTEMPTS_PER_SECOND = 20_000
MOVES_PER_SECOND = 2_500
RUNS = 2  # annealing runs from the same start on the pure-Python path
RUNS_SIZE_LIMIT = 5_000  # scheduled meetings; larger events get one run
TABU_STEPS_PER_SECOND = 3_000
FAIRNESS_TRIES_PER_SECOND = 500
# Share of the time limit for the CP-SAT breaks phase (optional, needs
# OR-Tools), in its own deterministic work units.
LNS_SHARE = 0.5


class _Progress:
    """Monotone, best-effort progress reporting (a failing callback must not kill a solve)."""

    def __init__(self, callback: Callable[[float], None] | None):
        self.callback = callback
        self.last = 0.0

    def __call__(self, fraction: float) -> None:
        fraction = min(1.0, max(self.last, fraction))
        if self.callback is None or fraction <= self.last and fraction < 1.0:
            return
        self.last = fraction
        self.callback(fraction)

    def scaled(self, low: float, high: float) -> Callable[[float], None]:
        return lambda f: self(low + (high - low) * f)


def _construct(st: Schedule) -> None:
    place_fixed(st)
    colour(st.inst, st)
    greedy(st, [r for r in range(st.inst.n_requests) if st.slot[r] == -1])


def _anneal_best_of(st: Schedule, rng, deadline: float, clock, attempts: int, report) -> None:
    """Independent annealing runs from the same start while attempts remain; keep the best.

    A run usually ends on its patience well inside the budget, and on
    brokerage events runs from one start differ by a factor of two in breaks
    (seeds measured: 5 to 14), so more runs pay more than a longer one.
    """
    start, best, best_slots = st.snapshot(), None, None
    per_run = attempts
    left = attempts * (RUNS if st.n_scheduled <= RUNS_SIZE_LIMIT else 1)
    while True:
        search = BreakSearch(st, rng)
        used = search.run(deadline, clock, min(left, per_run), report.scaled(0.6, 1.0))
        left -= used
        if best is not None and (search.breaks, search.idle) >= best:
            st.restore(best_slots)
        elif left > 0:  # only copy the schedule when another run may beat it
            best, best_slots = (search.breaks, search.idle), st.snapshot()
        if used == 0 or left <= 0 or search.breaks == 0 or clock() >= deadline:
            return
        st.restore(start)


def _breaks(st: Schedule, rng, time_limit: float, deadline: float, clock, report) -> None:
    """Annealing runs; with OR-Tools, one short run, CP-SAT neighbourhoods, then idle polish."""
    attempts = int(time_limit * ATTEMPTS_PER_SECOND)
    if not lns_worth_trying(st):
        _anneal_best_of(st, rng, deadline, clock, attempts, report)
        return
    now = clock()
    BreakSearch(st, rng).run(now + 0.3 * (deadline - now), clock, attempts // 2)
    report(0.7)
    now = clock()
    BreakLNS(st, rng).run(LNS_SHARE * time_limit, now + 0.85 * (deadline - now), clock)
    report(0.9)
    BreakSearch(st, rng).run(deadline, clock, attempts // 10)


def solve(
    instance: dict,
    *,
    time_limit: float = 10.0,
    seed: int = 0,
    progress: Callable[[float], None] | None = None,
) -> dict:
    """Schedule `instance` (spec format); raise InvalidInstance if it is not valid."""
    clock = time.monotonic
    start = clock()
    report = _Progress(progress)
    inst = parse_instance(instance)
    # Leave room to build the result and its reasons: measured ~0.1-0.2 s at
    # 20k requests, doubled for a loaded machine, so the call returns within
    # the limit even at 1 s (the break search is what the deadline cuts).
    reserve = 0.1 + 1.5e-5 * inst.n_requests
    deadline = start + max(time_limit - reserve, 0.0)
    budget = max(deadline - start, 0.0)
    rng = random.Random(seed)
    st = Schedule(inst)
    _construct(st)
    report(0.1)
    bound = bounds.simple_bound(inst)
    if st.weight < bound - 1e-9:
        improve_weight(st, rng, start + 0.15 * budget, clock)
    if worth_trying(st):
        complete(st, rng, int(time_limit * TABU_STEPS_PER_SECOND), start + 0.3 * budget, clock)
    report(0.3)
    if st.weight < bound - 1e-9:
        bound = bounds.upper_bound(inst, st.weight, min(deadline, clock() + 0.1 * budget))
    else:
        bound = bounds._rounded(inst, bound)
    report(0.4)
    moves = int(time_limit * MOVES_PER_SECOND)
    RuinRecreate(st, rng).run(start + 0.85 * budget, clock, moves, bound)
    if st.n_scheduled < inst.n_requests:
        tries = int(time_limit * FAIRNESS_TRIES_PER_SECOND)
        Fairness(st, rng).run(tries, start + 0.9 * budget, clock)
    report(0.6)
    _breaks(st, rng, time_limit, deadline, clock, report)
    # Only complete schedules are optimal in weight, where the bound applies.
    breaks_bound = forced_breaks(inst) if st.n_scheduled == inst.n_requests else None
    result = build_result(st, bound, reasons(st), clock() - start)
    if breaks_bound is not None:
        result["objective_bounds"] = {"breaks": breaks_bound}
    report(1.0)
    return result
