"""The day's grid for staff: slots down, places across, every live meeting in its cell."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils import timezone

from events.models import Conference, ConferenceDay, TimeSlot
from matchmaking.models import Meeting, MeetingStatus
from matchmaking.places import Place, place_of, places_of


@dataclass
class Row:
    slot: TimeSlot
    cells: list = field(default_factory=list)  # (place, [meetings]) per place
    unplaced: list = field(default_factory=list)  # live meetings without a place (no-shows)
    running: bool = False


def conference_days(conference: Conference) -> list[dt.date]:
    return list(ConferenceDay.objects.filter(conference=conference).order_by("date")
                .values_list("date", flat=True))


def pick_day(conference: Conference, wanted: str | None) -> dt.date | None:
    """The day asked for, else today when it is a conference day, else the first day."""
    days = conference_days(conference)
    today = timezone.localdate(timezone=conference.zone)
    for candidate in (wanted, today.isoformat()):
        if candidate and any(day.isoformat() == candidate for day in days):
            return dt.date.fromisoformat(candidate)
    return days[0] if days else None


def day_slots(conference: Conference, day: dt.date) -> list[TimeSlot]:
    zone = conference.zone
    start = dt.datetime.combine(day, dt.time.min, tzinfo=zone)
    return list(TimeSlot.objects.filter(conference=conference, start__gte=start,
                                        start__lt=start + dt.timedelta(days=1))
                .order_by("start"))


def day_meetings(slots: list[TimeSlot]):
    return (Meeting.objects.filter(slot__in=slots, status=MeetingStatus.SCHEDULED)
            .select_related("slot", "table", "request__sender", "request__recipient",
                            "attendance").order_by("slot__start", "pk"))


def build_grid(*, conference: Conference, day: dt.date, now=None) -> tuple[list[Place], list[Row]]:
    """The places in use and one row per slot of `day`; three queries whatever the size."""
    now = now or timezone.now()
    places = places_of(conference=conference)
    slots = day_slots(conference, day)
    at: dict = defaultdict(list)
    unplaced: dict = defaultdict(list)
    for meeting in day_meetings(slots):
        place = place_of(meeting)
        if place is None:
            unplaced[meeting.slot_id].append(meeting)
        else:
            at[(meeting.slot_id, place.key)].append(meeting)
    rows = [Row(slot, [(place, at[(slot.pk, place.key)]) for place in places],
                unplaced[slot.pk], slot.start <= now < slot.end) for slot in slots]
    return places, rows
