"""Stability phase: published meetings back in their `previous` slot, weight kept.

Runs after the weight phases, which may have moved published meetings to fit
more weight in. Each moved meeting whose published slot is still usable is
tried back there, two ways, and a try is kept only when the total weight did
not go down and more meetings sit in their published slot than before:

* a Kempe swap of its two slots (weight cannot change);
* an ejection: it takes its published slot, what is in the way moves
  elsewhere (published slots first), or stays out if that costs no weight.

Sweeps repeat while one of them brings a meeting home.
"""

from __future__ import annotations

import random

from .repair import Repairer
from .search import EPS
from .state import Schedule

SWEEPS = 4


class Stability:
    def __init__(self, st: Schedule, rng: random.Random):
        self.st = st
        self.fixer = Repairer(st, rng)

    def candidates(self) -> list[int]:
        """Meetings away from a published slot they could still use, heaviest first."""
        st, inst = self.st, self.st.inst
        out = [
            r for r, p in enumerate(inst.previous)
            if p >= 0 and st.slot[r] != p and not st.pinned[r] and inst.request_mask[r] >> p & 1
        ]
        return sorted(out, key=lambda r: (-inst.weight[r], r))

    def _kept(self, weight: float, home: int) -> bool:
        st = self.st
        return st.weight >= weight - EPS * max(1.0, abs(weight)) and st.home > home

    def by_swap(self, r: int) -> bool:
        st, inst = self.st, self.st.inst
        s, p = st.slot[r], inst.previous[r]
        if s < 0:
            return False
        meetings = self.fixer.component([inst.ra[r], inst.rb[r]], s, p)
        if meetings is None or not self.fixer._swap_fits_tables(meetings, s, p, 0):
            return False
        home, mark = st.home, st.mark()
        self.fixer.swap(meetings, s, p)
        if st.home > home:
            return True
        st.rollback(mark)
        return False

    def by_ejection(self, r: int) -> bool:
        st, inst = self.st, self.st.inst
        p = inst.previous[r]
        weight, home, mark = st.weight, st.home, st.mark()
        if st.slot[r] >= 0:
            st.remove(r)
        evict = self.fixer.blockers(r, p, caps=True)
        if evict is not None:
            for m in evict:
                st.remove(m)
            st.place(r, p)
            for m in evict:
                self.fixer.insert(m, 1)
            if self._kept(weight, home):
                return True
        st.rollback(mark)
        return False

    def run(self, deadline: float, clock) -> None:
        st = self.st
        for _sweep in range(SWEEPS):
            changed = False
            for r in self.candidates():
                if clock() >= deadline:
                    return
                if st.slot[r] == st.inst.previous[r]:
                    continue  # came home with an earlier swap
                mark = st.mark()
                changed |= self.by_swap(r) or self.by_ejection(r)
                st.journal = None if mark == 0 else st.journal
            if not changed:
                return
