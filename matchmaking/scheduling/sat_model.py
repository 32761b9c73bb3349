"""The breaks objective as a weighted partial MaxSAT formula (Bofill et al.'s model).

The set of scheduled meetings is given; the formula only chooses their slots.
Frozen meetings (fixed ones, and any the caller must not move) are constants.

    x[r,s]  movable meeting r sits in slot s (exactly one per meeting)
    y[c,s]  company c meets in slot s            y <-> OR of its x[r,s]
    z[c,s]  c meets in slot s or later that day  forced true by any later y
    b[c,s]  a break of c starts at s             y[c,s-1] & ~y[c,s] & z[c,s+1] -> b[c,s]

Hard: seats per company and slot, tables per slot, and two meetings of one
pair never in one slot. Soft: ~b[c,s], weight 1, so the cost of a model is
its number of breaks (plus `offset`, the breaks that frozen meetings force
whatever the movable ones do). Constants are folded in while encoding, so a
company whose day is settled adds nothing.
"""

from __future__ import annotations

from .state import Schedule

PAIRWISE_UP_TO = 6  # at-most-one constraints over more literals use a sequential counter


class BreaksModel:
    def __init__(self, st: Schedule, frozen: list[bool], needs: list[int] | None = None):
        from pysat.card import CardEnc, EncType
        from pysat.formula import IDPool

        self.card, self.enc = CardEnc, EncType
        self.st, self.inst = st, st.inst
        self.pool = IDPool()
        self.hard: list[list[int]] = []
        self.soft: list[int] = []  # break literals b; each soft clause is [-b]
        self.offset = 0
        self.x: dict[tuple[int, int], int] = {}
        self.movable = [r for r, s in enumerate(st.slot) if s >= 0 and not frozen[r]]
        self.needs = needs
        self.breaks_of: dict[int, list[int]] = {}  # company: its break literals
        self.forced_of: dict[int, int] = {}  # company: breaks its frozen meetings force
        self._frozen_loads(frozen)
        self._meetings()
        self._capacities()
        for c in range(self.inst.n_companies):
            self._company_days(c)

    # -- constants ------------------------------------------------------------

    def _frozen_loads(self, frozen: list[bool]) -> None:
        st, inst = self.st, self.inst
        S = st.S
        self.load = [0] * (inst.n_companies * S)
        self.used = [0] * S
        self.frozen_at: dict[int, int] = {}
        for r, s in enumerate(st.slot):
            if s >= 0 and frozen[r]:
                self.used[s] += 1
                self.frozen_at[r] = s
                for c in (inst.ra[r], inst.rb[r]):
                    self.load[c * S + s] += 1

    def _domain(self, r: int) -> list[int]:
        inst, S = self.inst, self.st.S
        a, b = inst.ra[r], inst.rb[r]
        blocked = {self.frozen_at[t] for t in inst.twins.get(r, ()) if t in self.frozen_at}
        return [
            s for s in range(S)
            if inst.request_mask[r] >> s & 1 and s not in blocked
            and self.used[s] < inst.tables[s]
            and self.load[a * S + s] < inst.seats[a] and self.load[b * S + s] < inst.seats[b]
        ]

    # -- hard clauses -----------------------------------------------------------

    def _at_most(self, lits: list[int], bound: int) -> None:
        if len(lits) <= bound:
            return
        if bound == 1 and len(lits) <= PAIRWISE_UP_TO:
            kind = self.enc.pairwise
        else:
            kind = self.enc.seqcounter
        self.hard.extend(self.card.atmost(lits, bound, vpool=self.pool, encoding=kind).clauses)

    def _meetings(self) -> None:
        for r in self.movable:
            row = []
            for s in self._domain(r):
                self.x[r, s] = self.pool.id(("x", r, s))
                row.append(self.x[r, s])
            self.hard.append(row)  # empty when the frozen meetings leave no slot: unsatisfiable
            self._at_most(row, 1)

    def _capacities(self) -> None:
        inst, S = self.inst, self.st.S
        per_cs: dict[tuple[int, int], list[int]] = {}
        per_slot: dict[int, list[int]] = {}
        per_pair: dict[tuple[int, int], list[int]] = {}
        for (r, s), v in self.x.items():
            per_slot.setdefault(s, []).append(v)
            for c in (inst.ra[r], inst.rb[r]):
                per_cs.setdefault((c, s), []).append(v)
            if r in inst.twins:
                per_pair.setdefault((min([r, *inst.twins[r]]), s), []).append(v)
        for (c, s), lits in per_cs.items():
            self._at_most(lits, inst.seats[c] - self.load[c * S + s])
        for lits in per_pair.values():
            self._at_most(lits, 1)
        self.per_cs = per_cs
        self.per_slot = per_slot

    def over_tables(self, slots: dict[int, int]) -> list[list[int]]:
        """Table clauses for the slots that the model `slots` overfills.

        Tables rarely bind at brokerage events, and a cardinality constraint
        over every meeting that may use a slot is most of the formula, so
        they join only when a model breaks one (the bound stays valid: a
        formula without them is a relaxation).
        """
        inst = self.inst
        count = [0] * self.st.S
        for s in slots.values():
            count[s] += 1
        clauses: list[list[int]] = []
        for s, n in enumerate(count):
            room = inst.tables[s] - self.used[s]
            if n > room:
                before = len(self.hard)
                self._at_most(self.per_slot[s], room)
                clauses += self.hard[before:]
        return clauses

    # -- breaks -----------------------------------------------------------------

    def _busy(self, c: int, s: int):
        """True, False or the literal of 'c meets in s'."""
        if self.load[c * self.st.S + s]:
            return True
        lits = self.per_cs.get((c, s))
        if not lits:
            return False
        if len(lits) == 1:
            return lits[0]
        y = self.pool.id(("y", c, s))
        self.hard.extend([-v, y] for v in lits)
        self.hard.append([-y, *lits])
        return y

    def _later(self, c: int, busy: list) -> list:
        """z values: c meets in this slot or a later one of the day (forced true only)."""
        out = [False] * (len(busy) + 1)
        for i in range(len(busy) - 1, -1, -1):
            here, after = busy[i], out[i + 1]
            if here is True or after is True:
                out[i] = True
            elif here is False or after is False:
                out[i] = after if here is False else here
            else:
                z = self.pool.id(("z", c, i))
                self.hard.extend([[-here, z], [-after, z]])
                out[i] = z
        return out

    def _company_days(self, c: int) -> None:
        one_day = len(self.inst.day_ranges) == 1
        before, mine = self.offset, []
        for first, length in self.inst.day_ranges:
            busy = [self._busy(c, s) for s in range(first, first + length)]
            later = self._later(c, busy)
            forced = self.offset
            breaks = [b for i in range(1, length - 1)
                      if (b := self._break_at(c, first + i, busy[i - 1], busy[i], later[i + 1]))]
            # A break forced by frozen meetings already rules out one block.
            if one_day and breaks and self.inst.seats[c] == 1 and self.offset == forced:
                self._interval(c, busy, breaks)
            mine += breaks
        self.breaks_of[c], self.forced_of[c] = mine, self.offset - before
        if self.needs and self.needs[c]:
            self._at_least(mine, self.needs[c] - (self.offset - before))

    def _at_least(self, breaks: list[int], need: int) -> None:
        """Redundant: the breaks the company is proven to need alone (break_bound).

        Each such set is a core RC2 would otherwise have to find with the SAT
        oracle, one conflict-heavy call at a time; stated up front, the first
        cores come by unit propagation.
        """
        if need <= 0 or len(breaks) < need:
            return  # constants already pay for them (or the bound counted 0 here)
        if need == 1:
            self.hard.append(list(breaks))
        else:
            self.hard.extend(self.card.atleast(breaks, need, vpool=self.pool,
                                               encoding=self.enc.seqcounter).clauses)

    def _interval(self, c: int, busy: list, breaks: list[int]) -> None:
        """Redundant: a day without a break is one block of exactly the company's meetings.

        Implied by the break clauses, but stated as a choice of start slot it lets
        the SAT solver see at once which slots a break-free company must fill.
        """
        meetings = sum(1 for r in self.inst.adj[c] if self.st.slot[r] >= 0)
        starts = []
        for k in range(len(busy) - meetings + 1):
            inside = busy[k:k + meetings]
            outside = busy[:k] + busy[k + meetings:]
            if any(v is False for v in inside) or any(v is True for v in outside):
                continue
            start = self.pool.id(("start", c, k))
            starts.append(start)
            self.hard.extend([-start, v] for v in inside if v is not True)
            self.hard.extend([-start, -v] for v in outside if v is not False)
        self.hard.append([*breaks, *starts])

    def _break_at(self, c: int, s: int, before, here, after) -> int | None:
        if here is True or before is False or after is False:
            return None
        clause = [lit for lit in (
            -before if before is not True else None,
            here if here is not False else None,
            -after if after is not True else None,
        ) if lit is not None]
        if not clause:
            self.offset += 1  # frozen meetings force this break
            return None
        b = self.pool.id(("b", c, s))
        self.hard.append([*clause, b])
        self.soft.append(b)
        return b

    # -- every company at its own bound ------------------------------------------

    def at_own_bound(self) -> tuple[list[int], int]:
        """Assumptions under which each company has no more breaks than it needs alone.

        Returns (assumptions, breaks): a company that needs none gets each
        break literal refuted, one that needs k gets an at-most-k counter
        switched on by a selector. A schedule under them has `breaks` breaks,
        each company's own lower bound (`needs`, or what frozen meetings
        force), so it is optimal; if the assumptions fail, `breaks` + 1 is a
        lower bound. Unit assumptions propagate at once, which one cap on the
        total does not.
        """
        assumptions, total = [], 0
        for c, lits in self.breaks_of.items():
            forced = self.forced_of[c]
            need = self.needs[c] if self.needs else 0
            allowed = max(0, need - forced)
            total += forced + min(allowed, len(lits))
            if allowed == 0:
                assumptions += [-b for b in lits]
            elif allowed < len(lits):
                select = self.pool.id(("own", c))
                clauses = self.card.atmost(lits, allowed, vpool=self.pool,
                                           encoding=self.enc.seqcounter).clauses
                self.hard.extend([*clause, -select] for clause in clauses)
                assumptions.append(select)
        return assumptions, total

    # -- reading a model back -------------------------------------------------------

    def slots_of(self, model: list[int]) -> dict[int, int]:
        true = {v for v in model if v > 0}
        return {r: s for (r, s), v in self.x.items() if v in true}

    def phases(self) -> list[int]:
        """The current schedule as preferred polarities (a hint for the SAT solver)."""
        slot = self.st.slot
        return [v if slot[r] == s else -v for (r, s), v in self.x.items()]
