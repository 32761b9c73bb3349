"""The optional CP-SAT breaks phase (skipped when OR-Tools is not installed)."""

from __future__ import annotations

import random

import pytest

from matchmaking.scheduling import exact_breaks, parse_instance
from matchmaking.scheduling.complete import complete
from matchmaking.scheduling.construct import greedy, place_fixed
from matchmaking.scheduling.metrics import schedule_objective

from .test_phases import assert_state_valid, planted_tight

pytestmark = pytest.mark.skipif(not exact_breaks.available(), reason="needs ortools")


def complete_schedule(seed: int):
    from matchmaking.scheduling.state import Schedule

    st = Schedule(parse_instance(planted_tight(seed, n_companies=16, n_slots=8)))
    place_fixed(st)
    greedy(st, list(range(st.inst.n_requests)))
    complete(st, random.Random(seed), 20_000, float("inf"), lambda: 0.0)
    return st


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_break_lns_keeps_every_meeting_and_never_adds_breaks(seed):
    st = complete_schedule(seed)
    before = schedule_objective(st.inst, st.slot)

    exact_breaks.BreakLNS(st, random.Random(seed)).run(0.3, float("inf"), lambda: 0.0)

    after = schedule_objective(st.inst, st.slot)
    assert after["scheduled"] == before["scheduled"]
    assert after["weight"] == before["weight"]
    assert after["breaks"] <= before["breaks"]
    assert_state_valid(st)


def test_break_lns_is_deterministic():
    runs = []
    for _ in range(2):
        st = complete_schedule(4)
        exact_breaks.BreakLNS(st, random.Random(0)).run(0.2, float("inf"), lambda: 0.0)
        runs.append(st.snapshot())
    assert runs[0] == runs[1]
