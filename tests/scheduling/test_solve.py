"""Behaviour of solve(): validity, objective numbers, Konig cases, fixed meetings, breaks."""

from __future__ import annotations

import pytest

from matchmaking.scheduling import solve
from matchmaking.scheduling.metrics import check_result, evaluate_result

from .builders import make_instance, make_slots, random_bipartite


def assert_valid(instance: dict, result: dict) -> None:
    assert check_result(instance, result) == []
    recomputed = evaluate_result(instance, result)
    for key, value in recomputed.items():
        assert result["objective"][key] == value, key
    assert result["objective"]["weight"] <= result["upper_bound"]["weight"]
    assert sorted(result["reasons"]) == sorted(result["unscheduled"])


def test_spec_example_keeps_the_fixed_meeting(spec_example):
    result = solve(spec_example, time_limit=2)

    assert result["format"] == "matchmaking-schedule-result/1"
    assert result["meetings"] == [{"request": "r-17", "slot": "D1-0930", "table": 1}]
    assert result["unscheduled"] == []
    assert result["objective"]["weight"] == 3
    assert result["upper_bound"] == {"weight": 3}
    assert result["optimal"] is True
    assert isinstance(result["seconds"], float)
    assert_valid(spec_example, result)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_bipartite_without_limits_schedules_everything_with_max_degree_slots(seed):
    instance = random_bipartite(seed, side=12, n_slots=6, density=0.6)
    degrees: dict = {}
    for r in instance["requests"]:
        for c in (r["a"], r["b"]):
            degrees[c] = degrees.get(c, 0) + 1
    assert max(degrees.values()) == 6  # slots == largest degree: Konig is tight

    result = solve(instance, time_limit=2)

    assert result["unscheduled"] == []
    assert result["optimal"] is True
    assert_valid(instance, result)


def test_bipartite_with_exactly_enough_tables_schedules_everything():
    instance = random_bipartite(7, side=10, n_slots=5, density=0.5)
    requests = len(instance["requests"])
    for slot in instance["slots"]:
        slot["tables"] = requests // 5
    instance["requests"] = instance["requests"][: 5 * (requests // 5)]  # slots*tables == requests

    result = solve(instance, time_limit=2)

    assert result["unscheduled"] == []
    assert_valid(instance, result)


def test_delegation_with_two_seats_meets_twice_in_one_slot():
    slots = make_slots(1, tables=5)
    companies = [{"id": "big", "seats": 2}, "x", "y"]
    instance = make_instance(slots, companies, [("big", "x"), ("big", "y")])

    result = solve(instance, time_limit=2)

    assert len(result["meetings"]) == 2
    assert_valid(instance, result)


def test_fixed_meetings_stay_in_their_slot():
    slots = make_slots(4, tables=3)
    companies = ["a", "b", "c", "d"]
    pairs = [("a", "b"), ("a", "c"), ("a", "d"), ("b", "c"), ("b", "d"), ("c", "d")]
    fixed = [{"request": "r0", "slot": slots[3]["id"]}, {"request": "r5", "slot": slots[3]["id"]}]
    instance = make_instance(slots, companies, pairs, fixed)

    result = solve(instance, time_limit=2)

    where = {m["request"]: m["slot"] for m in result["meetings"]}
    assert where["r0"] == where["r5"] == slots[3]["id"]
    assert_valid(instance, result)


def test_heavier_request_wins_a_company_cap():
    slots = make_slots(3, tables=3)
    companies = [{"id": "star", "max_meetings": 1}, "x", "y"]
    requests = [
        {"id": "light", "a": "star", "b": "x", "weight": 1},
        {"id": "heavy", "a": "star", "b": "y", "weight": 5},
    ]
    instance = make_instance(slots, companies, requests)

    result = solve(instance, time_limit=2)

    assert [m["request"] for m in result["meetings"]] == ["heavy"]
    assert result["reasons"] == {"light": "company_cap"}
    assert_valid(instance, result)


def test_reasons_name_missing_common_slot_and_full_tables():
    slots = make_slots(2, tables=1)
    companies = [
        {"id": "am", "available": [slots[0]["id"]]},
        {"id": "pm", "available": [slots[1]["id"]]},
        "x",
        "y",
    ]
    requests = [
        {"id": "never", "a": "am", "b": "pm"},
        {"id": "first", "a": "am", "b": "x", "weight": 3},
        {"id": "second", "a": "y", "b": "x", "available": [slots[0]["id"]]},
    ]
    instance = make_instance(slots, companies, requests)

    result = solve(instance, time_limit=2)

    assert result["reasons"]["never"] == "no_common_slot"
    assert result["reasons"]["second"] == "tables_full"
    assert_valid(instance, result)


def test_zero_breaks_found_when_a_compact_schedule_exists():
    # A path of meetings where a careless order leaves gaps: a-b, b-c, c-d, d-e.
    slots = make_slots(6, tables=1)
    companies = ["a", "b", "c", "d", "e"]
    instance = make_instance(slots, companies, [("a", "b"), ("b", "c"), ("c", "d"), ("d", "e")])

    result = solve(instance, time_limit=3)

    assert result["objective"]["breaks"] == 0
    assert result["objective"]["idle_slots"] == 0
    assert_valid(instance, result)


def test_breaks_are_counted_per_day():
    slots = make_slots(4, tables=2, per_day=2)  # two days of two slots
    companies = [{"id": "a", "available": [slots[1]["id"], slots[2]["id"]]}, "b", "c"]
    instance = make_instance(slots, companies, [("a", "b"), ("a", "c")])

    result = solve(instance, time_limit=2)

    # Last slot of day 1 and first of day 2 are not a gap: different days.
    assert result["objective"]["breaks"] == 0
    assert_valid(instance, result)


def test_progress_is_reported_up_to_one():
    seen: list[float] = []
    instance = random_bipartite(3, side=6, n_slots=4, density=0.5)

    solve(instance, time_limit=2, progress=seen.append)

    assert seen and seen[-1] == 1.0
    assert seen == sorted(seen)
    assert all(0.0 <= f <= 1.0 for f in seen)


def test_same_seed_gives_the_same_schedule():
    instance = random_bipartite(5, side=10, n_slots=5, density=0.5, tables=4)

    first = solve(instance, time_limit=5, seed=3)
    second = solve(instance, time_limit=5, seed=3)

    first.pop("seconds")
    second.pop("seconds")
    assert first == second
