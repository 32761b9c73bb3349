"""Plain values for e-mail templates, in the reader's language (the active one): names,
dates and times in the conference's zone, amounts, links. Templates (and organizers'
overrides) only ever see these strings and lists, never model instances."""

import datetime as dt

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from events.models import Conference
from matchmaking.display import formatting


def chinese() -> bool:
    return formatting.chinese()


def conference_name(conference: Conference | None) -> str:
    return formatting.name(conference)


def enterprise_name(enterprise) -> str:
    if enterprise is None:
        return _("The organizers")
    return formatting.name(enterprise)


def local(value: dt.datetime, conference: Conference | None) -> dt.datetime:
    zone = conference.zone if conference else None
    return value.astimezone(zone) if zone else value


def date_time(value: dt.datetime, conference: Conference | None) -> str:
    return formatting.day_time(value, conference.zone if conference else None, year=True)


def day(value: dt.date) -> str:
    return formatting.day(value, year=True)


def time_span(start: dt.datetime, end: dt.datetime) -> str:
    """"Thursday 24 June 09:00–09:30" in the reader's format (times as given)."""
    return formatting.time_span(start, end, start.tzinfo, year=True)


def slot_time(slot) -> str:
    """A time slot in the conference's zone."""
    return formatting.time_span(slot.start, slot.end, slot.conference.zone, year=True)


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
    """Money in US dollars: "USD 2,500,000" / "250 万美元"."""
    return formatting.money(value)


def link(name: str, *args) -> str:
    """An absolute URL of our site in the reader's language."""
    return settings.SITE_URL.rstrip("/") + reverse(name, args=args)


def common(conference: Conference | None, recipient_name: str) -> dict:
    """What every e-mail may use."""
    return {"conference": conference_name(conference), "recipient_name": recipient_name,
            "site_url": link("home"), "portal_url": link("portal:dashboard")}
