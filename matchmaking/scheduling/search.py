"""Weight phase, part two: ruin and recreate around unscheduled requests.

A move forces one unscheduled request r into one of its slots, evicting what
is in the way (including the lightest meeting of a company at its cap), then
re-inserts the evicted meetings and the unscheduled requests of every company
that lost a meeting. This finds the "one out, two in" trades that single
insertions miss. The move is kept when the total weight does not go down
(equal-weight moves let the search drift across plateaus); otherwise undone.
"""

from __future__ import annotations

import random

from .construct import priority_order
from .repair import Repairer
from .state import Schedule

EPS = 1e-9
LOSS_ODDS = 0.002
RUIN_SHARE = 0.1  # share of the scheduled meetings a restart takes out


class RuinRecreate:
    def __init__(self, st: Schedule, rng: random.Random):
        self.st = st
        self.rng = rng
        self.fixer = Repairer(st, rng)
        self.fixer.kempe_tries = 12

    def pending(self) -> list[int]:
        st, inst = self.st, self.st.inst
        return [r for r in range(inst.n_requests) if st.slot[r] == -1 and inst.request_mask[r]]

    def _followers(self, evicted: list[int], r: int) -> list[int]:
        """Evicted meetings plus unscheduled requests of the companies that lost one."""
        st, inst = self.st, self.st.inst
        out = list(evicted)
        for m in evicted:
            for c in (inst.ra[m], inst.rb[m]):
                if c in (inst.ra[r], inst.rb[r]):
                    continue
                out.extend(
                    q for q in inst.adj[c] if st.slot[q] == -1 and q != r and inst.request_mask[q]
                )
        return priority_order(st, list(dict.fromkeys(out)))[:24]

    def _cheapest_slot(self, r: int):
        """Of up to three random slots of r, the one whose evictions weigh least."""
        weight = self.st.inst.weight
        best = None
        for s in self.fixer._rotated(self.st.inst.request_mask[r])[:3]:
            evict = self.fixer.blockers(r, s, caps=True)
            if evict is not None:
                lost = sum(weight[m] for m in evict)
                if best is None or lost < best[0]:
                    best = (lost, s, evict)
        return best

    def move(self, r: int) -> bool:
        """One ruin-and-recreate move around r; True when kept."""
        st = self.st
        choice = self._cheapest_slot(r)
        if choice is None or choice[0] > st.inst.weight[r] * 3:
            return False
        _lost, s, evict = choice
        before = st.weight
        mark = st.mark()
        for m in evict:
            st.remove(m)
        st.place(r, s)
        for q in self._followers(evict, r):
            if st.slot[q] == -1:
                # Evicted meetings are worth a deeper search than other followers.
                self.fixer.insert(q, 1 if q in evict else 0)
        if st.weight >= before - EPS * max(1.0, abs(before)):
            return True
        if self.rng.random() < LOSS_ODDS:  # an occasional step down escapes plateaus
            return True
        st.rollback(mark)
        return False

    def restart(self, best_slots: list[int]) -> None:
        """Go back to the best schedule and ruin a random tenth of it.

        On tight events the plateau moves can circle in one basin for
        thousands of moves; rebuilding part of the best schedule from scratch
        lands in a neighbouring basin that the moves can then explore.
        """
        st, inst, rng = self.st, self.st.inst, self.rng
        st.restore(best_slots)
        held = [r for r in range(inst.n_requests) if st.slot[r] >= 0 and not st.pinned[r]]
        for r in rng.sample(held, min(len(held), max(1, int(len(held) * RUIN_SHARE)))):
            st.remove(r)
        pending = self.pending()
        rng.shuffle(pending)  # a new order among equal priorities
        for r in priority_order(st, pending):
            if st.slot[r] == -1:
                self.fixer.insert(r, 1)

    def run(self, deadline: float, clock, max_moves: int, upper: float) -> int:
        """Moves until the budget, the deadline or the bound; leaves the best schedule.

        Best means more weight, then (stability) more meetings in their
        published slot: equal-weight moves drift, and must not leave the
        schedule further from the published one than a schedule seen before.
        """
        st, rng, weight = self.st, self.rng, self.st.inst.weight
        best, best_slots = (st.weight, st.home), st.snapshot()
        moves = last_best = 0
        patience = max(3_000, 3 * st.inst.n_requests)
        while moves < max_moves and st_weight_below(st, upper):
            if moves - last_best > patience:
                self.restart(best_slots)
                last_best = moves
            pending = self.pending()
            if not pending:
                break
            for _ in range(min(len(pending), 100)):
                # Of two random pending requests take the heavier: a mild bias to value.
                a = pending[rng.randrange(len(pending))]
                b = pending[rng.randrange(len(pending))]
                r = a if (weight[a], -a) >= (weight[b], -b) else b
                if st.slot[r] == -1:
                    st.mark()
                    self.move(r)
                    st.journal = None
                    if better(st, best):
                        best, best_slots = (st.weight, st.home), st.snapshot()
                        last_best = moves
                moves += 1
            if clock() >= deadline:
                break
        if better(st, best, invert=True):
            st.restore(best_slots)
        return moves


def better(st: Schedule, key: tuple, invert: bool = False) -> bool:
    """(weight, home) of `st` above `key` (below it with `invert`), weights with a tolerance."""
    weight, home = key
    tolerance = EPS * max(1.0, abs(weight))
    if abs(st.weight - weight) > tolerance:
        return (st.weight < weight) if invert else (st.weight > weight)
    return (st.home < home) if invert else (st.home > home)


def st_weight_below(st: Schedule, upper: float) -> bool:
    return st.weight < upper - EPS * max(1.0, abs(upper))
