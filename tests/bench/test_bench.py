"""Fast checks of the benchmark's generator, validator and greedy baseline.

Plain functions, no database and no Django: they pass with or without
pytest-django (``-p no:django``).
"""

from __future__ import annotations

import copy
import json
from datetime import datetime

import pytest

from bench.baselines import greedy
from bench.bounds import weight_upper_bound
from bench.generate import SCENARIOS, generate
from bench.validate import RESULT_FORMAT, compute_objective, validate

SMALL = ["konig-tight-s", "realistic-300", "brokerage-1", "brokerage-4", "konig-2k"]


def _rules(violations) -> set[str]:
    return {v.rule for v in violations}


@pytest.mark.parametrize("name", ["konig-tight-s", "realistic-300", "brokerage-2"])
def test_generator_is_deterministic_by_seed(name):
    a, info_a = generate(name, seed=3)
    b, info_b = generate(name, seed=3)
    c, _ = generate(name, seed=4)
    assert json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)
    assert info_a == info_b
    assert json.dumps(a, sort_keys=True) != json.dumps(c, sort_keys=True)


@pytest.mark.parametrize("name", SMALL + ["brokerage-6"])
def test_generated_instances_follow_the_spec(name):
    inst, info = generate(name)
    assert inst["format"] == "matchmaking-schedule/1"
    slot_ids = [s["id"] for s in inst["slots"]]
    company_ids = [c["id"] for c in inst["companies"]]
    request_ids = [r["id"] for r in inst["requests"]]
    for ids in (slot_ids, company_ids, request_ids):
        assert len(ids) == len(set(ids))
    starts = sorted((datetime.fromisoformat(s["start"]), datetime.fromisoformat(s["end"]))
                    for s in inst["slots"])
    for (s0, e0), (s1, _e1) in zip(starts, starts[1:], strict=False):
        assert s0 < e0 <= s1  # slots do not overlap
    assert all(s["start"].endswith("+08:00") and s["tables"] >= 0 for s in inst["slots"])
    known_slots, known_companies = set(slot_ids), set(company_ids)
    pairs = set()
    for r in inst["requests"]:
        assert r["a"] != r["b"] and {r["a"], r["b"]} <= known_companies
        assert 1 <= r["weight"] <= 5
        assert set(r.get("available", [])) <= known_slots
        pair = frozenset((r["a"], r["b"]))
        assert pair not in pairs
        pairs.add(pair)
    for c in inst["companies"]:
        assert set(c.get("available", [])) <= known_slots
        assert c.get("seats", 1) >= 1 and c.get("max_meetings", 0) >= 0
    # Fixed meetings, and the whole hidden schedule, form a valid partial schedule.
    fixed_only = _as_result(inst, inst["fixed"])
    assert validate(inst, fixed_only) == []
    if info["planted_meetings"]:
        planted = _as_result(inst, info["planted_meetings"])
        assert validate(inst, planted) == []
        assert info["planted_weight"] <= weight_upper_bound(inst)["weight"]
    if info["kind"] == "brokerage":
        assert info["complete_exists"] and len(info["planted_meetings"]) == len(request_ids)


def test_konig_scenarios_are_konig():
    inst, info = generate("konig-tight-s")
    assert info["max_degree"] == info["slots"]
    assert info["slots"] * inst["slots"][0]["tables"] == info["requests"]
    assert len({s["tables"] for s in inst["slots"]}) == 1
    assert info["bipartite"]
    for r in inst["requests"]:
        assert r["a"][0] != r["b"][0]  # one buyer, one supplier
    assert not inst["fixed"] and all("available" not in c for c in inst["companies"])


def test_scenario_list_has_the_required_families():
    names = set(SCENARIOS)
    assert {"konig-20k", "scale-20k"} <= names
    assert any(n.startswith("konig-tight-") for n in names)
    assert sum(n.startswith("realistic-") for n in names) >= 3
    assert sum(n.startswith("brokerage-") for n in names) >= 6


def _as_result(inst: dict, placed: list[dict]) -> dict:
    """A valid result holding ``placed`` (request, slot) with tables 1.. per slot."""
    per_slot: dict[str, int] = {}
    meetings = []
    for m in placed:
        per_slot[m["slot"]] = per_slot.get(m["slot"], 0) + 1
        meetings.append({"request": m["request"], "slot": m["slot"], "table": per_slot[m["slot"]]})
    done = {m["request"] for m in placed}
    return {"format": RESULT_FORMAT, "meetings": meetings,
            "unscheduled": [r["id"] for r in inst["requests"] if r["id"] not in done]}


