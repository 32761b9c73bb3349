"""What publishing a draft would change in the live schedule, in total and per company.

One computation serves the confirmation page, the publishing service that
applies it, and the messages to the companies, so the organizer confirms
exactly what happens and each company hears exactly what changed for it.

A live meeting is *kept* (same slot and place), *moved* (another slot or
place) or *cancelled* (the draft leaves it out, or its request or a company
no longer takes part); a meeting of the draft without a live one is *new*.
A live meeting whose request the run did not consider (booked after it was
computed) stays as it is. A meeting that people cancelled since the run is
not placed again.
"""

import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from accounts.models import Enterprise, Registration, RegistrationStatus
from events.models import TimeSlot
from matchmaking import places
from matchmaking.models import (
    CANCELLED_BY_PEOPLE,
    Meeting,
    MeetingRequest,
    MeetingStatus,
    RequestStatus,
    RunStatus,
    ScheduleRun,
)
from matchmaking.services.participation import held_for_review
from matchmaking.services.schedule_instance import row_id

KEPT, MOVED, NEW, CANCELLED = "kept", "moved", "new", "cancelled"
KINDS = (KEPT, MOVED, NEW, CANCELLED)


@dataclass(frozen=True)
class Spot:
    """Where a meeting is: a slot and a place (None when no place fits any more)."""

    slot: TimeSlot
    place: places.Place | None

    def same_as(self, other: "Spot | None") -> bool:
        return (other is not None and self.slot.pk == other.slot.pk
                and (self.place and self.place.key) == (other.place and other.place.key))


@dataclass
class Change:
    kind: str
    request: MeetingRequest
    meeting: Meeting | None = None  # the live row; None for a new meeting
    before: Spot | None = None
    after: Spot | None = None
    from_run: bool = True  # False: a live meeting the run did not consider, left as is

    def counterpart_of(self, enterprise: Enterprise) -> Enterprise:
        return self.request.counterpart_of(enterprise)


@dataclass
class CompanyChanges:
    enterprise: Enterprise
    by_kind: dict[str, list[Change]] = field(default_factory=lambda: {k: [] for k in KINDS})

    @property
    def counts(self) -> dict[str, int]:
        return {kind: len(items) for kind, items in self.by_kind.items()}

    @property
    def changed(self) -> int:
        """Meetings that changed for the company: moved, new and cancelled."""
        return sum(len(self.by_kind[kind]) for kind in (MOVED, NEW, CANCELLED))

    @property
    def meetings(self) -> list[Change]:
        """Its meetings once published, in time order."""
        return sorted(self.by_kind[KEPT] + self.by_kind[MOVED] + self.by_kind[NEW],
                      key=lambda change: change.after.slot.start)


@dataclass
class ScheduleDiff:
    run: ScheduleRun
    changes: list[Change]
    first: bool  # no schedule was published before: every company hears all its meetings
    unplaced: list[Change]  # meetings of the draft that no place fits any more
    not_recreated: int  # meetings of the draft that people cancelled since the run

    @property
    def totals(self) -> dict[str, int]:
        counts = Counter(change.kind for change in self.changes)
        return {kind: counts[kind] for kind in KINDS}

    @property
    def companies(self) -> list[CompanyChanges]:
        """Every company with a meeting before or after, the most affected first."""
        found: dict[int, CompanyChanges] = {}
        for change in self.changes:
            for side in (change.request.sender, change.request.recipient):
                found.setdefault(side.pk, CompanyChanges(side)).by_kind[change.kind].append(
                    change)
        return sorted(found.values(), key=lambda c: (-c.changed, str(c.enterprise)))

    def to_notify(self) -> list[CompanyChanges]:
        """First publication: every company with meetings; later: those with changes."""
        if self.first:
            return [c for c in self.companies if c.meetings]
        return [c for c in self.companies if c.changed]

    @property
    def fingerprint(self) -> str:
        """Names this exact set of changes, so a confirmation cannot apply another one."""
        def where(spot):
            return spot and (spot.slot.pk, spot.place and spot.place.key)

        rows = sorted((c.request.pk, c.kind, str(where(c.before)), str(where(c.after)))
                      for c in self.changes)
        return hashlib.sha256(repr(rows).encode()).hexdigest()[:16]


