"""Property tests: random small instances with windows, caps, seats, fixed meetings,
pairs asked twice and published slots."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from matchmaking.scheduling import InvalidInstance, parse_instance, solve
from matchmaking.scheduling.metrics import check_result, evaluate_result

from .builders import make_instance, make_slots


@st.composite
def instances(draw) -> dict:
    n_slots = draw(st.integers(1, 6))
    per_day = draw(st.integers(1, n_slots))
    slots = make_slots(n_slots, tables=1, per_day=per_day)
    for slot in slots:
        slot["tables"] = draw(st.integers(0, 4))
    slot_ids = [s["id"] for s in slots]
    n_companies = draw(st.integers(2, 7))
    companies = []
    for i in range(n_companies):
        company: dict = {"id": f"c{i}"}
        if draw(st.booleans()):
            company["available"] = draw(st.lists(st.sampled_from(slot_ids), unique=True))
        if draw(st.integers(0, 3)) == 0:
            company["max_meetings"] = draw(st.integers(0, 4))
        if draw(st.integers(0, 3)) == 0:
            company["seats"] = draw(st.integers(1, 3))
        companies.append(company)
    pairs = [(a, b) for a in range(n_companies) for b in range(a + 1, n_companies)]
    # Not unique: a pair may ask twice (rule 7 keeps its meetings in different slots).
    chosen = draw(st.lists(st.sampled_from(pairs), max_size=14))
    requests = []
    for k, (a, b) in enumerate(chosen):
        request: dict = {
            "id": f"r{k}",
            "a": f"c{a}",
            "b": f"c{b}",
            "weight": draw(st.integers(1, 5)),
        }
        if draw(st.integers(0, 4)) == 0:
            request["available"] = draw(st.lists(st.sampled_from(slot_ids), unique=True))
        if draw(st.integers(0, 2)) == 0:
            request["previous"] = draw(st.sampled_from(slot_ids))
        requests.append(request)
    fixed = []
    if requests and draw(st.booleans()):
        fixed.append({"request": requests[0]["id"], "slot": draw(st.sampled_from(slot_ids))})
    return make_instance(slots, companies, requests, fixed)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances())
def test_any_solved_instance_gives_a_valid_result_with_true_numbers(instance):
    try:
        parse_instance(instance)
    except InvalidInstance:
        return  # a random fixed meeting may be infeasible: rejecting it is the contract

    result = solve(instance, time_limit=0.5)

    assert check_result(instance, result) == []
    recomputed = evaluate_result(instance, result)
    assert {k: result["objective"][k] for k in recomputed} == recomputed
    assert result["objective"]["weight"] <= result["upper_bound"]["weight"]
    assert set(result["reasons"]) == set(result["unscheduled"])
    assert set(result["reasons"].values()) <= {
        "no_common_slot",
        "company_cap",
        "tables_full",
        "outweighed",
    }
    if result["optimal"]:
        assert result["objective"]["weight"] == result["upper_bound"]["weight"]
    for key, lower in result["objective_bounds"].items():
        assert lower <= result["objective"][key]


@settings(max_examples=40, deadline=None)
@given(instances())
def test_upper_bound_is_never_below_an_exhaustive_optimum(instance):
    try:
        inst = parse_instance(instance)
    except InvalidInstance:
        return
    if inst.n_requests > 8:
        return

    result = solve(instance, time_limit=0.5)

    assert result["upper_bound"]["weight"] >= _brute_force_best(inst)
    assert result["objective"]["weight"] <= _brute_force_best(inst)


def _brute_force_best(inst) -> int:
    """Exact optimum by trying every slot (or none) for every request."""
    best = 0
    slot_of = [-1] * inst.n_requests

    def feasible() -> bool:
        load: dict = {}
        per_slot: dict = {}
        count: dict = {}
        pair_slots = [(min(inst.ra[r], inst.rb[r]), max(inst.ra[r], inst.rb[r]), s)
                      for r, s in enumerate(slot_of) if s >= 0]
        if len(set(pair_slots)) < len(pair_slots):
            return False
        for r, s in enumerate(slot_of):
            if s < 0:
                if inst.fixed[r] >= 0:
                    return False
                continue
            per_slot[s] = per_slot.get(s, 0) + 1
            if per_slot[s] > inst.tables[s] or (inst.fixed[r] >= 0 and inst.fixed[r] != s):
                return False
            for c in (inst.ra[r], inst.rb[r]):
                load[c, s] = load.get((c, s), 0) + 1
                count[c] = count.get(c, 0) + 1
                if load[c, s] > inst.seats[c] or count[c] > inst.cap[c]:
                    return False
        return True

    def walk(r: int) -> None:
        nonlocal best
        if r == inst.n_requests:
            if feasible():
                best = max(best, sum(inst.weight[q] for q, s in enumerate(slot_of) if s >= 0))
            return
        options = [-1] + [s for s in range(inst.n_slots) if inst.request_mask[r] >> s & 1]
        for s in options:
            slot_of[r] = s
            walk(r + 1)
        slot_of[r] = -1

    walk(0)
    return best
