"""Objective numbers, both on the internal state and on plain result dicts.

`check_result` and `evaluate_result` work on the JSON dicts only and do not use
the solver's internal model, so tests can use them as an independent referee.
"""

from __future__ import annotations

from datetime import datetime

from .instance import Instance


def mask_breaks(occ: int, day_ranges: list[tuple[int, int]]) -> tuple[int, int]:
    """(breaks, idle slots) of one company whose occupied slots are the bits of `occ`."""
    breaks = idle = 0
    for first, length in day_ranges:
        m = (occ >> first) & ((1 << length) - 1)
        if m:
            m >>= (m & -m).bit_length() - 1
            idle += m.bit_length() - m.bit_count()
            breaks += (m & ~(m << 1)).bit_count() - 1
    return breaks, idle


def gap_mask(occ: int, day_ranges: list[tuple[int, int]]) -> int:
    """Empty slots between a company's first and last meeting of each day."""
    gaps = 0
    for first, length in day_ranges:
        m = (occ >> first) & ((1 << length) - 1)
        if m:
            low = (m & -m).bit_length() - 1
            hull = ((1 << m.bit_length()) - 1) & ~((1 << low) - 1)
            gaps |= (hull & ~m) << first
    return gaps


def schedule_objective(inst: Instance, slots: list[int]) -> dict:
    """Objective of an internal assignment (request index -> slot index or -1)."""
    n_companies = inst.n_companies
    occ = [0] * n_companies
    count = [0] * n_companies
    weight = 0
    scheduled = 0
    for r, s in enumerate(slots):
        if s < 0:
            continue
        scheduled += 1
        weight += inst.weight[r]
        for c in (inst.ra[r], inst.rb[r]):
            occ[c] |= 1 << s
            count[c] += 1
    breaks = idle = 0
    for c in range(n_companies):
        b, i = mask_breaks(occ[c], inst.day_ranges)
        breaks += b
        idle += i
    asking = [count[c] for c in range(n_companies) if inst.adj[c]]
    moved = sum(1 for r, p in enumerate(inst.previous) if p >= 0 and slots[r] != p)
    return {
        "scheduled": scheduled,
        "weight": weight,
        "moved": moved,
        "fairness": min(asking) if asking else 0,
        "breaks": breaks,
        "idle_slots": idle,
    }


def _slot_table(instance: dict) -> dict:
    slots = {}
    for slot in instance["slots"]:
        start = datetime.fromisoformat(slot["start"])
        slots[slot["id"]] = (start, slot["tables"])
    return slots


def check_result(instance: dict, result: dict) -> list[str]:
    """Violations of the seven validity rules of the format (empty list when valid)."""
    problems = []
    slots = _slot_table(instance)
    companies = {c["id"]: c for c in instance["companies"]}
    requests = {r["id"]: r for r in instance["requests"]}
    seen = [m["request"] for m in result["meetings"]] + list(result["unscheduled"])
    if sorted(map(repr, seen)) != sorted(map(repr, requests)):
        problems.append("rule 1: requests not listed exactly once")
    per_slot_company: dict = {}
    per_company: dict = {}
    tables: dict = {}
    where = {}
    for m in result["meetings"]:
        req, sid = requests.get(m["request"]), m["slot"]
        if req is None or sid not in slots:
            problems.append(f"rule 2: unknown request or slot in {m}")
            continue
        where[m["request"]] = sid
        for holder in (companies[req["a"]], companies[req["b"]], req):
            if "available" in holder and sid not in holder["available"]:
                problems.append(f"rule 2: {m['request']} in unavailable slot {sid}")
        for cid in (req["a"], req["b"]):
            per_slot_company[cid, sid] = per_slot_company.get((cid, sid), 0) + 1
            per_company[cid] = per_company.get(cid, 0) + 1
        tables.setdefault(sid, []).append(m["table"])
    for (cid, sid), n in per_slot_company.items():
        if n > companies[cid].get("seats", 1):
            problems.append(f"rule 3: {cid} holds {n} meetings in {sid}")
    for sid, used in tables.items():
        ok = all(isinstance(t, int) and 1 <= t <= slots[sid][1] for t in used)
        if not ok or len(set(used)) != len(used):
            problems.append(f"rule 4: bad tables in {sid}: {used}")
    for cid, n in per_company.items():
        cap = companies[cid].get("max_meetings")
        if cap is not None and n > cap:
            problems.append(f"rule 5: {cid} holds {n} > {cap} meetings")
    for fixed in instance.get("fixed", []):
        if where.get(fixed["request"]) != fixed["slot"]:
            problems.append(f"rule 6: fixed {fixed['request']} not in {fixed['slot']}")
    pair_slots = [(frozenset((requests[r]["a"], requests[r]["b"])), s) for r, s in where.items()]
    if len(set(pair_slots)) < len(pair_slots):
        problems.append("rule 7: two meetings of one pair share a slot")
    return problems


def evaluate_result(instance: dict, result: dict) -> dict:
    """Recompute the objective of a result dict straight from the spec's definitions."""
    slots = _slot_table(instance)
    requests = {r["id"]: r for r in instance["requests"]}
    busy: dict = {}
    count = {c["id"]: 0 for c in instance["companies"]}
    weight = 0
    for m in result["meetings"]:
        req = requests[m["request"]]
        weight += req.get("weight", 1)
        for cid in (req["a"], req["b"]):
            busy.setdefault(cid, set()).add(m["slot"])
            count[cid] += 1
    days: dict = {}
    for sid, (start, _tables) in slots.items():
        days.setdefault(start.date(), []).append((start, sid))
    breaks = idle = 0
    for held in busy.values():
        for day_slots in days.values():
            flags = [sid in held for _start, sid in sorted(day_slots)]
            if True not in flags:
                continue
            inner = flags[flags.index(True) : len(flags) - flags[::-1].index(True)]
            idle += inner.count(False)
            breaks += sum(1 for i, f in enumerate(inner) if not f and inner[i - 1])
    asking = {r["a"] for r in requests.values()} | {r["b"] for r in requests.values()}
    where = {m["request"]: m["slot"] for m in result["meetings"]}
    moved = sum(1 for r in requests.values()
                if r.get("previous") is not None and where.get(r["id"]) != r["previous"])
    return {
        "scheduled": len(result["meetings"]),
        "weight": weight,
        "moved": moved,
        "fairness": min((count[c] for c in asking), default=0),
        "breaks": breaks,
        "idle_slots": idle,
    }