def diff_schedule_run(*, run: ScheduleRun) -> ScheduleDiff:
    """What publishing `run` (a finished draft) would change now; reads only."""
    conference = run.conference
    live = {m.request_id: m for m in Meeting.objects.filter(
        conference=conference, status=MeetingStatus.SCHEDULED).select_related(
        "slot", "table", "booth__hall", "request__sender", "request__recipient")}
    wanted = {row_id(m["request"]): (row_id(m["slot"]), m["table"])
              for m in run.result["meetings"]}
    considered = {row_id(r["id"]) for r in run.instance["requests"]}
    requests = _requests(conference, set(wanted) - set(live))
    eligible = _eligible(conference, [m.request for m in live.values()] + list(requests.values()))
    recancelled = _cancelled_by_people(conference, set(wanted) - set(live))
    placements = {pk: where for pk, where in wanted.items()
                  if pk in eligible and pk not in recancelled}
    untouched = {pk: m for pk, m in live.items() if pk not in considered and pk in eligible}
    changes = [Change(KEPT, m.request, m, _spot_of(m), _spot_of(m), from_run=False)
               for m in untouched.values()]
    changes += [Change(CANCELLED, m.request, m, before=_spot_of(m))
                for pk, m in live.items() if pk not in placements and pk not in untouched]
    placed, unplaced = _placed(conference, placements, live, requests, untouched)
    changes += placed
    first = not ScheduleRun.objects.filter(
        conference=conference, status__in=[RunStatus.PUBLISHED, RunStatus.SUPERSEDED]).exists()
    return ScheduleDiff(run, changes, first, unplaced,
                        not_recreated=len(set(wanted) & recancelled))


def _spot_of(meeting: Meeting) -> Spot:
    return Spot(meeting.slot, places.place_of(meeting))


def _requests(conference, pks: set[int]) -> dict[int, MeetingRequest]:
    return MeetingRequest.objects.filter(conference=conference, pk__in=list(pks)).select_related(
        "sender", "recipient").in_bulk()


def _eligible(conference, requests: list[MeetingRequest]) -> set[int]:
    """Requests still accepted whose two sides still take part (approved, or held for
    review with their live meetings)."""
    taking_part = set(Registration.objects.filter(
        conference=conference, status=RegistrationStatus.APPROVED).values_list(
        "enterprise_id", flat=True)) | held_for_review(conference=conference)
    return {r.pk for r in requests if r.status == RequestStatus.ACCEPTED
            and r.sender_id in taking_part and r.recipient_id in taking_part}


def _cancelled_by_people(conference, pks: set[int]) -> set[int]:
    return set(Meeting.objects.filter(
        conference=conference, request_id__in=list(pks), status=MeetingStatus.CANCELLED,
        cancelled_by__in=CANCELLED_BY_PEOPLE).values_list("request_id", flat=True))


def _placed(conference, placements, live, requests, untouched) -> tuple[list, list]:
    """Kept, moved and new meetings with their places (see places.assign_places); meetings
    left as they are hold theirs."""
    slots = TimeSlot.objects.in_bulk({slot_pk for slot_pk, _number in placements.values()})
    found = places.places_of(conference=conference)
    sizes = places.party_sizes(conference=conference)
    used: dict[int, Counter] = defaultdict(Counter)
    for meeting in untouched.values():
        if places.place_of(meeting) is not None:
            used[meeting.slot_id][places.place_of(meeting).key] += 1
    by_slot, changes = defaultdict(list), []
    for pk, (slot_pk, number) in sorted(placements.items()):
        meeting = live.get(pk)
        request = meeting.request if meeting else requests[pk]
        if request.online and conference.online_meetings:
            # An online meeting needs no place: it never competes for a table.
            changes.append(_change(pk, Spot(slots[slot_pk], places.online_place(request)),
                                   live, requests))
            continue
        staying = (meeting is not None and meeting.slot_id == slot_pk
                   and places.place_of(meeting) is not None)
        by_slot[slot_pk].append(places.Wanted(
            pk, number, places.chairs_needed(sizes, request.sender_id, request.recipient_id),
            current=places.place_of(meeting).key if staying else None))
    unplaced = []
    for slot_pk, wanted in by_slot.items():
        chosen = places.assign_places(places=found, used=used[slot_pk], wanted=wanted)
        for pk, place in chosen.items():
            change = _change(pk, Spot(slots[slot_pk], place), live, requests)
            changes.append(change)
            if place is None:
                unplaced.append(change)
    return changes, unplaced


def _change(pk: int, after: Spot, live: dict, requests: dict) -> Change:
    meeting = live.get(pk)
    if meeting is None:
        return Change(NEW, requests[pk], after=after)
    before = _spot_of(meeting)
    return Change(KEPT if after.same_as(before) else MOVED, meeting.request, meeting,
                  before, after)
