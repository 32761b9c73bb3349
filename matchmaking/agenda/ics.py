"""The agenda as an iCalendar file, with the conference's time zone."""

from django.utils import translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from events.models import Conference
from matchmaking.places import place_of


def delegate_lines(enterprise) -> list[str]:
    return [
        ", ".join(part for part in (d.full_name, d.title, d.email, d.phone) if part)
        for d in enterprise.delegates.all()
    ]


def meeting_event(meeting, conference: Conference) -> Event:
    zone = conference.zone
    event = Event()
    event.add("uid", f"meeting-{meeting.pk}@{conference.slug}.matchmaking")
    event.add("dtstamp", meeting.updated_at)
    event.add("dtstart", meeting.slot.start.astimezone(zone))
    event.add("dtend", meeting.slot.end.astimezone(zone))
    event.add("summary", _("Meeting with %(name)s") % {"name": meeting.counterpart})
    where = place_of(meeting)
    table = str(where) if where else _("table to be announced")
    if meeting.is_online:
        event.add("location", meeting.online_link or table)
        if meeting.online_link:
            event.add("url", meeting.online_link)
    else:
        place = (conference.venue, conference.host_city, table)
        event.add("location", ", ".join(part for part in place if part))
    lines = [_("Purpose: %(purpose)s") % {"purpose": meeting.request.get_purpose_display()}]
    lines += [_("Contact: %(contact)s") % {"contact": line}
              for line in delegate_lines(meeting.counterpart)]
    event.add("description", "\n".join(lines))
    return event


def agenda_calendar(*, conference: Conference, enterprise, meetings, language: str) -> bytes:
    """An .ics file of the meetings; times carry TZID of the conference's zone and the
    file has the matching VTIMEZONE, so calendars show them right wherever they are."""
    with translation.override(language):
        calendar = Calendar()
        calendar.add("prodid", "-//Conference matchmaking//Agenda//EN")
        calendar.add("version", "2.0")
        calendar.add("x-wr-calname", _("%(conference)s: %(enterprise)s")
                     % {"conference": conference, "enterprise": enterprise})
        calendar.add("x-wr-timezone", conference.time_zone)
        for meeting in meetings:
            calendar.add_component(meeting_event(meeting, conference))
        calendar.add_missing_timezones()
        return calendar.to_ical()
