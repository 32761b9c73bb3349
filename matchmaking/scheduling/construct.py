"""Constructive phase: fixed meetings, then a greedy by weight and scarcity."""

from __future__ import annotations

from .state import Schedule


def iter_bits(mask: int):
    while mask:
        low = mask & -mask
        yield low.bit_length() - 1
        mask ^= low


def choose_slot(st: Schedule, r: int, mask: int) -> int:
    """Pick the slot for r among `mask`: its published slot, beside the companies'
    meetings, else the emptiest.

    Sitting next to an existing meeting keeps a delegate's day compact (fewer
    breaks later); among equals, the least-filled slot keeps tables spread so
    that later, scarcer requests still find room.
    """
    inst = st.inst
    home = inst.previous[r]
    if home >= 0 and mask >> home & 1:
        return home  # stability: the published slot, whenever it is open
    occ = st.occ[inst.ra[r]] | st.occ[inst.rb[r]]
    near = mask & ((occ << 1) | (occ >> 1))
    if near:
        mask = near
    used, tables = st.used, inst.tables
    best, best_fill = -1, 2.0
    for s in iter_bits(mask):
        fill = used[s] / tables[s]
        if fill < best_fill:
            best, best_fill = s, fill
    return best


def priority_order(st: Schedule, requests: list[int]) -> list[int]:
    """Heaviest first; among equal weights the request with the fewest usable slots."""
    inst = st.inst
    masks, weight, adj = inst.request_mask, inst.weight, inst.adj

    def key(r: int):
        degree = len(adj[inst.ra[r]]) + len(adj[inst.rb[r]])
        return (-weight[r], masks[r].bit_count(), -degree, r)

    return sorted(requests, key=key)


def place_fixed(st: Schedule) -> None:
    for r, s in enumerate(st.inst.fixed):
        if s >= 0:
            st.place(r, s)


def place_previous(st: Schedule) -> None:
    """Published meetings back in their slot first, heaviest first, where they still fit."""
    inst = st.inst
    movable = [r for r, p in enumerate(inst.previous) if p >= 0 and st.slot[r] == -1]
    for r in priority_order(st, movable):
        if st.open_mask(r) >> inst.previous[r] & 1:
            st.place(r, inst.previous[r])


def greedy(st: Schedule, requests: list[int]) -> None:
    for r in priority_order(st, requests):
        if st.slot[r] == -1:
            mask = st.open_mask(r)
            if mask:
                st.place(r, choose_slot(st, r, mask))
