"""The lower bounds on breaks must never exceed the true minimum (brute force), and the
MaxSAT phase reaches that minimum when it proves it."""

from __future__ import annotations

import itertools
import random

import pytest

from matchmaking.scheduling import parse_instance, sat_breaks, solve
from matchmaking.scheduling.break_bound import forced_breaks, forced_by_company
from matchmaking.scheduling.metrics import schedule_objective
from matchmaking.scheduling.state import Schedule

from .builders import make_instance, make_slots


def small_event(seed: int) -> dict:
    """Five companies, six slots over two days, forbidden slots, one seat each."""
    rng = random.Random(seed)
    slots = make_slots(6, tables=2, per_day=3 if seed % 2 else 6)
    ids = [s["id"] for s in slots]
    companies = [{"id": f"c{i}", "available": rng.sample(ids, rng.randint(3, 6))} for i in range(5)]
    pairs = rng.sample(list(itertools.combinations(range(5), 2)), 5)
    requests = [(f"c{a}", f"c{b}") for a, b in pairs]
    return make_instance(slots, companies, requests)


def complete_schedules(inst):
    """Every assignment of all requests that keeps seats (one each) and tables."""
    choices = [[s for s in range(inst.n_slots) if m >> s & 1] for m in inst.request_mask]
    for slots in itertools.product(*choices):
        per_company = [(c, s) for r, s in enumerate(slots) for c in (inst.ra[r], inst.rb[r])]
        per_slot = list(slots)
        if len(set(per_company)) < len(per_company):
            continue
        if any(per_slot.count(s) > inst.tables[s] for s in set(per_slot)):
            continue
        yield list(slots)


def fewest_breaks_when_complete(instance: dict):
    inst = parse_instance(instance)
    found = [schedule_objective(inst, slots)["breaks"] for slots in complete_schedules(inst)]
    return inst, min(found, default=None)


def test_forced_breaks_is_a_lower_bound_on_complete_schedules():
    positive = 0
    for seed in range(60):
        inst, best = fewest_breaks_when_complete(small_event(seed))
        if best is None:
            continue  # no complete schedule: the bound claims nothing
        bound = forced_breaks(inst)
        assert bound <= best, seed
        positive += bound > 0
    assert positive >= 3  # the check is not vacuous


@pytest.mark.skipif(not sat_breaks.available(), reason="needs python-sat")
def test_maxsat_bound_never_exceeds_the_minimum_and_meets_it_when_proven():
    proven = 0
    for seed in range(40):
        inst, best = fewest_breaks_when_complete(small_event(seed))
        if best is None:
            continue
        st = Schedule(inst)
        for r, s in enumerate(next(complete_schedules(inst))):
            st.place(r, s)

        outcome = sat_breaks.minimise_breaks(st, list(st.pinned), 100_000, 10.0)

        assert outcome.lower <= best, seed
        if outcome.optimal:
            proven += 1
            assert schedule_objective(inst, st.slot)["breaks"] == best == outcome.lower, seed
    assert proven >= 10  # the check is not vacuous


def test_maxsat_with_per_company_needs_and_descent_meet_the_minimum():
    """The needs stated as cores and the descent from above keep the bound honest."""
    proven = descended = 0
    for seed in range(40):
        inst, best = fewest_breaks_when_complete(small_event(seed))
        if best is None:
            continue
        needs = forced_by_company(inst)
        assert sum(needs) == forced_breaks(inst)
        for how in ("rc2", "descend"):
            st = Schedule(inst)
            for r, s in enumerate(next(complete_schedules(inst))):
                st.place(r, s)
            if how == "rc2":
                outcome = sat_breaks.minimise_breaks(st, list(st.pinned), 100_000, 10.0, needs)
            else:
                outcome = sat_breaks.descend(st, list(st.pinned), sum(needs), 100_000, 10.0, needs)
            breaks = schedule_objective(inst, st.slot)["breaks"]
            assert outcome.lower <= best <= breaks, (seed, how)
            if outcome.optimal:
                assert breaks == best == outcome.lower, (seed, how)
                proven += how == "rc2"
                descended += how == "descend"
    assert proven >= 10 and descended >= 10  # the check is not vacuous


def a_frozen_into_a_break():
    """Company a meets b in slot 0 and c in slot 2 (to be frozen: a break), d in slot 5;
    d may only use slots 0, 2, 3 and 5."""
    d = {"id": "d", "available": ["D1-00", "D1-02", "D1-03", "D1-05"]}
    instance = make_instance(make_slots(6, tables=3), ["a", "b", "c", d],
                             [("a", "b"), ("a", "c"), ("a", "d")])
    inst = parse_instance(instance)
    st = Schedule(inst)
    for r, s in enumerate((0, 2, 5)):
        st.place(r, s)
    return inst, st


