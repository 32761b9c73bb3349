"""The figures the admin, the API and the command show for a run."""

from collections import defaultdict


def metrics_of(instance: dict, result: dict) -> dict:
    objective = result.get("objective", {})
    bound = (result.get("upper_bound") or {}).get("weight") or 0
    weight = objective.get("weight", 0)
    breaks = objective.get("breaks")
    breaks_bound = (result.get("objective_bounds") or {}).get("breaks")
    reasons = defaultdict(int)
    for reason in (result.get("reasons") or {}).values():
        reasons[reason] += 1
    return {
        "requests": len(instance["requests"]),
        "scheduled": objective.get("scheduled", len(result["meetings"])),
        "unscheduled": len(result["unscheduled"]),
        "weight": round(weight, 2),
        "bound": round(bound, 2),
        "quality_percent": round(100 * weight / bound, 2) if bound else 100.0,
        "fairness": objective.get("fairness"),
        "breaks": breaks,
        "breaks_bound": breaks_bound,
        "breaks_optimal": breaks is not None and breaks == breaks_bound,
        "idle_slots": objective.get("idle_slots"),
        "moved": objective.get("moved", moved_from_previous(instance, result)),
        "seconds": result.get("seconds"),
        "optimal": bool(result.get("optimal")),
        "fixed": len(instance.get("fixed", [])),
        "unscheduled_reasons": dict(reasons),
        "meetings_per_company": _meetings_per_company(instance, result),
    }


def moved_from_previous(instance: dict, result: dict) -> int:
    """Requests with a `previous` slot scheduled elsewhere or not at all, for an engine
    that does not report `objective.moved` itself."""
    placed = {m["request"]: m["slot"] for m in result["meetings"]}
    return sum(1 for r in instance["requests"]
               if "previous" in r and placed.get(r["id"]) != r["previous"])


def _meetings_per_company(instance: dict, result: dict) -> dict[str, int]:
    """How many companies hold 0, 1, 2, ... meetings: the histogram the admin charts."""
    sides = {r["id"]: (r["a"], r["b"]) for r in instance["requests"]}
    counts = defaultdict(int)
    for meeting in result["meetings"]:
        for company in sides[meeting["request"]]:
            counts[company] += 1
    asked = {company for pair in sides.values() for company in pair}
    histogram = defaultdict(int)
    for company in asked:
        histogram[counts[company]] += 1
    return {str(k): histogram[k] for k in sorted(histogram)}
