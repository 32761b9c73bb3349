"""Breaks phase: simulated annealing over slot moves of the scheduled meetings.

The set of scheduled meetings is frozen here, so weight and fairness cannot
change; only (breaks, idle slots) can. Moves keep every rule satisfied:

* relocate one meeting to a slot where both companies and a table are free;
* Kempe swap of the alpha/beta component around a meeting, which also covers
  swapping two meetings and long exchange chains when tables are tight.

Annealing uses cost = BREAK * breaks + idle so that a move may trade a little
idle time for a break less; the best schedule is kept lexicographically.
"""

from __future__ import annotations

import math
import random

from .metrics import gap_mask, mask_breaks
from .repair import Repairer
from .state import Schedule

BREAK = 4
# Rounds without a new best before giving up, plus one per ten movable
# meetings: on brokerage-sized events reheated rounds still find breaks less
# late in the run, so there the attempt budget is the limit; tiny ones stop soon.
PATIENCE = 8
HOT, COLD = 2.0, 0.05  # annealing temperatures in idle-slot units
TARGETED = 0.5  # share of attempts that move a meeting of a company with a break


class BreakSearch:
    def __init__(self, st: Schedule, rng: random.Random):
        self.st = st
        self.rng = rng
        self.days = st.inst.day_ranges
        self.cache: dict[int, tuple[int, int]] = {}
        self.kempe = Repairer(st, rng, component_limit=40)
        self.movable = [
            r for r in range(st.inst.n_requests) if st.slot[r] >= 0 and not st.pinned[r]
        ]
        totals = [self.pair(st.occ[c]) for c in range(st.inst.n_companies)]
        self.breaks = sum(t[0] for t in totals)
        self.idle = sum(t[1] for t in totals)
        self.movable_of: list[list[int]] = [[] for _ in range(st.inst.n_companies)]
        for r in self.movable:
            self.movable_of[st.inst.ra[r]].append(r)
            self.movable_of[st.inst.rb[r]].append(r)
        self.breaking: list[int] = []
        self.floor = 0  # breaks at which the search stops (a proven lower bound)

    def refresh_breaking(self) -> None:
        """Companies with a break and a meeting that may move: where moves pay."""
        occ, pair = self.st.occ, self.pair
        self.breaking = [
            c for c, mine in enumerate(self.movable_of) if mine and pair(occ[c])[0] > 0
        ]

    def _pick(self) -> tuple[int, int]:
        """(meeting, target slot): at random, or closing a gap of a company with a break.

        Filling a company's gap with one of its own meetings is the move that
        makes its day one block; random moves keep the search from stalling.
        """
        st, rng = self.st, self.rng
        if self.breaking and rng.random() < TARGETED:
            c = self.breaking[rng.randrange(len(self.breaking))]
            mine = self.movable_of[c]
            r = mine[rng.randrange(len(mine))]
            gaps = gap_mask(st.occ[c], self.days) & st.inst.request_mask[r]
            if gaps:
                return r, _random_bit(gaps, rng)
        r = self.movable[rng.randrange(len(self.movable))]
        return r, self._target(r, st.slot[r])

    def pair(self, occ: int) -> tuple[int, int]:
        found = self.cache.get(occ)
        if found is None:
            found = mask_breaks(occ, self.days)
            if len(self.cache) < 500_000:
                self.cache[occ] = found
        return found

    def _delta(self, changes: list[tuple[int, int]]) -> tuple[int, int, int]:
        """Change of (breaks, idle, annealing cost) when company c's occupancy becomes `new`."""
        occ, pair = self.st.occ, self.pair
        db = di = 0
        for c, new in changes:
            ob, oi = pair(occ[c])
            nb, ni = pair(new)
            db += nb - ob
            di += ni - oi
        return db, di, BREAK * db + di

    def relocate_changes(self, r: int, target: int):
        st, inst = self.st, self.st.inst
        s, S = st.slot[r], st.S
        changes = []
        for c in (inst.ra[r], inst.rb[r]):
            new = st.occ[c] | (1 << target)
            if st.load[c * S + s] == 1:
                new &= ~(1 << s)
            changes.append((c, new))
        return changes

    def kempe_changes(self, meetings: list[int], alpha: int, beta: int):
        st, inst = self.st, self.st.inst
        S = st.S
        both = (1 << alpha) | (1 << beta)
        seen, changes = set(), []
        for r in meetings:
            for c in (inst.ra[r], inst.rb[r]):
                if c in seen:
                    continue
                seen.add(c)
                occ = st.occ[c]
                new = occ & ~both
                if st.load[c * S + alpha]:
                    new |= 1 << beta
                if st.load[c * S + beta]:
                    new |= 1 << alpha
                changes.append((c, new))
        return changes

    def _target(self, r: int, s: int) -> int:
        st, inst, rng = self.st, self.st.inst, self.rng
        mask = inst.request_mask[r] & ~(1 << s)
        if not mask:
            return -1
        if rng.random() < 0.7:
            occ = (st.occ[inst.ra[r]] | st.occ[inst.rb[r]]) & ~(1 << s)
            near = mask & ((occ << 1) | (occ >> 1))
            if near:
                mask = near
        return _random_bit(mask, rng)

    def _balanced(self, first: list[int], s: int, t: int) -> list[int] | None:
        """Add a second, disjoint s/t component that offsets the first one's table surplus.

        With every table taken (tight events) no single move fits; swapping two
        components whose surpluses cancel keeps each slot's count unchanged.
        """
        st, inst, rng, kempe = self.st, self.st.inst, self.rng, self.kempe
        surplus = sum(1 if st.slot[r] == s else -1 for r in first)
        source = st.members[t] if surplus > 0 else st.members[s]
        if not source:
            return None
        inside = set(first)
        for _ in range(3):
            m = source[rng.randrange(len(source))]
            if m in inside or st.pinned[m]:
                continue
            second = kempe.component([inst.ra[m], inst.rb[m]], s, t)
            if second is None or inside.intersection(second):
                continue
            both = first + second
            if kempe._swap_fits_tables(both, s, t, 0):
                return both
        return None

    def attempt(self, temperature: float) -> None:
        st, inst, rng = self.st, self.st.inst, self.rng
        r, t = self._pick()
        s = st.slot[r]
        if t < 0:
            return
        a, b = inst.ra[r], inst.rb[r]
        blocked = (st.full[a] | st.full[b] | st.tfull) >> t & 1
        if r in inst.twins:
            blocked |= st.twin_mask(r) >> t & 1  # the Kempe swap moves the twin out of t
        if not blocked:
            meetings = None
            changes = self.relocate_changes(r, t)
        else:
            meetings = self.kempe.component([a, b], s, t)
            if meetings is None:
                return
            if not self.kempe._swap_fits_tables(meetings, s, t, 0):
                meetings = self._balanced(meetings, s, t)
                if meetings is None:
                    return
            changes = self.kempe_changes(meetings, s, t)
        db, di, cost = self._delta(changes)
        if cost > 0 and rng.random() >= math.exp(-cost / temperature):
            return
        if meetings is None:
            st.move(r, t)
        else:
            self.kempe.swap(meetings, s, t)
        self.breaks += db
        self.idle += di

    def run(self, deadline: float, clock, max_attempts: int, progress=None) -> int:
        """Anneal in rounds of reheating from the best schedule; return the attempts made.

        Stops at `floor` breaks (a proven bound, 0 by default), after `patience`
        rounds without a new best, after `max_attempts` moves, or at `deadline`;
        leaves the best schedule in place.
        """
        if not self.movable or self.breaks <= self.floor:
            return 0
        best = (self.breaks, self.idle)
        best_slots = self.st.snapshot()
        round_len = min(max_attempts, max(2_000, 60 * len(self.movable)))
        attempts = stale = 0
        hot, cold = HOT, COLD
        patience = PATIENCE + len(self.movable) // 10
        floor = self.floor
        while attempts < max_attempts and stale < patience and best[0] > floor:
            improved = False
            done = 0
            self.refresh_breaking()
            while done < round_len and best[0] > floor:
                temperature = hot * (cold / hot) ** (done / round_len)
                if done % 2_000 == 0:
                    self.refresh_breaking()
                for _ in range(100):
                    self.attempt(temperature)
                    if (self.breaks, self.idle) < best:
                        best, improved = (self.breaks, self.idle), True
                        best_slots = self.st.snapshot()
                done += 100
                if clock() >= deadline:
                    break
            attempts += done
            if progress:
                progress(min(1.0, attempts / max_attempts))
            if clock() >= deadline:
                break
            stale = 0 if improved else stale + 1
            self.st.restore(best_slots)
            self.breaks, self.idle = best
        self.st.restore(best_slots)
        self.breaks, self.idle = best
        return attempts


def _random_bit(mask: int, rng: random.Random) -> int:
    for _ in range(rng.randrange(mask.bit_count())):
        mask &= mask - 1
    return (mask & -mask).bit_length() - 1
