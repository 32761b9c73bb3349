"""Brokerage events shaped like the real ones (the `b2b-01` .. `b2b-20` family).

The real B2B events studied by Bofill et al. (meeting scheduling with MaxSAT)
are one day of 8-22 slots, 42-78 participants and 125-302 meetings that all
have to be held; tables are rarely the limit. In some events a third of the
participants can only meet in the morning or only in the afternoon, in others
the busiest participant has as many meetings as there are slots, and a few
pairs meet twice. Each event here is drawn from a seed with that shape, over a
hidden schedule that holds every meeting (so 100% is reachable); the hidden
schedule is random, not compact, so breaks are what the engine must work on.
"""

from __future__ import annotations

import math
import random
from datetime import timedelta

from bench.generate import FIRST_DAY, Built, EventSpec, Slot, _finish, zipf_weights

FAMILY_SIZE = 20
TWIN_ODDS = 0.04  # a drawn pair asks for a second meeting, in events that have such pairs
TWIN_EVENTS = 7  # every seventh event (3 of 20, as in the real set where 2 of 20 had them)


SLOT_MINUTES = 20  # 22 slots must fit in one day


def day_slots(n: int) -> list[Slot]:
    """`n` 20-minute slots in one day: half from 09:00, the rest from 14:00."""
    morning = math.ceil(n / 2)
    out = []
    for k in range(n):
        hour, first = (9, k) if k < morning else (14, k - morning)
        start = FIRST_DAY.replace(hour=hour) + timedelta(minutes=SLOT_MINUTES * first)
        out.append(Slot(f"D1-{start:%H%M}", start, 0, "am" if hour < 12 else "pm", k,
                        SLOT_MINUTES))
    return out


def _shape(rng: random.Random, seed: int) -> dict:
    """Participants, slots, meetings and the event's kind, within the real ranges."""
    n = rng.randint(42, 78)
    slots = rng.randint(8, 22)
    meetings = rng.randint(125, 302)
    while meetings > 0.32 * n * slots and slots < 22:
        slots += 1
    meetings = min(meetings, int(0.32 * n * slots))
    return {"n": n, "slots": slots, "meetings": meetings, "twins": seed % TWIN_EVENTS == 3,
            "part_day": seed % 2 == 1, "star": seed % 2 == 0}


def _availability(rng: random.Random, shape: dict, slots) -> list[list[int]]:
    """A third of the participants half-day in part-day events; 10% with forbidden slots."""
    everything = [s.index for s in slots]
    avail = []
    for _ in range(shape["n"]):
        if shape["part_day"] and rng.random() < 1 / 3:
            half = rng.choice(("am", "pm"))
            av = [s.index for s in slots if s.half == half]
        else:
            av = list(everything)
        if rng.random() < 0.1 and len(av) > 5:
            drop = set(rng.sample(av, rng.randint(1, 2)))
            av = [s for s in av if s not in drop]
        avail.append(av)
    return avail


class _Plant:
    """Requests drawn by popularity, each placed at once in a random common free slot."""

    def __init__(self, rng: random.Random, avail: list[list[int]], n_slots: int):
        self.rng, self.avail = rng, avail
        self.busy = [set() for _ in avail]
        self.requests: list[tuple[int, int, int]] = []
        self.used = [0] * n_slots
        self.held = [0] * len(avail)
        self.pairs: set[tuple[int, int]] = set()

    def place(self, a: int, b: int, again: bool = False) -> bool:
        if (min(a, b), max(a, b)) in self.pairs and not again:
            return False
        free = [s for s in self.avail[a] if s in self.avail[b]
                and s not in self.busy[a] and s not in self.busy[b]]
        if not free:
            return False
        self.put(a, b, self.rng.choice(free))
        return True

    def put(self, a: int, b: int, s: int) -> None:
        for c in (a, b):
            self.busy[c].add(s)
            self.held[c] += 1
        self.used[s] += 1
        self.requests.append((a, b, s))
        self.pairs.add((min(a, b), max(a, b)))


def _star(plant: _Plant, rng: random.Random, pop: list[float], n_slots: int) -> None:
    """The most popular full-day participant meets someone in every slot."""
    full = [c for c in range(len(plant.avail)) if len(plant.avail[c]) == n_slots]
    star = max(full, key=lambda c: pop[c])
    others = [c for c in range(len(plant.avail)) if c != star]
    rng.shuffle(others)
    for s in range(n_slots):
        partner = next((c for c in others if s in plant.avail[c] and s not in plant.busy[c]), None)
        if partner is not None:
            others.remove(partner)
            others.append(partner)
            plant.put(star, partner, s)


def build_b2b(seed: int) -> Built:
    rng = random.Random(7_919 * seed + 17)
    shape = _shape(rng, seed)
    slots = day_slots(shape["slots"])
    n, n_slots = shape["n"], len(slots)
    avail = _availability(rng, shape, slots)
    pop = zipf_weights(rng, n, 0.8, 4)
    plant = _Plant(rng, avail, n_slots)
    if shape["star"]:
        _star(plant, rng, pop, n_slots)
    tries = 0
    while len(plant.requests) < shape["meetings"] and tries < 200 * shape["meetings"]:
        tries += 1
        a, b = rng.choices(range(n), pop, k=2)
        if a == b:
            continue
        if plant.place(a, b) and shape["twins"] and rng.random() < TWIN_ODDS:
            plant.place(a, b, again=True)  # the pair asked twice (each side, or a second meeting)
    spare = 0 if seed % 5 == 0 else max(2, math.ceil(0.15 * max(plant.used)))
    tables = max(plant.used) + spare  # one event in five: the busiest slot has no spare table
    spec = EventSpec(n_buyers=n, n_suppliers=0, n_requests=len(plant.requests), days=1,
                     slots_per_day=n_slots, tables="slack", slack=0.0)
    used = [tables] * n_slots
    ids = [f"P{i + 1:03d}" for i in range(n)]
    built = _finish(rng, spec, slots, ids, avail, [1] * n, [None] * n, plant.requests, used,
                    plant.held)
    built.info.update(complete_exists=True, part_day=shape["part_day"], star=shape["star"],
                      twins=shape["twins"])
    return built
