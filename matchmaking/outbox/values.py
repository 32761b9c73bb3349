"""Plain values for e-mail templates, in the reader's language (the active one): names,
dates and times in the conference's zone, amounts, links. Templates (and organizers'
overrides) only ever see these strings and lists, never model instances."""

import datetime as dt

from django.conf import settings
from django.urls import reverse
from django.utils import formats, translation
from django.utils.translation import gettext as _

from events.models import Conference


def chinese() -> bool:
    return (translation.get_language() or "").startswith("zh")


def conference_name(conference: Conference | None) -> str:
    if conference is None:
        return ""
    return (conference.name_zh if chinese() and conference.name_zh else conference.name)


def enterprise_name(enterprise) -> str:
    if enterprise is None:
        return _("The organizers")
    return enterprise.name_zh if chinese() and enterprise.name_zh else enterprise.legal_name


def local(value: dt.datetime, conference: Conference | None) -> dt.datetime:
    zone = conference.zone if conference else None
    return value.astimezone(zone) if zone else value


def date_time(value: dt.datetime, conference: Conference | None) -> str:
    return formats.date_format(local(value, conference), "DATETIME_FORMAT")


def day(value: dt.date) -> str:
    return formats.date_format(value, "DATE_FORMAT")


def time_span(start: dt.datetime, end: dt.datetime) -> str:
    """"June 19, 2026, 9 a.m. – 9:30 a.m." in the reader's format."""
    return _("%(date)s, %(start)s – %(end)s") % {
        "date": formats.date_format(start, "DATE_FORMAT"),
        "start": formats.time_format(start, "TIME_FORMAT"),
        "end": formats.time_format(end, "TIME_FORMAT")}


def slot_time(slot) -> str:
    """A time slot in the conference's zone."""
    conference = slot.conference
    return time_span(local(slot.start, conference), local(slot.end, conference))


def table_label(number) -> str:
    return _("Table %(number)s") % {"number": number} if number else _("table to be announced")


def booth_label(number) -> str:
    return _("Booth %(number)s") % {"number": number}


def online_label(link) -> str:
    """An online meeting: its link, when it has one (True: not yet)."""
    if isinstance(link, str):
        return _("online, %(link)s") % {"link": link}
    return _("online (the link follows)")


def amount(value) -> str:
    return f"{int(value):,}"


def link(name: str, *args) -> str:
    """An absolute URL of our site in the reader's language."""
    return settings.SITE_URL.rstrip("/") + reverse(name, args=args)


def common(conference: Conference | None, recipient_name: str) -> dict:
    """What every e-mail may use."""
    return {"conference": conference_name(conference), "recipient_name": recipient_name,
            "site_url": link("home"), "portal_url": link("portal:dashboard")}
