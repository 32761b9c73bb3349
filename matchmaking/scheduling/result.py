"""Turn the internal schedule into the result dict of the spec."""

from __future__ import annotations

from .metrics import schedule_objective
from .state import Schedule

RESULT_FORMAT = "matchmaking-schedule-result/1"


def tables_by_slot(st: Schedule) -> list[int]:
    """Table number per request: 1..k within each slot, in request order (stable)."""
    table = [0] * st.inst.n_requests
    next_table = [1] * st.S
    for r, s in enumerate(st.slot):
        if s >= 0:
            table[r] = next_table[s]
            next_table[s] += 1
    return table


def build_result(st: Schedule, bound, reasons: dict, seconds: float) -> dict:
    inst = st.inst
    objective = schedule_objective(inst, st.slot)
    table = tables_by_slot(st)
    meetings = [
        {"request": inst.request_ids[r], "slot": inst.slot_ids[s], "table": table[r]}
        for r, s in enumerate(st.slot)
        if s >= 0
    ]
    unscheduled = [inst.request_ids[r] for r, s in enumerate(st.slot) if s < 0]
    weight = objective["weight"]
    return {
        "format": RESULT_FORMAT,
        "meetings": meetings,
        "unscheduled": unscheduled,
        "objective": objective,
        "upper_bound": {"weight": bound},
        "optimal": weight >= bound - 1e-9 * max(1.0, abs(bound)),
        "reasons": reasons,
        "seconds": round(seconds, 3),
    }
