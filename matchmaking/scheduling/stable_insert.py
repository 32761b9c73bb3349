"""Weight after a late change, moving as few published meetings as possible.

With published meetings (`previous`), the weight phases first run with every
meeting in its published slot pinned; what they cannot place needs a move. A
move of a published meeting counts against stability, the objective's second
criterion, so each pending request is inserted by the option that moves the
fewest published meetings (then gains the most weight):

* a free slot (no move);
* a slot whose blockers (a meeting of a company without a free seat, one at
  a company's cap, one holding the last table) go elsewhere, or, if lighter,
  out of the schedule; blockers away from their published slot first;
* a Kempe swap of two slots around one of the companies, the component with
  fewest published meetings.

Every option is tried on the schedule and undone, and measured by the
schedule's own counters: the weight gained and the published meetings that
left their slot. Options are accepted in rounds of falling weight per move
(`RATIOS`): a cheap gain first, so a published meeting is never moved for a
gain that another option gets with fewer moves, and never for no gain.
"""

from __future__ import annotations

import itertools
import random

from .construct import choose_slot, iter_bits, priority_order
from .repair import Repairer
from .state import Schedule

# Weight gained per published meeting moved, round by round; the last round
# takes any gain (weight comes before stability in the objective).
RATIOS = (4.0, 3.0, 2.0, 1.0, 0.5, 0.0)
CANDIDATES = 2  # blockers tried per company and slot
KEMPE_TRIES = 24  # Kempe components tried per request


class StableInsertion:
    def __init__(self, st: Schedule, rng: random.Random):
        self.st = st
        self.rng = rng
        self.fixer = Repairer(st, rng)
        self.fixer.kempe_tries = 6

    # -- measuring an option ----------------------------------------------------

    def _at_home(self, m: int) -> int:
        """1 when m sits in its published slot (moving it costs), else 0."""
        st = self.st
        return int(st.slot[m] >= 0 and st.slot[m] == st.inst.previous[m])

    def _order(self, meetings) -> list[int]:
        """Movable meetings, those away from their published slot and lightest first."""
        st, weight = self.st, self.st.inst.weight
        free = [m for m in meetings if not st.pinned[m]]
        return sorted(free, key=lambda m: (self._at_home(m), weight[m], m))

    def _eviction_sets(self, r: int, s: int) -> list[list[int]]:
        """Alternative sets of meetings whose leaving lets r into slot s."""
        st, inst = self.st, self.st.inst
        needs: list[list[int]] = []
        for c in (inst.ra[r], inst.rb[r]):
            if st.full[c] >> s & 1:
                needs.append(self._order(st.at[c * st.S + s])[:CANDIDATES])
            elif st.cnt[c] >= inst.cap[c]:
                needs.append(self._order(m for m in inst.adj[c] if st.slot[m] >= 0)[:CANDIDATES])
        if r in inst.twins:
            twin = st.twin_at(r, s)
            if twin >= 0:
                needs.append([twin] if not st.pinned[twin] else [])
        if any(not n for n in needs):
            return []
        out = []
        for combo in itertools.product(*needs):
            evict = list(dict.fromkeys(combo))
            if st.tfull >> s & 1 and not any(st.slot[m] == s for m in evict):
                for m in self._order(st.members[s])[:CANDIDATES]:
                    out.append(evict + [m])
            else:
                out.append(evict)
        return out

    def _rehome(self, m: int) -> None:
        """An evicted meeting: its published slot or any open one, else a Kempe swap, else out."""
        self.fixer.direct(m) or self.fixer.kempe(m)

    def _apply_eviction(self, r: int, s: int, evict: list[int]) -> None:
        st = self.st
        for m in evict:
            st.remove(m)
        st.place(r, s)
        for m in evict:
            self._rehome(m)

    def _kempe_options(self, r: int):
        """(x, y, alpha, beta): swaps of x's alpha and beta that would open alpha for r."""
        st, inst = self.st, self.st.inst
        a, b = inst.ra[r], inst.rb[r]
        if st.cnt[a] >= inst.cap[a] or st.cnt[b] >= inst.cap[b]:
            return
        every, tries = (1 << st.S) - 1, KEMPE_TRIES
        for alpha in iter_bits(inst.request_mask[r] & ~st.tfull):
            fa, fb = st.full[a] >> alpha & 1, st.full[b] >> alpha & 1
            if fa == fb:
                continue
            x, y = (a, b) if fa else (b, a)
            for beta in iter_bits(every & ~st.full[x] & ~(1 << alpha)):
                tries -= 1
                if tries < 0:
                    return
                yield x, y, alpha, beta

    def _measure(self, apply) -> tuple[int, float, dict[int, int]] | None:
        """Try `apply` (True when it changed the schedule), undo it; (moves, gain, slots)."""
        st = self.st
        weight, home, mark = st.weight, st.home, st.mark()
        if not apply():
            st.rollback(mark)
            return None
        touched = {r for r, _old in st.journal[mark:]}
        outcome = (home - st.home, st.weight - weight, {r: st.slot[r] for r in touched})
        st.rollback(mark)
        return outcome

    def best_option(self, r: int, ratio: float):
        """The option for r with fewest moves, then most gain, that gains `ratio` per move."""
        st, fixer = self.st, self.fixer
        mask = st.open_mask(r)
        if mask:
            return 0, st.inst.weight[r], {r: choose_slot(st, r, mask)}
        options = []
        for s in iter_bits(self.st.inst.request_mask[r]):
            for evict in self._eviction_sets(r, s):
                options.append(lambda s=s, evict=evict: self._apply_eviction(r, s, evict) or True)
        for x, y, alpha, beta in self._kempe_options(r):
            options.append(lambda x=x, y=y, a=alpha, b=beta: fixer._kempe_at(r, x, y, a, b))
        best = None
        for apply in options:
            found = self._measure(apply)
            if found is None:
                continue
            moves, gain, slots = found
            if gain <= 1e-9 or (moves and gain < ratio * moves - 1e-9):
                continue
            if best is None or (moves, -gain) < (best[0], -best[1]):
                best = found
                if moves == 0:
                    break
        return best

    def _commit(self, slots: dict[int, int]) -> None:
        st = self.st
        for r in slots:
            if st.slot[r] >= 0:
                st.remove(r)
        for r, s in sorted(slots.items()):
            if s >= 0:
                st.place(r, s)

    def run(self, deadline: float, clock, max_tries: int) -> int:
        """Rounds of falling gain per move; return the options tried."""
        st, inst = self.st, self.st.inst
        tries = 0
        for ratio in RATIOS:
            changed = True
            while changed:
                changed = False
                pending = [r for r in range(inst.n_requests)
                           if st.slot[r] == -1 and inst.request_mask[r]]
                for r in priority_order(st, pending):
                    if tries >= max_tries or clock() >= deadline:
                        return tries
                    if st.slot[r] != -1 or inst.weight[r] < ratio and not st.open_mask(r):
                        continue  # a move must gain `ratio` at least; r alone cannot
                    tries += 1
                    option = self.best_option(r, ratio)
                    if option is not None:
                        st.journal = None
                        self._commit(option[2])
                        changed = True
                st.journal = None
        return tries

