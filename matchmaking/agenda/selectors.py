"""The meetings of one enterprise at one conference, ready to show."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, prefetch_related_objects

from accounts.models import Enterprise
from events.models import Conference, ConferenceDay
from matchmaking.models import Meeting, MeetingOutcome, MeetingStatus
from matchmaking.places import place_of


@dataclass
class AgendaDay:
    date: dt.date
    meetings: list = field(default_factory=list)


def agenda_meetings(*, conference: Conference, enterprise: Enterprise) -> list[Meeting]:
    """Live meetings in time order; each has `counterpart` (delegates prefetched), `where`
    (its Place, or None),
    `purpose_display` and `my_outcome` (this enterprise's report or None)."""
    mine = MeetingOutcome.objects.filter(enterprise=enterprise)
    meetings = list(
        Meeting.objects.filter(conference=conference, status=MeetingStatus.SCHEDULED)
        .filter(Q(request__sender=enterprise) | Q(request__recipient=enterprise))
        .select_related("slot", "table", "booth__hall", "request__sender", "request__recipient",
                        "attendance")
        .prefetch_related(Prefetch("outcomes", queryset=mine, to_attr="my_outcomes"))
        .order_by("slot__start", "table__number")
    )
    for meeting in meetings:
        meeting.counterpart = meeting.request.counterpart_of(enterprise)
        meeting.where = place_of(meeting)
        meeting.my_outcome = meeting.my_outcomes[0] if meeting.my_outcomes else None
    # Only the other sides' delegates are shown: one query for all of them.
    prefetch_related_objects([meeting.counterpart for meeting in meetings], "delegates")
    return meetings


def agenda_days(*, conference: Conference, meetings: list[Meeting]) -> list[AgendaDay]:
    """Every day of the conference's grid (and any other day with a meeting), in the
    conference's time zone, each with its meetings."""
    zone = conference.zone
    days = {d: AgendaDay(d) for d in
            ConferenceDay.objects.filter(conference=conference).values_list("date", flat=True)}
    for meeting in meetings:
        date = meeting.slot.start.astimezone(zone).date()
        days.setdefault(date, AgendaDay(date)).meetings.append(meeting)
    return [days[date] for date in sorted(days)]
