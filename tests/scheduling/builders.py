"""Small instance builders for the engine tests (no Django, no database)."""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone

TZ = timezone(timedelta(hours=8))
FORMAT = "matchmaking-schedule/1"


def make_slots(n: int, tables: int, per_day: int | None = None) -> list[dict]:
    """`n` half-hour slots, `per_day` a day (all on one day by default)."""
    per_day = per_day or n
    slots = []
    for i in range(n):
        day, k = divmod(i, per_day)
        start = datetime(2026, 6, 19, 9, tzinfo=TZ) + timedelta(days=day, minutes=30 * k)
        slots.append(
            {
                "id": f"D{day + 1}-{k:02d}",
                "start": start.isoformat(),
                "end": (start + timedelta(minutes=30)).isoformat(),
                "tables": tables,
            }
        )
    return slots


def make_instance(slots, companies, requests, fixed=()) -> dict:
    return {
        "format": FORMAT,
        "slots": slots,
        "companies": [c if isinstance(c, dict) else {"id": c} for c in companies],
        "requests": [
            r if isinstance(r, dict) else {"id": f"r{i}", "a": r[0], "b": r[1]}
            for i, r in enumerate(requests)
        ],
        "fixed": list(fixed),
    }


def random_bipartite(seed: int, side: int, n_slots: int, density: float, tables=None) -> dict:
    """Random buyer-supplier requests with every degree <= n_slots (Konig applies)."""
    rng = random.Random(seed)
    degree = {}
    pairs = []
    for b in range(side):
        for s in range(side):
            buyer, supplier = f"B{b}", f"S{s}"
            full = degree.get(buyer, 0) >= n_slots or degree.get(supplier, 0) >= n_slots
            if rng.random() < density and not full:
                pairs.append((buyer, supplier))
                degree[buyer] = degree.get(buyer, 0) + 1
                degree[supplier] = degree.get(supplier, 0) + 1
    if tables is None:
        tables = -(-len(pairs) // n_slots) + 2
    companies = [f"B{i}" for i in range(side)] + [f"S{i}" for i in range(side)]
    return make_instance(make_slots(n_slots, tables), companies, pairs)
