"""Complete-schedule search: every request in a slot, by tabu search on overloads.

On small, tight events (brokerage: the tables per slot add up to exactly the
number of requests) insertion moves can circle around the last two or three
requests. This phase, used only when every request could in principle be held,
drops the rules it cannot keep for a while instead: every request sits in one
of its slots, and the cost is the overload (meetings beyond a company's seats
in a slot, plus meetings beyond a slot's tables). Moving one overloaded
meeting at a time, with recently left slots taboo (TabuCol for graph
colouring), reaches zero overload, a complete valid schedule, far more often
than ruin and recreate does.
"""

from __future__ import annotations

import random

from .construct import iter_bits
from .state import Schedule

# Each step scans every request, so this phase is for event-sized instances.
SIZE_LIMIT = 5_000


class Overloads:
    """Every request placed; counts how far company seats and tables are exceeded, and
    the pairs whose two meetings share a slot."""

    def __init__(self, st: Schedule, rng: random.Random, place_all: bool = True):
        inst = st.inst
        self.inst, self.rng, self.S = inst, rng, st.S
        self.slot = list(st.slot)
        self.pinned = st.pinned
        self.load = list(st.load)
        self.used = list(st.used)
        self.cost = 0
        for r, s in enumerate(self.slot):
            if s == -1 and place_all:
                self._place(r, self._cheapest(r))

    def _excess_after(self, r: int, s: int) -> int:
        """Extra overload that placing r in s adds."""
        inst, S = self.inst, self.S
        extra = self.used[s] >= inst.tables[s]
        for c in (inst.ra[r], inst.rb[r]):
            extra += self.load[c * S + s] >= inst.seats[c]
        if r in inst.twins:
            extra += sum(1 for t in inst.twins[r] if self.slot[t] == s)
        return extra

    def _relief(self, r: int) -> int:
        """Overload that taking r out of its slot removes."""
        inst, S, s = self.inst, self.S, self.slot[r]
        relief = self.used[s] > inst.tables[s]
        for c in (inst.ra[r], inst.rb[r]):
            relief += self.load[c * S + s] > inst.seats[c]
        if r in inst.twins:
            relief += sum(1 for t in inst.twins[r] if self.slot[t] == s)
        return relief

    def _cheapest(self, r: int) -> int:
        options = list(iter_bits(self.inst.request_mask[r]))
        return min(options, key=lambda s: (self._excess_after(r, s), self.rng.random()))

    def _place(self, r: int, s: int) -> None:
        self.cost += self._excess_after(r, s)
        inst, S = self.inst, self.S
        self.used[s] += 1
        for c in (inst.ra[r], inst.rb[r]):
            self.load[c * S + s] += 1
        self.slot[r] = s

    def _remove(self, r: int) -> None:
        self.cost -= self._relief(r)
        inst, S, s = self.inst, self.S, self.slot[r]
        self.used[s] -= 1
        for c in (inst.ra[r], inst.rb[r]):
            self.load[c * S + s] -= 1
        self.slot[r] = -1

    def move(self, r: int, s: int) -> None:
        self._remove(r)
        self._place(r, s)

    def in_conflict(self) -> list[int]:
        return [r for r in range(len(self.slot)) if not self.pinned[r] and self._relief(r)]

    def best_move(self, taboo: dict, step: int, best_cost: int):
        """(delta, r, s) of the best non-taboo move of an overloaded meeting; ties at random."""
        found, found_key = None, None
        for r in self.in_conflict():
            relief, here = self._relief(r), self.slot[r]
            for s in iter_bits(self.inst.request_mask[r] & ~(1 << here)):
                delta = self._excess_after(r, s) - relief
                if taboo.get((r, s), -1) > step and self.cost + delta >= best_cost:
                    continue  # taboo, unless it beats the best overload seen
                key = (delta, self.rng.random())
                if found_key is None or key < found_key:
                    found, found_key = (delta, r, s), key
        return found

    def random_move(self):
        """Any move of an overloaded meeting, for when every move is taboo."""
        masks = self.inst.request_mask
        movable = [r for r in self.in_conflict() if masks[r] & ~(1 << self.slot[r])]
        if not movable:
            return None
        r = self.rng.choice(movable)
        options = list(iter_bits(self.inst.request_mask[r] & ~(1 << self.slot[r])))
        return 0, r, self.rng.choice(options)


def complete(st: Schedule, rng: random.Random, max_steps: int, deadline: float, clock) -> bool:
    """Try to hold every request; on success load the schedule into `st`."""
    search = Overloads(st, rng)
    taboo: dict[tuple[int, int], int] = {}
    best_cost = search.cost
    for step in range(max_steps):
        if search.cost == 0:
            st.restore(search.slot)
            return True
        if step % 64 == 0 and clock() >= deadline:
            break
        choice = search.best_move(taboo, step, best_cost) or search.random_move()
        if choice is None:
            break  # nothing overloaded can move: no complete schedule from here
        _delta, r, s = choice
        taboo[r, search.slot[r]] = step + rng.randrange(10) + 2 * search.cost
        search.move(r, s)
        best_cost = min(best_cost, search.cost)
    return False


def worth_trying(st: Schedule) -> bool:
    """Every request could be held: each has a slot and no company's cap is below its requests."""
    inst = st.inst
    if inst.n_requests > SIZE_LIMIT:
        return False
    if st.n_scheduled == inst.n_requests or not all(inst.request_mask):
        return False
    caps_ok = all(inst.cap[c] >= len(inst.adj[c]) for c in range(inst.n_companies))
    return caps_ok and inst.n_requests <= sum(inst.tables)
