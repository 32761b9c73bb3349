"""Between the database and the engine: build an instance, read a result back.

Ids in the instance are prefixed (`s` slot, `e` enterprise, `r` request) so a
result names database rows without a lookup table.
"""

from collections import defaultdict

from accounts.models import Registration
from events.models import Conference, TimeSlot
from events.selectors import active_table_count
from matchmaking.models import (
    Meeting,
    MeetingRequest,
    MeetingStatus,
    Recommendation,
    RequestStatus,
    Unavailability,
)
from matchmaking.services.requests import weight_for_score

INSTANCE_FORMAT = "matchmaking-schedule/1"


def slot_id(pk: int) -> str:
    return f"s{pk}"


def request_id(pk: int) -> str:
    return f"r{pk}"


def row_id(engine_id: str) -> int:
    return int(engine_id[1:])


def build_instance(*, conference: Conference, keep_locked: bool) -> dict:
    """The engine's input for a conference: approved enterprises, accepted requests between
    them, availability, tables, caps and seats. With `keep_locked`, live meetings that are
    locked become fixed (a repair); meetings whose companies can no longer meet there are
    left free to move."""
    slots = list(TimeSlot.objects.filter(conference=conference).order_by("start"))
    registrations = {
        r.enterprise_id: r
        for r in Registration.objects.approved().filter(conference=conference)
    }
    requests = [
        r for r in MeetingRequest.objects.filter(conference=conference,
                                                 status=RequestStatus.ACCEPTED).order_by("pk")
        if r.sender_id in registrations and r.recipient_id in registrations
    ]
    available = _availability(conference, slots, registrations)
    weights = _weights(conference, requests)
    instance = {
        "format": INSTANCE_FORMAT,
        "slots": _slots(conference, slots),
        "companies": _companies(registrations, available),
        "requests": [
            {"id": request_id(r.pk), "a": f"e{r.sender_id}", "b": f"e{r.recipient_id}",
             "weight": weights[r.pk]}
            for r in requests
        ],
        "fixed": _fixed(conference, requests, available) if keep_locked else [],
    }
    return instance


def _weights(conference: Conference, requests: list[MeetingRequest]) -> dict[int, float]:
    """A meeting's value from the pair's current mutual score, so recommendations computed
    after a request was sent still count; a pair without one keeps the weight it was sent
    with."""
    scores = {
        frozenset(pair): score
        for *pair, score in Recommendation.objects.filter(conference=conference)
        .values_list("buyer_id", "supplier_id", "score")
    }
    return {
        r.pk: float(weight_for_score(scores[key]))
        if (key := frozenset((r.sender_id, r.recipient_id))) in scores else float(r.weight)
        for r in requests
    }


def _slots(conference: Conference, slots: list[TimeSlot]) -> list[dict]:
    tables = active_table_count(conference=conference)
    zone = conference.zone
    return [
        {"id": slot_id(s.pk), "start": s.start.astimezone(zone).isoformat(),
         "end": s.end.astimezone(zone).isoformat(), "tables": tables}
        for s in slots
    ]


def _availability(conference, slots, registrations) -> dict[int, list[str]]:
    blocked = defaultdict(set)
    for enterprise_id, slot_pk in Unavailability.objects.filter(
        slot__conference=conference, enterprise_id__in=list(registrations)
    ).values_list("enterprise_id", "slot_id"):
        blocked[enterprise_id].add(slot_pk)
    return {
        enterprise_id: [slot_id(s.pk) for s in slots if s.pk not in blocked[enterprise_id]]
        for enterprise_id in registrations
    }


def _companies(registrations, available) -> list[dict]:
    companies = []
    for enterprise_id, registration in sorted(registrations.items()):
        company = {"id": f"e{enterprise_id}", "available": available[enterprise_id],
                   "seats": registration.parallel_meetings}
        if registration.max_meetings is not None:
            company["max_meetings"] = registration.max_meetings
        companies.append(company)
    return companies


def _fixed(conference, requests, available) -> list[dict]:
    included = {r.pk: r for r in requests}
    fixed = []
    for meeting in Meeting.objects.filter(conference=conference, status=MeetingStatus.SCHEDULED,
                                          locked=True):
        request = included.get(meeting.request_id)
        if request is None:
            continue
        sid = slot_id(meeting.slot_id)
        if sid in available[request.sender_id] and sid in available[request.recipient_id]:
            fixed.append({"request": request_id(request.pk), "slot": sid})
    return _within_tables(fixed, active_table_count(conference=conference))


def _within_tables(fixed, tables: int) -> list[dict]:
    """Drop fixed meetings beyond a slot's table count (tables were removed), so the
    engine never receives an infeasible fixed set; the dropped ones may move."""
    per_slot = defaultdict(int)
    kept = []
    for item in fixed:
        per_slot[item["slot"]] += 1
        if per_slot[item["slot"]] <= tables:
            kept.append(item)
    return kept


def metrics_of(instance: dict, result: dict) -> dict:
    """The figures the admin and the API show for a run."""
    objective = result.get("objective", {})
    bound = (result.get("upper_bound") or {}).get("weight") or 0
    weight = objective.get("weight", 0)
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
        "breaks": objective.get("breaks"),
        "idle_slots": objective.get("idle_slots"),
        "seconds": result.get("seconds"),
        "optimal": bool(result.get("optimal")),
        "fixed": len(instance.get("fixed", [])),
        "unscheduled_reasons": dict(reasons),
        "meetings_per_company": _meetings_per_company(instance, result),
    }


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
