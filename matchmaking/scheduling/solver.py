"""The solve() entry point: phases, time budget and progress reports.

Phases follow the objective order (weight, moved, fairness, breaks, idle
slots): fixed meetings, published meetings back in their slot, construction
(edge colouring when the instance has no availability limits, otherwise a
greedy), weight repair, complete-schedule tabu search (when everything could
fit), upper bound, ruin and recreate, with published meetings an insertion
that moves as few of them as it can (stable_insert.py), stability (published
meetings home again at no loss of weight), fairness, then breaks: annealing, and on
event-sized instances when python-sat imports, a MaxSAT model that proves the
fewest breaks (the pure-Python path is complete without it). Complete
schedules report a proven lower bound on breaks. Every phase is bounded by
deterministic work counts (attempts, moves, SAT conflicts) so the same input
and seed give the same schedule; the clock is only a safety net, and when it
cuts a phase short the result depends on machine speed.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable

from . import bounds, sat_breaks
from .break_bound import forced_breaks, forced_by_company
from .colouring import colour
from .complete import complete, worth_trying
from .construct import greedy, place_fixed, place_previous
from .explain import reasons
from .fairness import Fairness
from .improve import BreakSearch
from .instance import parse_instance
from .metrics import mask_breaks
from .repair import improve_weight
from .result import build_result
from .search import RuinRecreate
from .stability import Stability
from .stable_insert import StableInsertion
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
# Share of the time limit for the weight phases (ruin and recreate ends there
# unless its move budget does): at 20k requests it is cut by the clock, and
# 0.92 instead of 0.85 held 18 more weight on realistic-2k (CPU clock).
WEIGHT_SHARE = 0.92
# Pending requests tried by the move-counting insertion (stable_insert.py).
INSERTION_TRIES_PER_SECOND = 1_000
# The MaxSAT breaks phase: SAT conflicts per second of time limit (Glucose
# makes 15-20k a second on brokerage models on a quiet machine), and the share
# of the time left that the first SAT phase may take; before it, annealing
# gets ANNEAL_FIRST of its attempts. The first phase only climbs from the
# proven bound (every company at its own bound first); when that runs out,
# annealing gets the rest of its attempts and the descent from above starts
# from its schedule with FINAL_CONFLICTS_PER_SECOND, cut by the clock. Measured
# on the b2b family with a CPU clock under load: a larger climb budget proves
# more events (6k: 18 of 20; 4k: 15).
CLIMB_PER_SECOND = 6_000
FINAL_CONFLICTS_PER_SECOND = 15_000
SAT_SHARE = 0.7
ANNEAL_FIRST = 0.1


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
    place_previous(st)
    colour(st.inst, st)
    greedy(st, [r for r in range(st.inst.n_requests) if st.slot[r] == -1])


def _anneal_best_of(st: Schedule, rng, deadline: float, clock, attempts: int, report,
                    floor: int = 0) -> None:
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
        search.floor = floor
        used = search.run(deadline, clock, min(left, per_run), report.scaled(0.6, 1.0))
        left -= used
        if best is not None and (search.breaks, search.idle) >= best:
            st.restore(best_slots)
        elif left > 0:  # only copy the schedule when another run may beat it
            best, best_slots = (search.breaks, search.idle), st.snapshot()
        if used == 0 or left <= 0 or search.breaks <= floor or clock() >= deadline:
            return
        st.restore(start)


def _breaks(st: Schedule, rng, time_limit: float, deadline: float, clock, report) -> int | None:
    """Fewest breaks for the scheduled meetings; the SAT phase's proven bound, if it ran.

    Annealing first (cheap, often optimal on small events, and the fallback
    when the SAT budget runs out), then the SAT climb from the per-company
    bound unless annealing already met it, then annealing again: idle slots
    after a proof, or the rest of the search without one, followed, while
    the annealing's best is above the proven bound, by the SAT descent.
    """
    attempts = int(time_limit * ATTEMPTS_PER_SECOND)
    if not sat_breaks.worth_trying(st):
        _anneal_best_of(st, rng, deadline, clock, attempts, report)
        return None
    first = int(ANNEAL_FIRST * attempts)
    # The attempts end this run; the clock (most of the time left) is only a safety net.
    _anneal_best_of(st, rng, clock() + 0.6 * (deadline - clock()), clock, first, report)
    needs = forced_by_company(st.inst) if st.n_scheduled == st.inst.n_requests else None
    easy = sum(needs) if needs else 0
    if _breaks_now(st) <= easy:
        return None
    outcome = _prove_breaks(st, time_limit, deadline, clock, needs, easy)
    report(0.8)
    if outcome.optimal:  # fewest breaks proven: a short run for idle slots only
        _anneal_best_of(st, rng, deadline, clock, attempts // 10, report)
        return outcome.lower
    # until the annealing meets the proven bound, if it does
    _anneal_best_of(st, rng, deadline, clock, attempts - first, report, outcome.lower)
    if _breaks_now(st) <= outcome.lower:
        return outcome.lower
    return _descend_from_best(st, time_limit, deadline, clock, needs, outcome.lower)


def _descend_from_best(st: Schedule, time_limit: float, deadline: float, clock, needs,
                       lower: int) -> int:
    """What time is left: the SAT descent (cap lowered below each schedule found)
    from the annealing's best schedule; the bound it proves on the way.

    Its polarities are a schedule within a few breaks of the best one, so
    a schedule with one break fewer is near (b2b-16: 2 -> 1 in 30-110k
    conflicts from the annealed schedule; from the early annealing's, a
    descent found nothing in 70k).
    """
    # 10% of what is left for the alarm's polling and the solver's way out of an interrupt.
    outcome = sat_breaks.descend(st, st.pinned, lower, int(FINAL_CONFLICTS_PER_SECOND * time_limit),
                                 0.9 * (deadline - clock()), needs)
    return max(lower, outcome.lower)


def _prove_breaks(st: Schedule, time_limit: float, deadline: float, clock, needs,
                  easy: int) -> sat_breaks.Outcome:
    """SAT at the per-company bound, then the cap raised per refutation (sat_breaks.descend
    with the climb's budget only: the descent waits for the annealing's schedule).

    On the b2b family the per-company bound was the optimum on every event
    where anything proved one, and RC2's core by core climb never raised it:
    one SAT call at the bound from the annealing's polarities reaches it for
    a fraction of RC2's conflicts.
    """
    return sat_breaks.descend(st, st.pinned, easy, int(CLIMB_PER_SECOND * time_limit),
                              SAT_SHARE * (deadline - clock()), needs,
                              climb=int(CLIMB_PER_SECOND * time_limit))


def _breaks_now(st: Schedule) -> int:
    return sum(mask_breaks(occ, st.inst.day_ranges)[0] for occ in st.occ)


def _weight(st: Schedule, rng, time_limit: float, start: float, budget: float, clock,
            report) -> float:
    """Weight phases; return the proven upper bound on weight.

    With published meetings, they are first pinned in their slots so weight is
    sought around them; then the insertion that counts moves (stable_insert.py)
    places what needs published meetings moved, fewest moves per weight first,
    one unpinned insertion pass takes what is left, and the stability phase
    brings home what it can.
    """
    inst = st.inst
    if inst.n_previous:
        _pin_home(st)
    bound = bounds.simple_bound(inst)
    if st.weight < bound - 1e-9:
        improve_weight(st, rng, start + 0.15 * budget, clock)
    if worth_trying(st):
        complete(st, rng, int(time_limit * TABU_STEPS_PER_SECOND), start + 0.3 * budget, clock)
    report(0.3)
    if st.weight < bound - 1e-9:
        bound = bounds.upper_bound(inst, st.weight, min(start + budget, clock() + 0.1 * budget))
    else:
        bound = bounds._rounded(inst, bound)
    report(0.4)
    moves = int(time_limit * MOVES_PER_SECOND)
    until = start + (0.35 if inst.n_previous else WEIGHT_SHARE) * budget
    RuinRecreate(st, rng).run(until, clock, moves, bound)
    if inst.n_previous:
        st.pinned = [f >= 0 for f in inst.fixed]
        tries = int(time_limit * INSERTION_TRIES_PER_SECOND)
        StableInsertion(st, rng).run(start + 0.75 * budget, clock, tries)
        improve_weight(st, rng, start + 0.82 * budget, clock)
        Stability(st, rng).run(start + 0.88 * budget, clock)
    return bound


def _pin_home(st: Schedule) -> bool:
    """Pin fixed meetings and those in their published slot.

    Moves come before fairness and breaks in the objective, so no later move
    may take a meeting out of its published slot. True when any meeting is
    pinned that way (a breaks bound proved with them pinned holds for them only).
    """
    inst = st.inst
    st.pinned = [f >= 0 or (p >= 0 and st.slot[r] == p)
                 for r, (f, p) in enumerate(zip(inst.fixed, inst.previous, strict=True))]
    return any(p >= 0 and inst.fixed[r] < 0 and st.slot[r] == p
               for r, p in enumerate(inst.previous))


def _objective_bounds(st: Schedule, sat_lower: int | None, settled: bool) -> dict:
    """Proven bounds on moved and, for complete schedules, on breaks."""
    inst = st.inst
    bounds_ = {}
    if inst.n_previous:
        bounds_["moved"] = sum(1 for r, p in enumerate(inst.previous)
                               if p >= 0 and not inst.request_mask[r] >> p & 1)
    if st.n_scheduled == inst.n_requests:
        # Every schedule as good in weight holds every request: the per-company
        # bound applies to all of them, the SAT one when nothing else was pinned.
        proven = forced_breaks(inst)
        if sat_lower is not None and not settled:
            proven = max(proven, sat_lower)
        bounds_["breaks"] = proven
    return bounds_


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
    bound = _weight(st, rng, time_limit, start, budget, clock, report)
    if st.n_scheduled < inst.n_requests:
        tries = int(time_limit * FAIRNESS_TRIES_PER_SECOND)
        Fairness(st, rng).run(tries, start + (WEIGHT_SHARE + 0.05) * budget, clock)
    report(0.6)
    settled = _pin_home(st)
    sat_lower = _breaks(st, rng, time_limit, deadline, clock, report)
    st.pinned = [f >= 0 for f in inst.fixed]
    result = build_result(st, bound, reasons(st), clock() - start)
    result["objective_bounds"] = _objective_bounds(st, sat_lower, settled)
    report(1.0)
    return result
