"""The quality report of a schedule run: figures, unscheduled requests, a chart."""

from django.utils.translation import gettext_lazy as _

from matchmaking.models import MeetingRequest, ScheduleRun
from matchmaking.services.schedule_instance import row_id

REASONS = {
    "no_common_slot": _("No common free slot"),
    "company_cap": _("A company reached its meeting cap"),
    "tables_full": _("Every table of their common slots is taken"),
    "outweighed": _("Lost to higher-value meetings"),
}
CHART_WIDTH, BAR_HEIGHT = 480, 18


def run_report(run: ScheduleRun) -> dict:
    metrics = run.metrics or {}
    return {
        "metric_rows": _metric_rows(metrics),
        "unscheduled": _unscheduled(run),
        "chart": (chart := _chart(metrics.get("meetings_per_company", {}))),
        "chart_height": len(chart) * (BAR_HEIGHT + 4),
        "published": metrics.get("published"),
        "run": run,
    }


def _metric_rows(metrics: dict) -> list[tuple[str, object]]:
    if not metrics:
        return []
    return [
        (_("Accepted requests"), metrics["requests"]),
        (_("Meetings scheduled"), metrics["scheduled"]),
        (_("Unscheduled"), metrics["unscheduled"]),
        (_("Total weight"), metrics["weight"]),
        (_("Proven upper bound on weight"), metrics["bound"]),
        (_("Weight vs bound"), f"{metrics['quality_percent']}%"),
        (_("Weight proven optimal"), _("yes") if metrics["optimal"] else _("no")),
        (_("Published meetings moved"), metrics.get("moved", "-")),
        (_("Fewest meetings of a company (fairness)"), metrics["fairness"]),
        (_("Breaks (gaps in a company's day)"), breaks_text(metrics)),
        (_("Idle slots inside those gaps"), metrics["idle_slots"]),
        (_("Meetings kept fixed"), metrics["fixed"]),
        (_("Engine time (s)"), metrics["seconds"]),
    ]


def breaks_text(metrics: dict) -> str:
    """Breaks next to the engine's proven lower bound; "optimal" only when they meet."""
    breaks, bound = metrics["breaks"], metrics.get("breaks_bound")
    if bound is None:
        return "-" if breaks is None else str(breaks)
    if breaks == bound:
        return _("%(breaks)s (proven lower bound %(bound)s: optimal)") % {
            "breaks": breaks, "bound": bound}
    return _("%(breaks)s (proven lower bound %(bound)s)") % {"breaks": breaks, "bound": bound}


def _unscheduled(run: ScheduleRun, limit: int = 200) -> list[dict]:
    if not run.result:
        return []
    reasons = run.result.get("reasons", {})
    ids = [row_id(r) for r in run.result["unscheduled"][:limit]]
    requests = MeetingRequest.objects.select_related("sender", "recipient").in_bulk(ids)
    return [
        {"request": requests.get(pk), "reason": REASONS.get(reasons.get(f"r{pk}"), "-")}
        for pk in ids
    ]


def _chart(histogram: dict[str, int]) -> list[dict]:
    """Bars of "companies holding n meetings", sized for an inline SVG."""
    if not histogram:
        return []
    most = max(histogram.values())
    return [
        {"meetings": meetings, "companies": count, "y": index * (BAR_HEIGHT + 4),
         "width": max(2, round(CHART_WIDTH * count / most))}
        for index, (meetings, count) in enumerate(sorted(histogram.items(),
                                                         key=lambda item: int(item[0])))
    ]
