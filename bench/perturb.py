"""The perturbation family: a late change to an event whose schedule is published.

A 3,000-request event is scheduled (by the engine, through the harness) and
that schedule is taken as published. Then, seeded: 5% of the published
meetings are cancelled (their requests leave the instance), 5% new requests
arrive, and 2% of the companies lose two of their slots. The changed
instance carries every remaining published meeting's slot as `previous`.

`forced_moves` counts what no schedule can keep: published meetings whose
slot the request can no longer use. Targets (bench/run.py): moved <= forced
moves + 1% of the published meetings, and weight >= 99.5% of a from-scratch
run on the same changed instance (`previous` removed).
"""

from __future__ import annotations

import copy
import random

from bench.generate import Built, EventSpec, build_event, draw_weight

CANCELLED, NEW, LOSING = 0.05, 0.05, 0.02


def base_event(seed: int) -> Built:
    """3,000 requests, 400 companies, two days of 8 slots, windows, caps, delegations."""
    spec = EventSpec(
        n_buyers=160, n_suppliers=240, n_requests=3000, days=2, slots_per_day=8,
        ss_fraction=0.05, windows=0.25, forbidden=0.10, seats_frac=0.08, cap_frac=0.10,
        overbook=1.2, plant="partial", tables="slack", slack=0.10, req_window_frac=0.10,
    )
    return build_event(spec, seed)


def _usable(instance: dict, request: dict) -> set[str]:
    slots = {s["id"] for s in instance["slots"] if s["tables"] > 0}
    companies = {c["id"]: c for c in instance["companies"]}
    for holder in (companies[request["a"]], companies[request["b"]], request):
        if holder.get("available") is not None:
            slots &= set(holder["available"])
    return slots


def _new_requests(rng: random.Random, instance: dict, count: int) -> list[dict]:
    ids = [c["id"] for c in instance["companies"]]
    pairs = {frozenset((r["a"], r["b"])) for r in instance["requests"]}
    out: list[dict] = []
    while len(out) < count:
        a, b = rng.sample(ids, 2)
        if frozenset((a, b)) in pairs:
            continue
        pairs.add(frozenset((a, b)))
        out.append({"id": f"new-{len(out) + 1:04d}", "a": a, "b": b, "weight": draw_weight(rng)})
    return out


def _lose_slots(rng: random.Random, instance: dict) -> list[str]:
    every = [s["id"] for s in instance["slots"]]
    losing = rng.sample(instance["companies"], round(LOSING * len(instance["companies"])))
    for company in losing:
        available = company.get("available") or list(every)
        gone = set(rng.sample(available, min(2, len(available))))
        company["available"] = [s for s in available if s not in gone]
    return [c["id"] for c in losing]


def perturb(instance: dict, published: dict, seed: int) -> tuple[dict, dict]:
    """The changed instance (with `previous` slots) and what the change forced."""
    rng = random.Random(seed + 4_049)
    changed = copy.deepcopy(instance)
    where = {m["request"]: m["slot"] for m in published["meetings"]}
    held = sorted(where)
    cancelled = set(rng.sample(held, round(CANCELLED * len(held))))
    changed["requests"] = [r for r in changed["requests"] if r["id"] not in cancelled]
    changed["fixed"] = [f for f in changed.get("fixed", []) if f["request"] not in cancelled]
    changed["requests"] += _new_requests(rng, changed, round(NEW * len(instance["requests"])))
    losing = _lose_slots(rng, changed)
    forced = 0
    for request in changed["requests"]:
        if request["id"] in where:
            request["previous"] = where[request["id"]]
            forced += where[request["id"]] not in _usable(changed, request)
    info = {"published": len(held) - len(cancelled), "cancelled": len(cancelled),
            "new_requests": round(NEW * len(instance["requests"])),
            "companies_losing_slots": len(losing), "forced_moves": forced}
    return changed, info


def from_scratch(instance: dict) -> dict:
    """The same changed instance without any published slot."""
    scratch = copy.deepcopy(instance)
    for request in scratch["requests"]:
        request.pop("previous", None)
    return scratch
