"""Fairness phase: at no loss of weight, give the companies with fewest meetings more.

Fairness is the fewest meetings held by any company that asked or was asked.
For a company at that minimum, one of its unscheduled requests goes into a
slot, evicting what is in the way (a meeting of a company that has meetings
to spare, or the lightest meeting at a cap); the evicted meetings get a chance
to move elsewhere. The move stays only if the total weight did not go down,
no published meeting left its slot (stability comes before fairness) and no
company that lost a meeting fell to the minimum, so every kept move takes one
company off the minimum and the phase ends.
"""

from __future__ import annotations

import random

from .repair import Repairer
from .state import Schedule

EPS = 1e-9


class Fairness:
    def __init__(self, st: Schedule, rng: random.Random):
        self.st = st
        self.fixer = Repairer(st, rng)
        self.asking = [c for c in range(st.inst.n_companies) if st.inst.adj[c]]

    def minimum(self) -> int:
        cnt = self.st.cnt
        return min((cnt[c] for c in self.asking), default=0)

    def _pending(self, c: int) -> list[int]:
        st, inst = self.st, self.st.inst
        mine = [r for r in inst.adj[c] if st.slot[r] == -1 and inst.request_mask[r]]
        return sorted(mine, key=lambda r: (-inst.weight[r], r))

    def _fair_after(self, before: dict[int, int], low: int) -> bool:
        """No company that lost a meeting in the move is now at or below `low`."""
        cnt = self.st.cnt
        return all(cnt[c] >= was or cnt[c] > low for c, was in before.items())

    def try_request(self, r: int, low: int) -> bool:
        """Hold r at no loss of weight without pushing another company to the minimum."""
        st, inst, fixer = self.st, self.st.inst, self.fixer
        for s in fixer._rotated(inst.request_mask[r])[:6]:
            evict = fixer.blockers(r, s, caps=True)
            if evict is None or sum(inst.weight[m] for m in evict) > inst.weight[r] + EPS:
                continue
            touched = {c for m in evict for c in (inst.ra[m], inst.rb[m])}
            before = {c: st.cnt[c] for c in touched}
            weight, home = st.weight, st.home
            mark = st.mark()
            for m in evict:
                st.remove(m)
            st.place(r, s)
            for m in evict:
                fixer.insert(m, 1)
            kept = st.weight >= weight - EPS * max(1.0, abs(weight)) and st.home >= home
            if kept and self._fair_after(before, low):
                return True
            st.rollback(mark)
        return False

    def raise_company(self, c: int, low: int) -> bool:
        st = self.st
        for r in self._pending(c):
            mark, home = st.mark(), st.home
            done = self.fixer.insert(r, 1) or self.try_request(r, low)
            if done and (st.cnt[c] <= low or st.home < home):
                st.rollback(mark)  # r only took the place of another meeting of c, or moved one
                done = False
            st.journal = None if mark == 0 else st.journal
            if done:
                return True
        return False

    def run(self, max_tries: int, deadline: float, clock) -> None:
        """Raise the minimum, one company at a time, until a level cannot be cleared."""
        st, tries = self.st, 0
        while tries < max_tries and clock() < deadline:
            low = self.minimum()
            stuck = True
            for c in [c for c in self.asking if st.cnt[c] == low]:
                tries += 1
                if self.raise_company(c, low):
                    stuck = False
                if tries >= max_tries or clock() >= deadline:
                    return
            if stuck or self.minimum() == low:
                return
