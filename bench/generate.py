"""Deterministic instance generator for the scheduling benchmark.

Every scenario is a function of a seed only (``random.Random(seed)``, no set
iteration over strings), so the same name and seed give byte-identical JSON in
any process.

``generate(name, seed=0)`` returns ``(instance, info)``: ``instance`` is a
instance in the engine's format (docs/schedule-format.md) and nothing more;
``info`` is what the generator knows about it (planted schedule, whether a
complete schedule exists, the largest degree...), kept outside the instance so
the engine never sees it.

Command line: ``python -m bench.generate NAME [--seed N] [-o FILE]`` and
``python -m bench.generate --list``.
"""

from __future__ import annotations

import argparse
import bisect
import itertools
import json
import math
import random
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

INSTANCE_FORMAT = "matchmaking-schedule/1"
TZ = timezone(timedelta(hours=8))
FIRST_DAY = datetime(2012, 6, 19, tzinfo=TZ)
SLOT_MINUTES = 30
WEIGHTS = (1, 2, 3, 4, 5)
WEIGHT_ODDS = (30, 25, 20, 15, 10)


# --------------------------------------------------------------------------- slots


@dataclass
class Slot:
    id: str
    start: datetime
    day: int
    half: str  # "am" or "pm"
    index: int
    minutes: int = SLOT_MINUTES


def make_slots(days: int, per_day: int) -> list[Slot]:
    """``per_day`` 30-minute slots a day: the first half from 09:00, the rest
    after lunch from 13:30 (so a lunch gap without slots)."""
    out: list[Slot] = []
    morning = math.ceil(per_day / 2)
    for d in range(days):
        base = FIRST_DAY + timedelta(days=d)
        for k in range(per_day):
            if k < morning:
                start = base.replace(hour=9) + timedelta(minutes=SLOT_MINUTES * k)
            else:
                start = base.replace(hour=13, minute=30) + timedelta(
                    minutes=SLOT_MINUTES * (k - morning)
                )
            half = "am" if start.hour < 12 else "pm"
            out.append(Slot(f"D{d + 1}-{start:%H%M}", start, d, half, len(out)))
    return out


def slot_json(s: Slot, tables: int) -> dict:
    end = s.start + timedelta(minutes=s.minutes)
    return {
        "id": s.id,
        "start": s.start.isoformat(timespec="seconds"),
        "end": end.isoformat(timespec="seconds"),
        "tables": int(tables),
    }


# ---------------------------------------------------------------- random helpers


def zipf_weights(rng: random.Random, n: int, s: float, offset: float) -> list[float]:
    """Zipf-Mandelbrot popularity 1/(rank+offset)^s, ranks shuffled over ids."""
    ranks = list(range(n))
    rng.shuffle(ranks)
    return [1.0 / (r + offset) ** s for r in ranks]


