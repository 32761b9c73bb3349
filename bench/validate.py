"""Independent validator for meeting-schedule results.

Written from the format document (``docs/schedule-format.md``) only; it imports
nothing from ``matchmaking.scheduling`` on purpose, so that a bug in the engine cannot hide
itself by being shared with the check.

``validate(instance, result)`` returns a list of :class:`Violation` (empty when
the result is valid). ``compute_objective(instance, meetings)`` recomputes the
objective of a list of meetings: scheduled, weight, moved, fairness, breaks
and idle_slots as the format defines them.
"""

from __future__ import annotations

import json
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import datetime

RESULT_FORMAT = "matchmaking-schedule-result/1"


@dataclass(frozen=True)
class Violation:
    """One broken rule. ``rule`` is "1".."7" for the format's seven rules,
    "format" for a malformed result and "objective" for a reported objective
    or bound that does not match the meetings."""

    rule: str
    message: str

    def __str__(self) -> str:
        label = f"rule {self.rule}" if self.rule.isdigit() else self.rule
        return f"{label}: {self.message}"


def _slot_day(start: str) -> str:
    # The day is the calendar date of the slot's start in its own offset.
    return datetime.fromisoformat(start).date().isoformat()


class _Index:
    """Plain lookups over an instance, with the spec's defaults applied."""

    def __init__(self, instance: dict):
        self.slots = {s["id"]: s for s in instance.get("slots", [])}
        self.slot_order = sorted(
            self.slots, key=lambda sid: datetime.fromisoformat(self.slots[sid]["start"])
        )
        self.companies = {c["id"]: c for c in instance.get("companies", [])}
        self.requests = {r["id"]: r for r in instance.get("requests", [])}
        all_slots = set(self.slots)
        self.company_avail = {
            cid: set(c["available"]) if c.get("available") is not None else all_slots
            for cid, c in self.companies.items()
        }
        self.request_avail = {
            rid: set(r["available"]) if r.get("available") is not None else all_slots
            for rid, r in self.requests.items()
        }
        self.seats = {cid: int(c.get("seats", 1)) for cid, c in self.companies.items()}
        self.cap = {cid: c.get("max_meetings") for cid, c in self.companies.items()}
        self.weight = {rid: r.get("weight", 1) for rid, r in self.requests.items()}
        # Slots grouped by day, in time order.
        self.days: dict[str, list[str]] = defaultdict(list)
        for sid in self.slot_order:
            self.days[_slot_day(self.slots[sid]["start"])].append(sid)
        self.requesters = set()
        for r in self.requests.values():
            self.requesters.add(r["a"])
            self.requesters.add(r["b"])


def compute_objective(instance: dict, meetings: list[dict], index: _Index | None = None) -> dict:
    """Objective of ``meetings`` (each with "request" and "slot") per the spec.

    Meetings naming unknown requests or slots are ignored here (the validator
    reports them separately).
    """
    ix = index or _Index(instance)
    scheduled = 0
    weight = 0
    moved = sum(1 for r in ix.requests.values() if r.get("previous") is not None)
    count: Counter[str] = Counter()
    busy: dict[str, set[str]] = defaultdict(set)
    for m in meetings:
        req = ix.requests.get(m.get("request"))
        if req is None or m.get("slot") not in ix.slots:
            continue
        scheduled += 1
        weight += ix.weight[req["id"]]
        if req.get("previous") is not None and req["previous"] == m["slot"]:
            moved -= 1
        for cid in (req["a"], req["b"]):
            count[cid] += 1
            busy[cid].add(m["slot"])
    fairness = min((count[c] for c in ix.requesters), default=0)
    breaks = 0
    idle = 0
    for slots in busy.values():
        for day_slots in ix.days.values():
            flags = [sid in slots for sid in day_slots]
            if True not in flags:
                continue
            first = flags.index(True)
            last = len(flags) - 1 - flags[::-1].index(True)
            run = 0
            for f in flags[first : last + 1]:
                if f:
                    if run:
                        breaks += 1
                        idle += run
                    run = 0
                else:
                    run += 1
    return {
        "scheduled": scheduled,
        "weight": weight,
        "moved": moved,
        "fairness": fairness,
        "breaks": breaks,
        "idle_slots": idle,
    }


def _is_whole(x: object) -> bool:
    return isinstance(x, int) and not isinstance(x, bool)


