"""The brokerage (b2b) and perturbation families, rule 7 and `moved` in the validator,
and the format document's example instance. Plain functions, no database."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from bench.generate import generate
from bench.perturb import _usable, base_event, from_scratch, perturb
from bench.validate import RESULT_FORMAT, compute_objective, validate

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "docs" / "examples" / "small-event.json"


def test_b2b_events_have_the_shape_of_real_brokerage_events():
    twins = part_day = 0
    for index in range(1, 21):
        inst, info = generate(f"b2b-{index:02d}")
        assert 42 <= info["companies"] <= 78
        assert 125 <= info["requests"] <= 302
        assert 8 <= info["slots"] <= 22
        assert len({s["start"][:10] for s in inst["slots"]}) == 1  # one day
        pairs = [frozenset((r["a"], r["b"])) for r in inst["requests"]]
        twins += len(pairs) > len(set(pairs))
        part_day += info["part_day"]
        # The hidden schedule holds every meeting and breaks no rule.
        planted = _as_result(inst, info["planted_meetings"])
        assert planted["unscheduled"] == [] and validate(inst, planted) == []
    assert twins >= 2 and part_day >= 5



def test_seats_fixed_event_has_parallel_seats_and_fixed_meetings_that_fit():
    inst, info = generate("seats-fixed")
    seats = {c["id"]: c.get("seats", 1) for c in inst["companies"]}
    delegations = [c for c, n in seats.items() if n > 1]
    assert len(delegations) >= len(seats) // 6
    assert len(inst["fixed"]) >= len(inst["requests"]) // 10
    # Delegations hold parallel meetings in the hidden schedule, and it breaks no rule.
    sides = {r["id"]: (r["a"], r["b"]) for r in inst["requests"]}
    parallel: dict = {}
    for m in info["planted_meetings"]:
        for c in sides[m["request"]]:
            parallel[c, m["slot"]] = parallel.get((c, m["slot"]), 0) + 1
    assert any(n > 1 for n in parallel.values())
    planted = _as_result(inst, info["planted_meetings"])
    assert validate(inst, planted) == []

def test_perturbation_keeps_published_slots_and_counts_forced_moves():
    inst = base_event(0).instance
    # A made-up "published" schedule: each request in its first usable slot, one seat
    # and table at a time, is enough to check the change itself.
    published = _as_result(inst, _first_fit(inst))

    changed, info = perturb(inst, published, seed=0)

    where = {m["request"]: m["slot"] for m in published["meetings"]}
    kept = [r for r in changed["requests"] if "previous" in r]
    assert len(kept) == info["published"] == len(where) - info["cancelled"]
    assert all(where[r["id"]] == r["previous"] for r in kept)
    assert sum(r["id"].startswith("new-") for r in changed["requests"]) == info["new_requests"]
    assert info["companies_losing_slots"] == 8
    # A schedule that keeps every meeting it can in place moves exactly the forced ones.
    stay = [{"request": r["id"], "slot": r["previous"]} for r in kept]
    requests = {r["id"]: r for r in changed["requests"]}
    usable = [m for m in stay if m["slot"] in _usable(changed, requests[m["request"]])]
    assert compute_objective(changed, usable)["moved"] == info["forced_moves"] > 0
    assert all("previous" not in r for r in from_scratch(changed)["requests"])


def test_validator_flags_one_pair_twice_in_a_slot():
    inst = json.loads(EXAMPLE.read_text())
    inst["companies"][4]["seats"] = 2  # both sides have two seats: only rule 7 forbids it
    result = {"format": RESULT_FORMAT, "unscheduled": [r["id"] for r in inst["requests"]
                                                      if r["id"] not in ("r-4", "r-5", "r-6")],
              "meetings": [{"request": "r-4", "slot": "D1-0930", "table": 1},
                           {"request": "r-5", "slot": "D1-1000", "table": 1},
                           {"request": "r-6", "slot": "D1-1000", "table": 2}]}

    assert {v.rule for v in validate(inst, result)} == {"7"}


def test_validator_counts_moved_and_rejects_a_bound_the_result_beats():
    inst = json.loads(EXAMPLE.read_text())
    meetings = [{"request": "r-1", "slot": "D1-0930", "table": 1},
                {"request": "r-4", "slot": "D1-0930", "table": 2}]
    result = {"format": RESULT_FORMAT, "meetings": meetings,
              "unscheduled": [r["id"] for r in inst["requests"] if r["id"] not in ("r-1", "r-4")],
              "objective_bounds": {"moved": 3}}

    assert compute_objective(inst, meetings)["moved"] == 2  # r-1 elsewhere, r-2 not held
    assert [v.rule for v in validate(inst, result)] == ["objective"]


def test_the_readme_example_runs_as_is_and_gives_a_valid_result(tmp_path):
    out = tmp_path / "r.json"
    done = subprocess.run(
        [sys.executable, "-m", "matchmaking.scheduling", "solve", str(EXAMPLE.relative_to(ROOT)),
         "-o", str(out), "--time-limit", "10"],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
    )

    assert done.returncode == 0, done.stderr
    result = json.loads(out.read_text())
    inst = json.loads(EXAMPLE.read_text())
    assert validate(inst, result) == []
    assert result["objective"]["moved"] == 0  # both published meetings kept in place
    assert result["optimal"] is True


def _first_fit(inst: dict) -> list[dict]:
    busy: set = set()
    used: dict = {}
    tables = {s["id"]: s["tables"] for s in inst["slots"]}
    companies = {c["id"]: c for c in inst["companies"]}
    placed = []
    for r in inst["requests"]:
        for sid in tables:
            free = all((c, sid) not in busy and sid in (companies[c].get("available") or tables)
                       for c in (r["a"], r["b"]))
            if free and sid in (r.get("available") or tables) and used.get(sid, 0) < tables[sid]:
                busy |= {(r["a"], sid), (r["b"], sid)}
                used[sid] = used.get(sid, 0) + 1
                placed.append({"request": r["id"], "slot": sid})
                break
    return placed


def _as_result(inst: dict, placed: list[dict]) -> dict:
    per_slot: dict[str, int] = {}
    meetings = []
    for m in placed:
        per_slot[m["slot"]] = per_slot.get(m["slot"], 0) + 1
        meetings.append({"request": m["request"], "slot": m["slot"], "table": per_slot[m["slot"]]})
    done = {m["request"] for m in placed}
    return {"format": RESULT_FORMAT, "meetings": meetings,
            "unscheduled": [r["id"] for r in inst["requests"] if r["id"] not in done]}
