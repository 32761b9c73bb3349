"""Between the database and the engine: build an instance, read a result back.

Ids in the instance are prefixed (`s` slot, `e` enterprise, `r` request) so a
result names database rows without a lookup table.

On a live schedule a run changes as little as it can:
- every live meeting's request carries its slot as `previous`, so the engine
  keeps it there unless moving it schedules more weight (not in "replace");
- a repair also fixes the locked live meetings in place;
- a company whose approval went back to review keeps its live meetings fixed
  and is given no new ones;
- a request whose meeting a company or the organizers cancelled is left out:
  a run never places it again (the companies may still book it themselves).
"""

from collections import defaultdict

from django.db.models import Q

from accounts.models import Registration, RegistrationStatus
from events.models import Conference, TimeSlot
from matchmaking import places
from matchmaking.models import (
    CANCELLED_BY_PEOPLE,
    Meeting,
    MeetingRequest,
    MeetingStatus,
    Recommendation,
    RequestStatus,
    ScheduleRun,
    Unavailability,
)
from matchmaking.services.participation import held_for_review
from matchmaking.services.requests import weight_for_score

INSTANCE_FORMAT = "matchmaking-schedule/1"


def slot_id(pk: int) -> str:
    return f"s{pk}"


def request_id(pk: int) -> str:
    return f"r{pk}"


def row_id(engine_id: str) -> int:
    return int(engine_id[1:])


def build_instance(*, conference: Conference, mode: str = ScheduleRun.Mode.FULL) -> dict:
    """The engine's input for a conference in the given run mode (see the module's
    docstring): participants, accepted requests between them, availability, places,
    caps and seats."""
    slots = list(TimeSlot.objects.filter(conference=conference).order_by("start"))
    live = {m.request_id: m for m in Meeting.objects.filter(
        conference=conference, status=MeetingStatus.SCHEDULED).select_related("request")}
    held = held_for_review(conference=conference)
    registrations = _participants(conference, held)
    requests = _schedulable_requests(conference, set(registrations), held, set(live))
    available = _availability(conference, slots, registrations)
    chairs, capacity = _chairs_and_capacity(conference, slots, registrations, requests)
    previous = {} if mode == ScheduleRun.Mode.REPLACE else {
        pk: slot_id(m.slot_id) for pk, m in live.items()}
    weights = _weights(conference, requests)
    included = {r.pk for r in requests}
    fixed_meetings = [m for pk, m in live.items() if pk in included
                      and (mode == ScheduleRun.Mode.REPAIR and m.locked
                           or {m.request.sender_id, m.request.recipient_id} & held)]
    return {
        "format": INSTANCE_FORMAT,
        "slots": _slots(conference, slots, capacity),
        "companies": _companies(registrations, available),
        "requests": [_request(r, weights[r.pk], previous.get(r.pk), r.pk in chairs)
                     for r in requests],
        "fixed": _fixed(fixed_meetings, held, registrations, available, capacity, chairs),
    }


def _participants(conference: Conference, held: set[int]) -> dict[int, Registration]:
    return {r.enterprise_id: r for r in Registration.objects.filter(conference=conference).filter(
        Q(status=RegistrationStatus.APPROVED) | Q(enterprise_id__in=held))}


def _schedulable_requests(conference: Conference, participants: set[int], held: set[int],
                          live: set[int]) -> list[MeetingRequest]:
    """Accepted requests a run may place: both sides take part; a company held for review
    only keeps its live ones; one whose meeting people cancelled stays out, unless it was
    booked again since."""
    cancelled = set(Meeting.objects.filter(
        conference=conference, status=MeetingStatus.CANCELLED,
        cancelled_by__in=CANCELLED_BY_PEOPLE).values_list("request_id", flat=True))
    accepted = MeetingRequest.objects.filter(
        conference=conference, status=RequestStatus.ACCEPTED).order_by("pk")
    return [
        r for r in accepted
        if r.sender_id in participants and r.recipient_id in participants
        and (r.pk in live or (r.pk not in cancelled and not {r.sender_id, r.recipient_id} & held))
    ]


def _chairs_and_capacity(conference, slots, registrations, requests):
    """Chairs each request needs (only those some place fits) and the meetings each slot
    holds: the places that fit the largest of them, so any mix the engine puts in a slot
    finds its places when published."""
    found = places.places_of(conference=conference)
    sizes = places.party_sizes(conference=conference, enterprise_ids=list(registrations))
    chairs = {r.pk: places.chairs_needed(sizes, r.sender_id, r.recipient_id) for r in requests}
    chairs = {pk: n for pk, n in chairs.items() if places.fits_somewhere(found, n)}
    capacity = places.slot_capacity(places=found, slot_ids=[s.pk for s in slots],
                                    chairs=max(chairs.values(), default=1))
    return chairs, capacity


def _request(request: MeetingRequest, weight: float, previous: str | None,
             fits: bool) -> dict:
    item = {"id": request_id(request.pk), "a": f"e{request.sender_id}",
            "b": f"e{request.recipient_id}", "weight": weight}
    if previous is not None:
        item["previous"] = previous
    if not fits:
        item["available"] = []  # no place has chairs enough for both delegations
    return item


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


def _slots(conference: Conference, slots: list[TimeSlot], capacity: dict[int, int]) -> list:
    zone = conference.zone
    return [
        {"id": slot_id(s.pk), "start": s.start.astimezone(zone).isoformat(),
         "end": s.end.astimezone(zone).isoformat(), "tables": capacity[s.pk]}
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


def _fixed(meetings, held, registrations, available, capacity, chairs) -> list[dict]:
    """The live meetings to fix, as far as they still fit together: a slot's places, each
    side's seats and cap, its availability. Those of companies held for review come
    first; a meeting that no longer fits is left free to move (fixing it would make the
    instance infeasible)."""
    def priority(meeting):
        return (not {meeting.request.sender_id, meeting.request.recipient_id} & held,
                meeting.slot_id, meeting.pk)

    per_slot, per_seat, per_company = defaultdict(int), defaultdict(int), defaultdict(int)
    fixed = []
    for meeting in sorted(meetings, key=priority):
        sides = (meeting.request.sender_id, meeting.request.recipient_id)
        sid = slot_id(meeting.slot_id)
        if meeting.request_id not in chairs or not all(sid in available[s] for s in sides):
            continue
        if per_slot[meeting.slot_id] >= capacity[meeting.slot_id] or any(
                per_seat[(s, sid)] >= registrations[s].parallel_meetings
                or registrations[s].max_meetings is not None
                and per_company[s] >= registrations[s].max_meetings for s in sides):
            continue
        per_slot[meeting.slot_id] += 1
        for side in sides:
            per_seat[(side, sid)] += 1
            per_company[side] += 1
        fixed.append({"request": request_id(meeting.request_id), "slot": sid})
    return fixed
