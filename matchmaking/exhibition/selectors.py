"""Reads for the exhibitor directory and the organizers' figures."""

from django.db.models import Q

from events.models import Conference
from matchmaking.exhibition.models import Exhibitor, Hall


def exhibitors(*, conference: Conference):
    return Exhibitor.objects.filter(registration__conference=conference)


def exhibitor_count(*, conference: Conference) -> int:
    return exhibitors(conference=conference).count()


def foreign_exhibitor_count(*, conference: Conference) -> int:
    """Exhibitors from outside the host country, as the articles count them."""
    return exhibitors(conference=conference).exclude(
        registration__enterprise__country=conference.host_country).count()


def directory(*, conference: Conference, query: str = "", field=None, country: str = ""):
    """Exhibitors with their enterprise, fields and booth, by name."""
    rows = exhibitors(conference=conference).select_related(
        "registration__enterprise", "booth__hall").prefetch_related(
        "registration__enterprise__fields")
    if query:
        rows = rows.filter(Q(registration__enterprise__legal_name__icontains=query)
                           | Q(registration__enterprise__name_zh__icontains=query)
                           | Q(registration__enterprise__offers__icontains=query)
                           | Q(booth__number__iexact=query))
    if field is not None:
        rows = rows.filter(registration__enterprise__fields=field)
    if country:
        rows = rows.filter(registration__enterprise__country=country)
    return rows.order_by("registration__enterprise__legal_name").distinct()


def halls(*, conference: Conference) -> list[Hall]:
    """Halls with their booths (and exhibitors), for the plans under the directory."""
    return list(Hall.objects.filter(conference=conference).prefetch_related(
        "booths__exhibitor__registration__enterprise"))


def exhibitor_countries(*, conference: Conference) -> list[str]:
    return sorted(set(exhibitors(conference=conference).values_list(
        "registration__enterprise__country", flat=True)))
