"""A cheap, independent upper bound on the total weight of any valid schedule.

Three relaxations, the smallest wins:

* **feasible**: the sum of the weights of requests that have at least one
  usable slot (allowed for both companies and the request, with tables > 0).
* **company**: each company ``c`` can hold at most
  ``k_c = min(max_meetings, seats * usable slots)`` meetings, so at least
  ``deg_c - k_c`` of its (non-fixed) requests stay unscheduled, at least
  their lightest weights. A request between two over-subscribed companies is
  counted with half its weight on each side, so no loss is counted twice.
* **tables**: no more meetings than ``sum_s min(tables_s, seat pairs in s)``,
  so at most the heaviest that many requests.

Also used by the tests: every valid result's weight must be <= this bound.
"""

from __future__ import annotations

from collections import defaultdict


def weight_upper_bound(instance: dict) -> dict:
    slots = {s["id"]: s for s in instance["slots"]}
    all_slots = set(slots)
    comp = {c["id"]: c for c in instance["companies"]}
    avail = {
        cid: set(c["available"]) if c.get("available") is not None else all_slots
        for cid, c in comp.items()
    }
    seats = {cid: int(c.get("seats", 1)) for cid, c in comp.items()}
    fixed = {f["request"] for f in instance.get("fixed") or []}
    open_slots = {sid for sid, s in slots.items() if s["tables"] > 0}

    feasible = []  # (rid, a, b, w)
    for r in instance["requests"]:
        ok = avail[r["a"]] & avail[r["b"]] & open_slots
        if r.get("available") is not None:
            ok &= set(r["available"])
        if ok:
            feasible.append((r["id"], r["a"], r["b"], r.get("weight", 1)))
    ub_feasible = sum(w for *_, w in feasible)

    # Company relaxation.
    by_company: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for rid, a, b, w in feasible:
        by_company[a].append((rid, w))
        by_company[b].append((rid, w))
    k = {}
    for cid in by_company:
        k[cid] = seats[cid] * len(avail[cid] & open_slots)
        cap = comp[cid].get("max_meetings")
        if cap is not None:
            k[cid] = min(k[cid], cap)
    over = {cid for cid, rs in by_company.items() if len(rs) > k[cid]}
    ends = {rid: (a, b) for rid, a, b, _ in feasible}
    loss = 0.0
    for cid in sorted(over):
        rs = by_company[cid]
        must_drop = len(rs) - k[cid]
        costs = []
        for rid, w in rs:
            if rid in fixed:
                continue
            a, b = ends[rid]
            other = b if a == cid else a
            # Halve the weight of requests whose other end is also over-subscribed.
            costs.append(w / 2 if other in over else w)
        costs.sort()
        loss += sum(costs[:must_drop])
    ub_company = ub_feasible - loss

    # Tables relaxation.
    capacity = 0
    for sid in open_slots:
        seat_sum = sum(seats[c] for c in comp if sid in avail[c])
        capacity += min(slots[sid]["tables"], seat_sum // 2)
    ws = sorted((w for *_, w in feasible), reverse=True)
    ub_tables = sum(ws[:capacity])

    best = min(ub_feasible, ub_company, ub_tables)
    return {
        "weight": int(best + 1e-9),
        "feasible": ub_feasible,
        "company": ub_company,
        "tables": ub_tables,
        "feasible_requests": len(feasible),
    }