def test_frozen_meetings_forcing_a_break_do_not_inflate_the_bound():
    """Company a is frozen into slots 0 and 2 (a break); its third meeting may not fill it."""
    inst, st = a_frozen_into_a_break()
    frozen = [True, True, False]

    outcome = sat_breaks.minimise_breaks(st, frozen, 10_000, 10.0)

    assert outcome.optimal
    assert outcome.lower == 1 == schedule_objective(inst, st.slot)["breaks"]


def from_the_worst_schedule():
    """(seed, instance, fewest breaks, per-company needs, schedule) for the small events
    that can hold every request, each scheduled with as many breaks as possible."""
    for seed in range(60):
        inst, best = fewest_breaks_when_complete(small_event(seed))
        if best is None:
            continue
        st = Schedule(inst)
        worst = max(complete_schedules(inst), key=lambda s: schedule_objective(inst, s)["breaks"])
        for r, s in enumerate(worst):
            st.place(r, s)
        yield seed, inst, best, forced_by_company(inst), st


def test_complete_result_reports_the_breaks_bound():
    instance = make_instance(
        make_slots(3, tables=1),
        [{"id": "a", "available": ["D1-00", "D1-02"]}, "b", "c"],
        [("a", "b"), ("a", "c")],
    )

    result = solve(instance, time_limit=1)

    assert result["unscheduled"] == []
    assert result["objective_bounds"] == {"breaks": 1}
    assert result["objective"]["breaks"] == 1


def test_solve_without_python_sat_still_gives_a_complete_valid_schedule(monkeypatch):
    from matchmaking.scheduling import sat_breaks
    from matchmaking.scheduling.metrics import check_result

    from .test_phases import planted_tight

    monkeypatch.setattr(sat_breaks, "available", lambda: False)
    instance = planted_tight(2)

    result = solve(instance, time_limit=1)

    assert result["unscheduled"] == []
    assert check_result(instance, result) == []
    assert result["objective"]["breaks"] >= result["objective_bounds"]["breaks"]


def test_sat_at_each_company_bound_then_above_proves_the_minimum():
    """descend's climb: every company at its own bound, then the total cap raised by one per
    refutation. Its bound never passes the brute-force minimum, it is reached when proven,
    and refutations do raise it above the per-company sum."""
    proven = raised = 0
    for seed, inst, best, needs, st in from_the_worst_schedule():
        outcome = sat_breaks.descend(st, list(st.pinned), sum(needs), 100_000, 10.0, needs,
                                     climb=100_000)

        breaks = schedule_objective(inst, st.slot)["breaks"]
        assert sum(needs) <= outcome.lower <= best <= breaks, seed
        assert outcome.optimal, seed  # tiny models: the budget always suffices
        assert breaks == best == outcome.lower, seed
        proven += 1
        raised += outcome.lower > sum(needs)
    assert proven >= 20 and raised >= 1  # the check is not vacuous


def test_own_bound_counts_breaks_that_frozen_meetings_force():
    """Company a is frozen into slots 0 and 2: one break whatever the rest does."""
    inst, st = a_frozen_into_a_break()

    outcome = sat_breaks.descend(st, [True, True, False], 0, 10_000, 10.0, climb=10_000)

    assert outcome.optimal
    assert outcome.lower == 1 == schedule_objective(inst, st.slot)["breaks"]


def test_descend_with_every_meeting_frozen_keeps_the_forced_breaks_as_optimal():
    instance = make_instance(make_slots(4, tables=2), ["a", "b", "c"], [("a", "b"), ("a", "c")])
    inst = parse_instance(instance)
    st = Schedule(inst)
    for r, s in enumerate((0, 3)):
        st.place(r, s)

    outcome = sat_breaks.descend(st, [True, True], 0, 10_000, 10.0, climb=10_000)

    assert outcome.optimal
    assert outcome.lower == 1 == schedule_objective(inst, st.slot)["breaks"]
    assert st.slot == [0, 3]


def test_last_descent_from_the_annealed_schedule_reaches_and_proves_the_minimum():
    """solver._descend_from_best: the SAT descent without the climb, from whatever schedule
    the annealing left, with only the per-company bound known. It never reports a bound
    above the brute-force minimum and, with the budget of tiny models, ends on it."""
    import time

    from matchmaking.scheduling import solver

    checked = 0
    for seed, inst, best, needs, st in from_the_worst_schedule():
        worst = schedule_objective(inst, st.slot)["breaks"]

        lower = solver._descend_from_best(st, 10.0, time.monotonic() + 10.0, time.monotonic,
                                          needs, sum(needs))

        assert schedule_objective(inst, st.slot)["breaks"] == best == lower, seed
        checked += best < worst
    assert checked >= 10  # the descent had something to improve