# --------------------------------------------------------------- validator


def _tiny() -> dict:
    slots = [
        {"id": "D1-0900", "start": "2012-06-19T09:00:00+08:00",
         "end": "2012-06-19T09:30:00+08:00", "tables": 2},
        {"id": "D1-0930", "start": "2012-06-19T09:30:00+08:00",
         "end": "2012-06-19T10:00:00+08:00", "tables": 2},
        {"id": "D1-1000", "start": "2012-06-19T10:00:00+08:00",
         "end": "2012-06-19T10:30:00+08:00", "tables": 1},
        {"id": "D2-0900", "start": "2012-06-20T09:00:00+08:00",
         "end": "2012-06-20T09:30:00+08:00", "tables": 1},
    ]
    return {
        "format": "matchmaking-schedule/1",
        "slots": slots,
        "companies": [
            {"id": "A", "seats": 2, "max_meetings": 3},
            {"id": "B"},
            {"id": "C", "available": ["D1-0900", "D1-1000", "D2-0900"]},
            {"id": "D", "max_meetings": 1},
        ],
        "requests": [
            {"id": "r1", "a": "A", "b": "B", "weight": 3},
            {"id": "r2", "a": "A", "b": "C", "weight": 2},
            {"id": "r3", "a": "B", "b": "C", "weight": 1, "available": ["D1-1000", "D2-0900"]},
            {"id": "r4", "a": "C", "b": "D"},
        ],
        "fixed": [{"request": "r1", "slot": "D1-0900"}],
    }


def _good() -> dict:
    return {
        "format": RESULT_FORMAT,
        "meetings": [
            {"request": "r1", "slot": "D1-0900", "table": 1},
            {"request": "r2", "slot": "D1-0900", "table": 2},  # A has 2 seats
            {"request": "r3", "slot": "D1-1000", "table": 1},
        ],
        "unscheduled": ["r4"],
        "objective": {"scheduled": 3, "weight": 6, "fairness": 0, "breaks": 2, "idle_slots": 2},
    }


def test_good_result_is_valid_and_objective_recomputed():
    inst, res = _tiny(), _good()
    assert validate(inst, res) == []
    # B meets at 09:00 and 10:00 on day 1: one break of one idle slot. C the same.
    # Fairness: D asked for a meeting and holds none.
    assert compute_objective(inst, res["meetings"]) == {
        "scheduled": 3, "weight": 6, "moved": 0, "fairness": 0, "breaks": 2, "idle_slots": 2,
    }


def test_breaks_count_runs_within_a_day_only():
    inst = _tiny()
    meetings = [
        {"request": "r1", "slot": "D1-0900", "table": 1},
        {"request": "r3", "slot": "D1-1000", "table": 1},
        {"request": "r2", "slot": "D2-0900", "table": 1},
    ]
    obj = compute_objective(inst, meetings)
    # B: 09:00 and 10:00 on day 1 -> one break, one idle slot. A: day 1 09:00 and
    # day 2 09:00 -> no break (different days). C: day 1 10:00, day 2 09:00 -> none.
    assert obj["breaks"] == 1 and obj["idle_slots"] == 1


def test_breaks_count_each_run_and_its_length():
    inst = _tiny()
    inst["slots"].append({"id": "D1-1030", "start": "2012-06-19T10:30:00+08:00",
                          "end": "2012-06-19T11:00:00+08:00", "tables": 1})
    inst["slots"].append({"id": "D1-1100", "start": "2012-06-19T11:00:00+08:00",
                          "end": "2012-06-19T11:30:00+08:00", "tables": 1})
    inst["companies"][0]["available"] = None
    meetings = [
        {"request": "r1", "slot": "D1-0900", "table": 1},  # A, B
        {"request": "r2", "slot": "D1-0930", "table": 1},  # A, C  (C not available: fine here)
        {"request": "r4", "slot": "D1-1100", "table": 1},  # C, D
    ]
    obj = compute_objective(inst, meetings)
    # A: 09:00, 09:30 -> none. C: 09:30 then 11:00 -> one break of 2 slots.
    assert obj["breaks"] == 1 and obj["idle_slots"] == 2


