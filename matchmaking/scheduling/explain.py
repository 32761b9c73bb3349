"""Why a request stayed unscheduled, in the words of the result format."""

from __future__ import annotations

from .state import Schedule


def reason(st: Schedule, r: int) -> str:
    """First applicable of: no_common_slot, company_cap, tables_full, outweighed.

    `outweighed` means the two companies' common slots are taken by meetings
    that the optimisation preferred (heavier, or needed by other meetings).
    """
    inst = st.inst
    a, b = inst.ra[r], inst.rb[r]
    if not inst.raw_mask[r]:
        return "no_common_slot"
    if st.cnt[a] >= inst.cap[a] or st.cnt[b] >= inst.cap[b]:
        return "company_cap"
    if inst.raw_mask[r] & ~st.tfull == 0:
        return "tables_full"
    return "outweighed"


def reasons(st: Schedule) -> dict:
    return {
        st.inst.request_ids[r]: reason(st, r) for r in range(st.inst.n_requests) if st.slot[r] == -1
    }
