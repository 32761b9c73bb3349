"""Several requests per pair (rule 7) and published slots (`previous`, `moved`)."""

from __future__ import annotations

from matchmaking.scheduling import solve
from matchmaking.scheduling.metrics import check_result, evaluate_result

from .builders import make_instance, make_slots, random_bipartite


def assert_valid(instance: dict, result: dict) -> None:
    assert check_result(instance, result) == []
    recomputed = evaluate_result(instance, result)
    assert {k: result["objective"][k] for k in recomputed} == recomputed


def delegations_asking_twice(n_slots: int) -> dict:
    companies = [{"id": "big-a", "seats": 2}, {"id": "big-b", "seats": 2}]
    requests = [
        {"id": "first", "a": "big-a", "b": "big-b"},
        {"id": "second", "a": "big-b", "b": "big-a"},
    ]
    return make_instance(make_slots(n_slots, tables=2), companies, requests)


def test_two_requests_of_one_pair_are_held_in_different_slots():
    instance = delegations_asking_twice(2)

    result = solve(instance, time_limit=1)

    slots = [m["slot"] for m in result["meetings"]]
    assert len(slots) == 2 and len(set(slots)) == 2
    assert_valid(instance, result)


def test_two_requests_of_one_pair_with_one_slot_hold_one_meeting():
    instance = delegations_asking_twice(1)

    result = solve(instance, time_limit=1)

    assert len(result["meetings"]) == 1
    assert len(result["unscheduled"]) == 1
    assert_valid(instance, result)


def test_check_result_flags_one_pair_twice_in_a_slot():
    instance = delegations_asking_twice(2)
    slot = instance["slots"][0]["id"]
    result = {
        "meetings": [{"request": "first", "slot": slot, "table": 1},
                     {"request": "second", "slot": slot, "table": 2}],
        "unscheduled": [],
    }

    assert check_result(instance, result) == ["rule 7: two meetings of one pair share a slot"]


def published(instance: dict, result: dict) -> dict:
    """The instance again, each scheduled meeting's slot given as `previous`."""
    where = {m["request"]: m["slot"] for m in result["meetings"]}
    for request in instance["requests"]:
        if request["id"] in where:
            request["previous"] = where[request["id"]]
    return instance


def test_a_second_run_on_a_published_schedule_moves_nothing():
    instance = random_bipartite(4, side=8, n_slots=5, density=0.5, tables=3)
    first = solve(instance, time_limit=1, seed=1)

    second = solve(published(instance, first), time_limit=1, seed=2)

    assert second["objective"]["moved"] == 0
    assert second["objective"]["weight"] == first["objective"]["weight"]
    assert {(m["request"], m["slot"]) for m in second["meetings"]} == {
        (m["request"], m["slot"]) for m in first["meetings"]
    }
    assert_valid(instance, second)


def test_meeting_whose_company_lost_the_slot_moves_and_counts_as_forced():
    slots = make_slots(3, tables=2)
    instance = make_instance(
        slots,
        [{"id": "a", "available": [slots[1]["id"], slots[2]["id"]]}, "b", "c"],
        [
            {"id": "kept", "a": "b", "b": "c", "previous": slots[2]["id"]},
            {"id": "forced", "a": "a", "b": "b", "previous": slots[0]["id"]},
        ],
    )

    result = solve(instance, time_limit=1)

    where = {m["request"]: m["slot"] for m in result["meetings"]}
    assert where["kept"] == slots[2]["id"]
    assert where["forced"] == slots[1]["id"]
    assert result["objective"]["moved"] == 1
    assert result["objective_bounds"]["moved"] == 1
    assert_valid(instance, result)


def test_published_meeting_moves_when_that_holds_more_weight():
    # One table per slot; "light" sits in the only slot "heavy" can use.
    slots = make_slots(2, tables=1)
    instance = make_instance(
        slots,
        ["a", "b", "c", "d"],
        [
            {"id": "light", "a": "a", "b": "b", "weight": 1, "previous": slots[0]["id"]},
            {"id": "heavy", "a": "c", "b": "d", "weight": 5, "available": [slots[0]["id"]]},
        ],
    )

    result = solve(instance, time_limit=1)

    where = {m["request"]: m["slot"] for m in result["meetings"]}
    assert where == {"heavy": slots[0]["id"], "light": slots[1]["id"]}
    assert result["objective"]["moved"] == 1
    assert_valid(instance, result)


def test_results_report_moved_zero_without_published_slots():
    instance = random_bipartite(2, side=5, n_slots=4, density=0.5)

    result = solve(instance, time_limit=1)

    assert result["objective"]["moved"] == 0
    assert "moved" not in result["objective_bounds"]


def test_same_seed_gives_the_same_schedule_through_the_maxsat_phase():
    from .test_phases import planted_tight

    instance = planted_tight(3, n_companies=16, n_slots=8)
    first_request = instance["requests"][0]
    instance["requests"].append({"id": "again", "a": first_request["b"], "b": first_request["a"]})
    for slot in instance["slots"]:
        slot["tables"] += 1  # room for the pair's second meeting

    runs = [solve(instance, time_limit=20, seed=5) for _ in range(2)]

    for run in runs:
        run.pop("seconds")
        assert_valid(instance, run)
    assert runs[0] == runs[1]
    assert runs[0]["objective"]["breaks"] >= runs[0]["objective_bounds"]["breaks"]


def test_late_request_moves_one_published_meeting_not_a_chain():
    # a is busy in slots 0-1, b in 2-3: the late request needs one of them moved,
    # and one move is enough ((a, c) to slot 2 or 3, or the like).
    slots = make_slots(4, tables=4)
    ids = [s["id"] for s in slots]
    published_ = [("ac", "a", "c", 0), ("ad", "a", "d", 1), ("be", "b", "e", 2),
                  ("bf", "b", "f", 3), ("cg", "c", "g", 1), ("dh", "d", "h", 0),
                  ("eg", "e", "g", 3), ("fh", "f", "h", 2)]
    requests = [{"id": i, "a": x, "b": y, "previous": ids[s]} for i, x, y, s in published_]
    requests.append({"id": "late", "a": "a", "b": "b", "weight": 3})
    instance = make_instance(slots, list("abcdefgh"), requests)

    result = solve(instance, time_limit=2)

    where = {m["request"]: m["slot"] for m in result["meetings"]}
    assert "late" in where and len(where) == 9
    assert result["objective"]["moved"] == 1
    assert_valid(instance, result)


def test_published_meeting_stays_when_moving_it_gains_no_weight():
    slots = make_slots(2, tables=1)
    instance = make_instance(
        slots,
        ["a", "b", "c", "d"],
        [
            {"id": "kept", "a": "a", "b": "b", "weight": 2, "previous": slots[0]["id"],
             "available": [slots[0]["id"]]},
            {"id": "late", "a": "c", "b": "d", "weight": 2, "available": [slots[0]["id"]]},
        ],
    )

    result = solve(instance, time_limit=1)

    assert [(m["request"], m["slot"]) for m in result["meetings"]] == [("kept", slots[0]["id"])]
    assert result["objective"]["moved"] == 0
    assert_valid(instance, result)