def test_day_is_the_local_date_of_the_slot_start():
    inst = _tiny()
    # 23:30 and 00:00+08:00 next day are different local days even though both are
    # the same UTC date.
    inst["slots"] = [
        {"id": "x", "start": "2012-06-19T23:00:00+08:00", "end": "2012-06-19T23:30:00+08:00",
         "tables": 1},
        {"id": "y", "start": "2012-06-19T23:30:00+08:00", "end": "2012-06-20T00:00:00+08:00",
         "tables": 1},
        {"id": "z", "start": "2012-06-20T00:00:00+08:00", "end": "2012-06-20T00:30:00+08:00",
         "tables": 1},
    ]
    inst["companies"] = [{"id": "A"}, {"id": "B"}, {"id": "C"}]
    inst["requests"] = [{"id": "r1", "a": "A", "b": "B"}, {"id": "r2", "a": "A", "b": "C"}]
    inst["fixed"] = []
    obj = compute_objective(inst, [{"request": "r1", "slot": "x", "table": 1},
                                   {"request": "r2", "slot": "z", "table": 1}])
    assert obj["breaks"] == 0
    inst["slots"][2]["start"] = "2012-06-19T16:00:00+00:00"  # = 2012-06-20 00:00+08:00 ...
    inst["slots"][2]["end"] = "2012-06-19T16:30:00+00:00"  # ... but dated the 19th locally
    obj = compute_objective(inst, [{"request": "r1", "slot": "x", "table": 1},
                                   {"request": "r2", "slot": "z", "table": 1}])
    assert obj["breaks"] == 1 and obj["idle_slots"] == 1


def _broken(rule: str) -> dict:
    res = copy.deepcopy(_good())
    res.pop("objective")
    m = res["meetings"]
    if rule == "1":
        res["unscheduled"] = []  # r4 missing
    elif rule == "1dup":
        res["unscheduled"] = ["r4", "r1"]
    elif rule == "2":
        m[2]["slot"] = "D1-0930"  # C unavailable, r3 not allowed there
        m[2]["table"] = 1
    elif rule == "2slot":
        m[2]["slot"] = "nope"
    elif rule == "4":
        m[1]["table"] = 1  # same table twice in D1-0900
    elif rule == "4range":
        m[2]["table"] = 2  # D1-1000 has 1 table
    elif rule == "4type":
        m[2]["table"] = "1"
    elif rule == "6":
        m[0]["slot"] = "D1-0930"
    return res


@pytest.mark.parametrize(
    "case,rule",
    [("1", "1"), ("1dup", "1"), ("2", "2"), ("2slot", "2"), ("4", "4"), ("4range", "4"),
     ("4type", "4"), ("6", "6")],
)
def test_validator_catches_each_rule(case, rule):
    violations = validate(_tiny(), _broken(case))
    assert rule in _rules(violations), violations


def test_validator_catches_seats():
    inst = _tiny()
    res = {
        "format": RESULT_FORMAT,
        "meetings": [
            {"request": "r1", "slot": "D1-0900", "table": 1},
            {"request": "r3", "slot": "D2-0900", "table": 1},
            {"request": "r2", "slot": "D1-1000", "table": 1},
            # C already meets A at 10:00; r4 puts C in 10:00 again (one seat).
            {"request": "r4", "slot": "D1-1000", "table": 1},
        ],
        "unscheduled": [],
    }
    inst["slots"][2]["tables"] = 2
    res["meetings"][3]["table"] = 2
    assert _rules(validate(inst, res)) == {"3"}
    # A has two seats: two meetings of A at once is fine.
    assert "3" not in _rules(validate(inst, _good()))


def test_validator_catches_max_meetings():
    inst = _tiny()
    inst["companies"][0]["max_meetings"] = 1
    assert _rules(validate(inst, _good())) == {"5"}


def test_validator_flags_misreported_objective_and_untrue_bound():
    res = _good()
    res["objective"]["weight"] = 7
    res["upper_bound"] = {"weight": 5}
    msgs = [str(v) for v in validate(_tiny(), res)]
    assert any("weight=7" in s for s in msgs)
    assert any("upper_bound" in s for s in msgs)


@pytest.mark.parametrize("name", SMALL)
def test_greedy_results_pass_the_validator(name):
    inst, _info = generate(name)
    res = greedy(inst)
    assert validate(inst, res) == []
    assert res["objective"]["weight"] <= weight_upper_bound(inst)["weight"]
    assert len(res["meetings"]) + len(res["unscheduled"]) == len(inst["requests"])


def test_lp_bound_is_a_bound_and_not_weaker_than_needed():
    pytest.importorskip("ortools")
    from bench.baselines import lp_bound

    inst, info = generate("realistic-300")
    lp = lp_bound(inst, time_limit=30)["weight"]
    assert max(greedy(inst)["objective"]["weight"], info["planted_weight"]) <= lp
    assert lp <= weight_upper_bound(inst)["weight"]
    inst, info = generate("brokerage-2")
    assert lp_bound(inst, time_limit=30)["weight"] == info["total_weight"]
