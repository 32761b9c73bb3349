"""Mutable schedule state with O(1) place/remove and an undo journal.

Everything is flat lists indexed by integers; slot sets are int bitmasks.
`full[c]` has bit s set when company c uses all its seats in slot s, `occ[c]`
when it holds at least one meeting there, `tfull` when slot s has no table left.
`home` counts the meetings held in their `previous` slot (stability), and
`pinned` marks the meetings that no move may touch: the fixed ones, and in
the breaks phases also those that stability keeps where they are.
"""

from __future__ import annotations

from .instance import Instance


class Schedule:
    def __init__(self, inst: Instance):
        n_slots, n_companies = inst.n_slots, inst.n_companies
        self.inst = inst
        self.S = n_slots
        self.slot = [-1] * inst.n_requests
        self.load = [0] * (n_companies * n_slots)
        # Meetings of company c in slot s at [c * S + s]: Kempe components walk
        # these instead of every request of a company (the hot loop at 20k).
        self.at: list[list[int]] = [[] for _ in range(n_companies * n_slots)]
        self.cnt = [0] * n_companies
        self.used = [0] * n_slots
        self.full = [0] * n_companies
        self.occ = [0] * n_companies
        self.tfull = sum(1 << s for s, t in enumerate(inst.tables) if t <= 0)
        self.members: list[list[int]] = [[] for _ in range(n_slots)]
        self.pos = [-1] * inst.n_requests
        self.weight = 0
        self.n_scheduled = 0
        self.home = 0
        self.pinned = [s >= 0 for s in inst.fixed]
        self.journal: list[tuple[int, int]] | None = None

    def place(self, r: int, s: int) -> None:
        inst = self.inst
        S = self.S
        bit = 1 << s
        for c in (inst.ra[r], inst.rb[r]):
            k = c * S + s
            self.load[k] += 1
            self.at[k].append(r)
            self.cnt[c] += 1
            self.occ[c] |= bit
            if self.load[k] >= inst.seats[c]:
                self.full[c] |= bit
        self.used[s] += 1
        if self.used[s] >= inst.tables[s]:
            self.tfull |= bit
        self.slot[r] = s
        members = self.members[s]
        self.pos[r] = len(members)
        members.append(r)
        self.weight += inst.weight[r]
        self.n_scheduled += 1
        if inst.previous[r] == s:
            self.home += 1
        if self.journal is not None:
            self.journal.append((r, -1))

    def remove(self, r: int) -> None:
        inst = self.inst
        S = self.S
        s = self.slot[r]
        bit = 1 << s
        for c in (inst.ra[r], inst.rb[r]):
            k = c * S + s
            self.load[k] -= 1
            self.at[k].remove(r)
            self.cnt[c] -= 1
            self.full[c] &= ~bit
            if self.load[k] == 0:
                self.occ[c] &= ~bit
        self.used[s] -= 1
        self.tfull &= ~bit
        members = self.members[s]
        last = members.pop()
        if last != r:
            i = self.pos[r]
            members[i] = last
            self.pos[last] = i
        self.pos[r] = -1
        self.slot[r] = -1
        if inst.previous[r] == s:
            self.home -= 1
        self.weight -= inst.weight[r]
        self.n_scheduled -= 1
        if self.journal is not None:
            self.journal.append((r, s))

    def move(self, r: int, s: int) -> None:
        self.remove(r)
        self.place(r, s)

    # -- undo journal -------------------------------------------------------

    def mark(self) -> int:
        if self.journal is None:
            self.journal = []
        return len(self.journal)

    def rollback(self, mark: int) -> None:
        journal = self.journal
        saved, self.journal = journal, None
        while len(saved) > mark:
            r, old = saved.pop()
            if old == -1:
                self.remove(r)
            else:
                self.place(r, old)
        self.journal = saved

    def release(self, mark: int) -> None:
        """Forget undo information back to `mark` (kept changes); stop journaling at 0."""
        if self.journal is not None and mark == 0:
            self.journal = None

    # -- queries -------------------------------------------------------------

    def open_mask(self, r: int) -> int:
        """Slots where r can be placed right now without moving anything."""
        inst = self.inst
        a, b = inst.ra[r], inst.rb[r]
        if self.cnt[a] >= inst.cap[a] or self.cnt[b] >= inst.cap[b]:
            return 0
        taken = self.full[a] | self.full[b] | self.tfull
        if r in inst.twins:
            taken |= self.twin_mask(r)
        return inst.request_mask[r] & ~taken

    def twin_mask(self, r: int) -> int:
        """Slots held by the other meetings of r's pair (rule 7: never the same slot)."""
        mask = 0
        for t in self.inst.twins.get(r, ()):
            if self.slot[t] >= 0:
                mask |= 1 << self.slot[t]
        return mask

    def twin_at(self, r: int, s: int) -> int:
        """The meeting of r's pair held in slot s, or -1."""
        for t in self.inst.twins.get(r, ()):
            if self.slot[t] == s:
                return t
        return -1

    @property
    def moved(self) -> int:
        return self.inst.n_previous - self.home

    def meetings_of(self, c: int, s: int) -> list[int]:
        return list(self.at[c * self.S + s])

    def snapshot(self) -> list[int]:
        return list(self.slot)

    def restore(self, slots: list[int]) -> None:
        journal, self.journal = self.journal, None
        for r, s in enumerate(self.slot):
            if s != -1 and slots[r] != s:
                self.remove(r)
        for r, s in enumerate(slots):
            if s != -1 and self.slot[r] == -1:
                self.place(r, s)
        self.journal = journal
