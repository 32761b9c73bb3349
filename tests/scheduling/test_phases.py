"""Behaviour of single phases: complete-schedule search, fairness, gap masks."""

from __future__ import annotations

import random

import pytest

from matchmaking.scheduling import parse_instance, solve
from matchmaking.scheduling.complete import complete, worth_trying
from matchmaking.scheduling.construct import greedy
from matchmaking.scheduling.fairness import Fairness
from matchmaking.scheduling.metrics import check_result, gap_mask
from matchmaking.scheduling.state import Schedule

from .builders import make_instance, make_slots


def planted_tight(seed: int, n_companies: int = 14, n_slots: int = 6) -> dict:
    """Requests from a hidden complete schedule whose tables are all taken."""
    rng = random.Random(seed)
    slots = make_slots(n_slots, tables=0)
    pairs: set = set()
    requests = []
    for slot in slots:
        people = list(range(n_companies))
        rng.shuffle(people)
        for a, b in zip(people[::2], people[1::2], strict=False):
            if (min(a, b), max(a, b)) in pairs or rng.random() < 0.3:
                continue
            pairs.add((min(a, b), max(a, b)))
            slot["tables"] += 1
            request = {"id": f"r{len(requests)}", "a": f"c{a}", "b": f"c{b}"}
            if rng.random() < 0.3:  # a window that still holds the hidden slot
                request["available"] = [slot["id"]] + [rng.choice(slots)["id"]]
            requests.append(request)
    return make_instance(slots, [f"c{i}" for i in range(n_companies)], requests)


def assert_state_valid(st: Schedule) -> None:
    inst = st.inst
    for s in range(st.S):
        assert st.used[s] <= inst.tables[s]
    for c in range(inst.n_companies):
        assert st.cnt[c] <= inst.cap[c]
        assert all(st.load[c * st.S + s] <= inst.seats[c] for s in range(st.S))


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_tight_event_gets_every_meeting_when_a_complete_schedule_exists(seed):
    instance = planted_tight(seed)

    result = solve(instance, time_limit=1)

    assert result["unscheduled"] == []
    assert check_result(instance, result) == []


@pytest.mark.parametrize("seed", [5, 6, 7])
def test_complete_search_fills_what_the_greedy_left_out(seed):
    inst = parse_instance(planted_tight(seed, n_companies=20, n_slots=8))
    st = Schedule(inst)
    greedy(st, list(range(inst.n_requests)))
    left_out = inst.n_requests - st.n_scheduled

    done = worth_trying(st) and complete(st, random.Random(0), 20_000, float("inf"), lambda: 0.0)

    assert left_out == 0 or done
    assert st.n_scheduled == inst.n_requests
    assert_state_valid(st)


def test_complete_search_is_not_tried_when_a_cap_rules_out_holding_everything():
    slots = make_slots(2, tables=2)
    companies = [{"id": "star", "max_meetings": 1}, "x", "y"]
    st = Schedule(parse_instance(make_instance(slots, companies, [("star", "x"), ("star", "y")])))

    assert not worth_trying(st)


def test_fairness_gives_the_company_without_meetings_one_at_equal_weight():
    # One table, two slots: holding a-b twice over c-d would leave d with nothing.
    slots = make_slots(2, tables=1)
    companies = ["a", "b", "c", "d"]
    instance = make_instance(slots, companies, [("a", "b"), ("a", "c"), ("c", "d")])
    inst = parse_instance(instance)
    st = Schedule(inst)
    st.place(0, 0)  # a-b
    st.place(1, 1)  # a-c: d is left at zero meetings

    Fairness(st, random.Random(0)).run(100, float("inf"), lambda: 0.0)

    assert st.weight == 2
    assert min(st.cnt) == 1
    assert_state_valid(st)


def test_solve_reports_the_fairer_of_two_schedules_of_equal_weight():
    slots = make_slots(2, tables=1)
    instance = make_instance(slots, ["a", "b", "c", "d"], [("a", "c"), ("a", "b"), ("c", "d")])

    result = solve(instance, time_limit=1)

    assert result["objective"]["weight"] == 2
    assert result["objective"]["fairness"] == 1


def test_gap_mask_marks_empty_slots_inside_each_day_only():
    days = [(0, 4), (4, 4)]
    occ = 0b1001 | (0b0110 << 4)  # day 1: first and last slot; day 2: a block

    assert gap_mask(occ, days) == 0b0110
    assert gap_mask(0, days) == 0