class Sampler:
    """Weighted sampling of indices with occasional removal of exhausted ones."""

    def __init__(self, rng: random.Random, weights: list[float]):
        self.rng = rng
        self.weights = list(weights)
        self.alive = [True] * len(weights)
        self._rebuild()

    def _rebuild(self) -> None:
        self.idx = [i for i, ok in enumerate(self.alive) if ok and self.weights[i] > 0]
        self.cum = list(itertools.accumulate(self.weights[i] for i in self.idx))
        self.dead_since = 0

    def kill(self, i: int) -> None:
        if self.alive[i]:
            self.alive[i] = False
            self.dead_since += 1
            if self.dead_since > max(8, len(self.idx) // 20):
                self._rebuild()

    def empty(self) -> bool:
        return not any(self.alive[i] for i in self.idx)

    def draw(self) -> int | None:
        for _ in range(64):
            if not self.cum:
                return None
            x = self.rng.random() * self.cum[-1]
            i = self.idx[min(bisect.bisect_right(self.cum, x), len(self.idx) - 1)]
            if self.alive[i]:
                return i
        self._rebuild()
        if not self.idx:
            return None
        return self.draw()


def draw_weight(rng: random.Random) -> int:
    return rng.choices(WEIGHTS, WEIGHT_ODDS)[0]


# ------------------------------------------------------------------ the builder


@dataclass
class EventSpec:
    """Knobs of the general builder. Fractions are of companies or requests."""

    n_buyers: int
    n_suppliers: int
    n_requests: int
    days: int
    slots_per_day: int
    ss_fraction: float = 0.0  # supplier-supplier requests (non-bipartite)
    zipf_s: float = 1.0
    zipf_offset: float = 10.0
    windows: float = 0.0  # companies with a morning/afternoon/one-day window
    forbidden: float = 0.0  # companies with 1-3 forbidden slots
    seats_frac: float = 0.0  # delegations with 2-3 seats
    cap_frac: float = 0.0  # companies with max_meetings below capacity
    overbook: float = 1.5  # requests a company may receive / its capacity
    plant: str = "partial"  # "all": every request planted; "partial"; "none"
    compact: bool = False  # plant with few breaks
    tables: str = "planted"  # "planted" (tight), "slack", "enough"
    slack: float = 0.0
    fixed_frac: float = 0.0
    req_window_frac: float = 0.0  # requests with a slot limit of their own
    post_forbid: float = 0.0  # brokerage: forbid unused slots after planting
    tight_caps: float = 0.0  # brokerage: cap = planted count for this fraction


@dataclass
class Built:
    instance: dict
    info: dict = field(default_factory=dict)


def _company_ids(nb: int, ns: int) -> list[str]:
    return [f"B{i + 1:04d}" for i in range(nb)] + [f"S{i + 1:04d}" for i in range(ns)]


def _window(rng: random.Random, slots: list[Slot], days: int, kind: str) -> list[int]:
    if kind == "am":
        return [s.index for s in slots if s.half == "am"]
    if kind == "pm":
        return [s.index for s in slots if s.half == "pm"]
    if kind == "day":
        d = rng.randrange(days)
        return [s.index for s in slots if s.day == d]
    return [s.index for s in slots]


def _added_breaks(busy: set[int], s: int, slots: list[Slot]) -> int:
    """How much placing a meeting in slot ``s`` spreads a company's day
    (0 when adjacent to or inside its block, else the gap it opens)."""
    day = slots[s].day
    same = [t for t in busy if slots[t].day == day]
    if not same:
        return 0
    lo, hi = min(same), max(same)
    if lo <= s <= hi:
        return 0 if s in busy else -1  # filling a hole is good
    return (lo - s - 1) if s < lo else (s - hi - 1)


def build_event(spec: EventSpec, seed: int) -> Built:
    rng = random.Random(seed)
    slots = make_slots(spec.days, spec.slots_per_day)
    n_slots = len(slots)
    ids = _company_ids(spec.n_buyers, spec.n_suppliers)
    n = len(ids)
    buyers = range(spec.n_buyers)
    suppliers = range(spec.n_buyers, n)

    # Availability windows and forbidden slots.
    avail: list[list[int]] = []
    for _ in range(n):
        kinds = ["am", "pm"] + (["day"] if spec.days > 1 else [])
        kind = rng.choice(kinds) if rng.random() < spec.windows else "all"
        av = _window(rng, slots, spec.days, kind)
        if rng.random() < spec.forbidden and len(av) > 4:
            drop = set(rng.sample(av, rng.randint(1, 3)))
            av = [s for s in av if s not in drop]
        avail.append(av)

    # Popularity (Zipf), delegations, caps.
    pop = zipf_weights(rng, n, spec.zipf_s, spec.zipf_offset)
    seats = [1] * n
    by_pop = sorted(range(n), key=lambda i: -pop[i])
    n_deleg = round(spec.seats_frac * n)
    for i in by_pop[: n_deleg * 2]:
        if rng.random() < 0.5:
            seats[i] = rng.choice((2, 2, 3))
    capacity = [seats[i] * len(avail[i]) for i in range(n)]
    cap: list[int | None] = [None] * n
    for i in range(n):
        if rng.random() < spec.cap_frac and capacity[i] > 2:
            cap[i] = rng.randint(max(1, capacity[i] // 3), max(1, (capacity[i] * 3) // 4))
    eff_cap = [min(capacity[i], cap[i]) if cap[i] is not None else capacity[i] for i in range(n)]
    req_limit = [max(1, math.ceil(spec.overbook * eff_cap[i])) for i in range(n)]

    # Planting state.
    load = [[0] * n_slots for _ in range(n)]
    busy: list[set[int]] = [set() for _ in range(n)]
    held = [0] * n
    slot_used = [0] * n_slots
    avail_sets = [set(a) for a in avail]

    def plant_slot(a: int, b: int) -> int | None:
        if held[a] >= eff_cap[a] or held[b] >= eff_cap[b]:
            return None
        cands = [
            s for s in avail[a]
            if s in avail_sets[b] and load[a][s] < seats[a] and load[b][s] < seats[b]
        ]
        if not cands:
            return None
        if spec.compact:
            # Fewest new gaps for the two companies; ties broken at random.
            scored = [(_added_breaks(busy[a], s, slots) + _added_breaks(busy[b], s, slots),
                       rng.random(), s) for s in cands]
            return min(scored)[2]
        return rng.choice(cands)

    def place(a: int, b: int, s: int) -> None:
        for c in (a, b):
            load[c][s] += 1
            busy[c].add(s)
            held[c] += 1
        slot_used[s] += 1

    # Request generation: buyers drive requests (activity), suppliers are
    # chosen by popularity; a fraction are supplier-supplier.
    buyer_s = Sampler(rng, [pop[i] for i in buyers])
    supp_s = Sampler(rng, [pop[i] for i in suppliers])
    degree = [0] * n
    pairs: set[tuple[int, int]] = set()
    requests: list[tuple[int, int, int | None]] = []  # (a, b, planted slot)
    attempts = 0
    max_attempts = spec.n_requests * 60
    while len(requests) < spec.n_requests and attempts < max_attempts:
        attempts += 1
        if spec.ss_fraction and rng.random() < spec.ss_fraction:
            ia, ib = supp_s.draw(), supp_s.draw()
            if ia is None or ib is None:
                break
            a, b = suppliers[ia], suppliers[ib]
        else:
            ia, ib = buyer_s.draw(), supp_s.draw()
            if ia is None or ib is None:
                break
            a, b = buyers[ia], suppliers[ib]
        key = (min(a, b), max(a, b))
        if a == b or key in pairs:
            continue
        if degree[a] >= req_limit[a] or degree[b] >= req_limit[b]:
            for c in (a, b):
                if degree[c] >= req_limit[c]:
                    (buyer_s if c < spec.n_buyers else supp_s).kill(
                        c if c < spec.n_buyers else c - spec.n_buyers
                    )
            continue
        s = plant_slot(a, b) if spec.plant != "none" else None
        if s is None and spec.plant == "all":
            continue
        if s is not None:
            place(a, b, s)
        pairs.add(key)
        degree[a] += 1
        degree[b] += 1
        requests.append((a, b, s))

    return _finish(rng, spec, slots, ids, avail, seats, cap, requests, slot_used, held)


def _finish(rng, spec, slots, ids, avail, seats, cap, requests, slot_used, held) -> Built:
    n_slots = len(slots)
    n = len(ids)
    planted_by_company: list[set[int]] = [set() for _ in range(n)]
    for a, b, s in requests:
        if s is not None:
            planted_by_company[a].add(s)
            planted_by_company[b].add(s)

    # Tables.
    n_req = len(requests)
    if spec.tables == "enough":
        tables = [math.ceil(n_req / n_slots)] * n_slots
    elif spec.tables == "slack":
        tables = [math.ceil(u * (1 + spec.slack)) for u in slot_used]
    else:
        tables = list(slot_used)

    # Brokerage: forbid some slots a company does not use in the hidden
    # schedule, and cap some companies at exactly their planted count.
    avail = [list(a) for a in avail]
    for i in range(n):
        if rng.random() < spec.post_forbid:
            unused = [s for s in avail[i] if s not in planted_by_company[i]]
            if unused:
                drop = set(rng.sample(unused, min(len(unused), rng.randint(1, 3))))
                avail[i] = [s for s in avail[i] if s not in drop]
        if spec.tight_caps and rng.random() < spec.tight_caps and held[i] > 0:
            cap[i] = held[i]

    companies = []
    for i in range(n):
        c: dict = {"id": ids[i]}
        if len(avail[i]) != n_slots:
            c["available"] = [slots[s].id for s in avail[i]]
        if cap[i] is not None:
            c["max_meetings"] = cap[i]
        if seats[i] != 1:
            c["seats"] = seats[i]
        companies.append(c)

    order = list(range(n_req))
    rng.shuffle(order)
    out_requests = []
    fixed = []
    planted_meetings = []
    for k, j in enumerate(order):
        a, b, s = requests[j]
        if rng.random() < 0.5:
            a, b = b, a
        rid = f"r-{k + 1:05d}"
        r: dict = {"id": rid, "a": ids[a], "b": ids[b], "weight": draw_weight(rng)}
        if rng.random() < spec.req_window_frac:
            if s is not None:
                half = slots[s].half
                if rng.random() < 0.5:
                    allowed = [t.id for t in slots if t.half == half]  # mornings only
                else:
                    allowed = [t.id for t in slots if t.day == slots[s].day]  # that day only
            else:
                half = rng.choice(("am", "pm"))
                allowed = [t.id for t in slots if t.half == half]
            r["available"] = allowed
        out_requests.append(r)
        if s is not None:
            planted_meetings.append({"request": rid, "slot": slots[s].id})
            if rng.random() < spec.fixed_frac:
                fixed.append({"request": rid, "slot": slots[s].id})

    instance = {
        "format": INSTANCE_FORMAT,
        "slots": [slot_json(slots[s], tables[s]) for s in range(n_slots)],
        "companies": companies,
        "requests": out_requests,
        "fixed": fixed,
    }
    weight_of = {r["id"]: r["weight"] for r in out_requests}
    info = {
        "planted_meetings": planted_meetings,
        "planted_scheduled": len(planted_meetings),
        "planted_weight": sum(weight_of[m["request"]] for m in planted_meetings),
        "complete_exists": len(planted_meetings) == n_req,
        "bipartite": spec.ss_fraction == 0,
    }
    return Built(instance, info)


# ------------------------------------------------------------- König scenarios


def build_konig(n_buyers: int, n_suppliers: int, n_requests: int, days: int, per_day: int,
                seed: int) -> Built:
    """Bipartite, no availability limits, seats 1, enough tables, every
    company at most ``slots`` requests: König says everything fits."""
    spec = EventSpec(
        n_buyers=n_buyers, n_suppliers=n_suppliers, n_requests=n_requests, days=days,
        slots_per_day=per_day, zipf_s=0.6, zipf_offset=30, plant="none", tables="enough",
        overbook=1.0,
    )
    built = build_event(spec, seed)
    built.info.update(complete_exists=True, planted_weight=None)
    return built


def build_konig_tight(n_side: int, n_slots: int, per_slot: int, seed: int) -> Built:
    """Union of ``n_slots`` random matchings of size ``per_slot`` between
    buyers and suppliers, all distinct pairs; B0001 and S0001 are in every
    matching so the largest degree is exactly the number of slots, and
    slots * tables == requests."""
    rng = random.Random(seed)
    per_day = n_slots if n_slots <= 14 else math.ceil(n_slots / 2)
    days = math.ceil(n_slots / per_day)
    slots = make_slots(days, per_day)[:n_slots]
    pairs: set[tuple[int, int]] = set()
    req: list[tuple[int, int, int]] = []
    for s in range(n_slots):
        bs = [0] + rng.sample(range(1, n_side), per_slot - 1)
        ss = [0] + rng.sample(range(1, n_side), per_slot - 1)
        rng.shuffle(ss)
        # Repair pairs already used in an earlier slot by swapping partners.
        for _ in range(500):
            bad = [k for k in range(per_slot) if (bs[k], ss[k]) in pairs]
            if not bad:
                break
            for k in bad:
                j = rng.randrange(per_slot)
                ss[k], ss[j] = ss[j], ss[k]
        else:
            raise RuntimeError("could not draw a fresh matching; lower per_slot")
        for k in range(per_slot):
            pairs.add((bs[k], ss[k]))
            req.append((bs[k], n_side + ss[k], s))
    spec = EventSpec(n_buyers=n_side, n_suppliers=n_side, n_requests=len(req), days=days,
                     slots_per_day=per_day)
    ids = _company_ids(n_side, n_side)
    used = [per_slot] * n_slots
    built = _finish(rng, spec, slots, ids, [list(range(n_slots))] * (2 * n_side),
                    [1] * (2 * n_side), [None] * (2 * n_side), req, used, [0] * (2 * n_side))
    return built


# ---------------------------------------------------------------- scenarios


@dataclass
class Scenario:
    name: str
    kind: str  # konig, realistic, brokerage, scale
    description: str
    build: Callable[[int], Built]
    quick: bool = False
    # Extra engine runs with these time limits (e.g. konig-20k: can it finish
    # inside 1 s when told to?).
    engine_limits: tuple[float, ...] = ()


def _realistic(nb, ns, nr, days, per_day, **kw) -> Callable[[int], Built]:
    base = {
        "n_buyers": nb, "n_suppliers": ns, "n_requests": nr, "days": days, "slots_per_day": per_day,
        "ss_fraction": 0.05, "zipf_s": 1.0, "zipf_offset": 10, "windows": 0.25, "forbidden": 0.10,
        "seats_frac": 0.08, "cap_frac": 0.20, "overbook": 1.6, "plant": "partial", "compact": False,
        "tables": "planted", "fixed_frac": 0.03, "req_window_frac": 0.10,
    }
    base.update(kw)
    return lambda seed: build_event(EventSpec(**base), seed)


def _brokerage(nb, ns, nr, days, per_day) -> Callable[[int], Built]:
    spec = EventSpec(
        n_buyers=nb, n_suppliers=ns, n_requests=nr, days=days, slots_per_day=per_day,
        ss_fraction=0.05, zipf_s=0.8, zipf_offset=5, windows=0.25, forbidden=0.10,
        seats_frac=0.06, cap_frac=0.0, overbook=1.0, plant="all", compact=True,
        tables="planted", fixed_frac=0.05, req_window_frac=0.20, post_forbid=0.30,
        tight_caps=0.15,
    )
    return lambda seed: build_event(spec, seed)


def _b2b(index: int) -> Callable[[int], Built]:
    def build(seed: int) -> Built:
        from bench.b2b import build_b2b  # imports this module: loaded on first use

        return build_b2b(index + 100 * seed)

    return build


def _perturb_base(seed: int) -> Built:
    from bench.perturb import base_event  # imports this module: loaded on first use

    return base_event(seed)


SCENARIOS: dict[str, Scenario] = {}


def _add(name, kind, description, build, quick=False, engine_limits=()):
    SCENARIOS[name] = Scenario(name, kind, description, build, quick, engine_limits)


_add("konig-20k", "konig",
     "2,000 companies (bipartite), 20,000 requests, 24 slots, max degree <= 24, no limits, "
     "seats 1, tables ceil(requests/slots): Konig says 100% fits",
     lambda seed: build_konig(1000, 1000, 20000, 2, 12, seed), engine_limits=(1.0,))
_add("konig-2k", "konig",
     "200 companies (bipartite), 2,000 requests, 24 slots, max degree <= 24, no limits",
     lambda seed: build_konig(100, 100, 2000, 2, 12, seed), quick=True)
_add("konig-tight-s", "konig",
     "120 companies, 12 slots x 50 tables = 600 requests, max degree 12 (perfectly tight)",
     lambda seed: build_konig_tight(60, 12, 50, seed), quick=True)
_add("konig-tight-m", "konig",
     "800 companies, 20 slots x 380 tables = 7,600 requests, max degree 20 (perfectly tight)",
     lambda seed: build_konig_tight(400, 20, 380, seed))
_add("realistic-300", "realistic",
     "300 companies, 2,000 requests, 2 days x 8 slots; windows, caps, seats, fixed, "
     "request slot limits, Zipf popularity, tables = a hidden partial schedule",
     _realistic(120, 180, 2000, 2, 8), quick=True)
_add("realistic-1k", "realistic",
     "1,000 companies, 8,000 requests, 2 days x 10 slots, same constraints",
     _realistic(400, 600, 8000, 2, 10))
_add("realistic-2k", "realistic",
     "2,000 companies, 20,000 requests, 2 days x 12 slots, same constraints",
     _realistic(800, 1200, 20000, 2, 12))
_add("seats-fixed", "seats_fixed",
     "600 companies, 5,000 requests, 2 days x 10 slots; about a fifth of the companies are "
     "delegations with 2-3 parallel seats, 15% of a hidden partial schedule fixed, the other "
     "realistic constraints, tables = that schedule",
     _realistic(240, 360, 5000, 2, 10, seats_frac=0.25, fixed_frac=0.15))
_BROKERAGE = [
    # name, buyers, suppliers, meetings, days, slots/day
    ("brokerage-1", 16, 24, 100, 1, 8),
    ("brokerage-2", 20, 30, 140, 1, 10),
    ("brokerage-3", 24, 36, 180, 1, 12),
    ("brokerage-4", 30, 40, 220, 2, 7),
    ("brokerage-5", 34, 50, 260, 2, 9),
    ("brokerage-6", 40, 60, 300, 2, 11),
]
for _name, _nb, _ns, _nr, _d, _pd in _BROKERAGE:
    _add(_name, "brokerage",
         f"{_nb + _ns} companies, {_nr} meetings, {_d} day(s) x {_pd} slots; a hidden complete "
         "schedule fixes tables exactly; morning/afternoon/one-day companies, forbidden slots, "
         "request windows, delegations, tight caps, fixed meetings",
         _brokerage(_nb, _ns, _nr, _d, _pd), quick=True)
for _index in range(1, 21):
    _add(f"b2b-{_index:02d}", "b2b",
         "one-day brokerage event shaped like the real ones: 42-78 participants, 125-302 "
         "meetings, 8-22 slots, part-day participants or a participant busy in every slot, "
         "pairs that meet twice; a hidden schedule holds every meeting",
         _b2b(_index), quick=_index <= 2)
_add("perturb-3k", "perturb",
     "3,000 requests, 400 companies, 2 days x 8 slots; the engine's schedule is published, "
     "then 5% of its meetings are cancelled, 5% new requests arrive and 2% of the companies "
     "lose two slots (bench/perturb.py)",
     lambda seed: _perturb_base(seed))
_add("scale-20k", "scale",
     "2,000 companies, 20,000 requests, 3 days x 8 slots; 15% supplier-supplier, windows, "
     "caps, delegations, fixed meetings, tables 10% above a hidden partial schedule",
     _realistic(800, 1200, 20000, 3, 8, ss_fraction=0.15, seats_frac=0.12, overbook=2.0,
                tables="slack", slack=0.10))


def generate(name: str, seed: int = 0) -> tuple[dict, dict]:
    sc = SCENARIOS[name]
    built = sc.build(seed)
    info = dict(built.info)
    inst = built.instance
    deg: dict[str, int] = {}
    for r in inst["requests"]:
        deg[r["a"]] = deg.get(r["a"], 0) + 1
        deg[r["b"]] = deg.get(r["b"], 0) + 1
    info.update(
        scenario=name, kind=sc.kind, seed=seed, description=sc.description,
        companies=len(inst["companies"]), requests=len(inst["requests"]),
        slots=len(inst["slots"]), max_degree=max(deg.values(), default=0),
        total_weight=sum(r["weight"] for r in inst["requests"]),
    )
    return inst, info


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.generate", description=__doc__.split("\n")[0])
    p.add_argument("name", nargs="?")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("-o", "--output")
    p.add_argument("--list", action="store_true")
    p.add_argument("--info", action="store_true", help="print the generator's info, not the JSON")
    a = p.parse_args(argv)
    if a.list or not a.name:
        for sc in SCENARIOS.values():
            print(f"{sc.name:16} {sc.kind:10} {'quick ' if sc.quick else '      '}{sc.description}")
        return 0
    inst, info = generate(a.name, a.seed)
    if a.info:
        info.pop("planted_meetings", None)
        print(json.dumps(info, indent=1))
        return 0
    text = json.dumps(inst, separators=(",", ":"))
    if a.output:
        with open(a.output, "w", encoding="utf-8") as fh:
            fh.write(text)
    else:
        sys.stdout.write(text + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