def validate(instance: dict, result: dict, *, check_objective: bool = True) -> list[Violation]:
    """Check ``result`` against ``instance``: the seven rules of the format, the
    result's shape, and (optionally) that its reported objective and bound
    agree with the meetings it lists."""
    out: list[Violation] = []
    ix = _Index(instance)

    if not isinstance(result, dict):
        return [Violation("format", "result is not a JSON object")]
    if result.get("format") != RESULT_FORMAT:
        out.append(
            Violation("format", f"format is {result.get('format')!r}, not {RESULT_FORMAT!r}")
        )
    meetings = result.get("meetings")
    unscheduled = result.get("unscheduled")
    if not isinstance(meetings, list) or not isinstance(unscheduled, list):
        out.append(Violation("format", "meetings and unscheduled must both be lists"))
        return out
    good_meetings = []
    for m in meetings:
        if not isinstance(m, dict) or not {"request", "slot", "table"} <= set(m):
            out.append(Violation("format", f"meeting {m!r} lacks request, slot or table"))
        else:
            good_meetings.append(m)
    meetings = good_meetings

    # Rule 1: every request exactly once, in meetings or unscheduled.
    seen = Counter([m["request"] for m in meetings] + list(unscheduled))
    for rid, n in seen.items():
        if rid not in ix.requests:
            out.append(Violation("1", f"unknown request id {rid!r}"))
        elif n > 1:
            out.append(Violation("1", f"request {rid!r} appears {n} times"))
    for rid in ix.requests:
        if rid not in seen:
            out.append(Violation("1", f"request {rid!r} is neither scheduled nor unscheduled"))

    per_slot_pair: Counter[tuple[frozenset, str]] = Counter()
    per_slot_company: Counter[tuple[str, str]] = Counter()
    per_company: Counter[str] = Counter()
    tables_in_slot: dict[str, list] = defaultdict(list)
    placed: dict[str, set[str]] = defaultdict(set)
    for m in meetings:
        rid, sid = m["request"], m["slot"]
        req = ix.requests.get(rid)
        if req is None:
            continue
        # Rule 2: slot exists and is allowed for both companies and the request.
        if sid not in ix.slots:
            out.append(Violation("2", f"request {rid!r} placed in unknown slot {sid!r}"))
            continue
        placed[rid].add(sid)
        per_slot_pair[(frozenset((req["a"], req["b"])), sid)] += 1
        for cid in (req["a"], req["b"]):
            if sid not in ix.company_avail.get(cid, set()):
                out.append(
                    Violation("2", f"request {rid!r}: company {cid!r} unavailable in {sid!r}")
                )
            per_slot_company[(cid, sid)] += 1
            per_company[cid] += 1
        if sid not in ix.request_avail[rid]:
            out.append(Violation("2", f"request {rid!r} not allowed in slot {sid!r}"))
        tables_in_slot[sid].append(m["table"])

    # Rule 3: seats per company per slot.
    for (cid, sid), n in sorted(per_slot_company.items()):
        if n > ix.seats.get(cid, 1):
            out.append(
                Violation("3", f"company {cid!r} holds {n} meetings in {sid!r} "
                               f"with {ix.seats.get(cid, 1)} seat(s)")
            )

    # Rule 4: tables distinct whole numbers 1..tables.
    for sid, tables in sorted(tables_in_slot.items()):
        limit = ix.slots[sid]["tables"]
        for t in tables:
            if not _is_whole(t) or not 1 <= t <= limit:
                out.append(Violation("4", f"slot {sid!r}: table {t!r} outside 1..{limit}"))
        for t, n in Counter(t for t in tables if _is_whole(t)).items():
            if n > 1:
                out.append(Violation("4", f"slot {sid!r}: table {t} used {n} times"))

    # Rule 5: max_meetings.
    for cid, n in sorted(per_company.items()):
        cap = ix.cap.get(cid)
        if cap is not None and n > cap:
            out.append(Violation("5", f"company {cid!r} holds {n} meetings, max_meetings {cap}"))

    # Rule 6: fixed meetings kept in their slot.
    for f in instance.get("fixed", []) or []:
        rid, sid = f["request"], f["slot"]
        if sid not in placed.get(rid, set()):
            where = sorted(placed.get(rid, set())) or "unscheduled"
            out.append(Violation("6", f"fixed request {rid!r} must be in {sid!r}, found {where}"))

    # Rule 7: two meetings of one pair never share a slot.
    for (pair, sid), n in per_slot_pair.items():
        if n > 1:
            out.append(Violation("7", f"{n} meetings of {sorted(pair)} in {sid!r}"))

    if check_objective:
        out += _objective_checks(instance, result, meetings, ix)
    return out


def _objective_checks(instance: dict, result: dict, meetings: list, ix: _Index) -> list[Violation]:
    """Reported objective equals the recomputed one; claimed bounds are not beaten by
    the result itself."""
    out: list[Violation] = []
    truth = compute_objective(instance, meetings, ix)
    reported = result.get("objective") or {}
    for key, value in truth.items():
        if key in reported and reported[key] != value:
            out.append(
                Violation("objective",
                          f"reported {key}={reported[key]!r}, recomputed {value!r}")
            )
    ub = (result.get("upper_bound") or {}).get("weight")
    if ub is not None and ub < truth["weight"]:
        out.append(
            Violation("objective", f"upper_bound.weight={ub} is below its own weight "
                                   f"{truth['weight']}")
        )
    for key, lower in (result.get("objective_bounds") or {}).items():
        if key in truth and lower > truth[key]:
            out.append(Violation("objective", f"objective_bounds.{key}={lower} is above its "
                                              f"own {key} {truth[key]}"))
    return out


def main(argv: list[str] | None = None) -> int:
    """``python -m bench.validate INSTANCE.json RESULT.json``"""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print("usage: python -m bench.validate INSTANCE.json RESULT.json", file=sys.stderr)
        return 2
    with open(args[0], encoding="utf-8") as fh:
        instance = json.load(fh)
    with open(args[1], encoding="utf-8") as fh:
        result = json.load(fh)
    violations = validate(instance, result)
    for v in violations:
        print(v)
    print(json.dumps(compute_objective(instance, result.get("meetings", []))))
    return 1 if violations else 0


if __name__ == "__main__":
    raise SystemExit(main())
