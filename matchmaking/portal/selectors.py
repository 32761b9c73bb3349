"""Reads for the portal pages: the directory, requests and recommendations.

Each list is fetched in a fixed number of queries whatever its length.
"""

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from accounts.models import Delegate, Enterprise, EnterpriseRole, RegistrationStatus
from events.models import Conference
from matchmaking.models import (
    Meeting,
    MeetingRequest,
    MeetingStatus,
    RequestStatus,
    Shortlist,
)
from matchmaking.portal.forms import CONTRACT_BANDS


def participants(*, conference: Conference) -> QuerySet[Enterprise]:
    """The approved participants of a conference."""
    return Enterprise.objects.filter(
        registrations__conference=conference, registrations__status=RegistrationStatus.APPROVED
    )


def participant_countries(*, conference: Conference, exclude: Enterprise) -> dict[str, int]:
    """Country code -> how many participants (other than `exclude`) come from it."""
    rows = (
        participants(conference=conference).exclude(pk=exclude.pk)
        .order_by().values_list("country").annotate(n=Count("pk"))
    )
    return dict(rows)


def country_choices(tally: dict[str, int]) -> list[tuple]:
    """(code, name in the active language) pairs of a country tally, by name."""
    countries = [(code, Enterprise(country=code).country.name) for code in tally]
    return sorted(countries, key=lambda pair: pair[1])


def directory(*, conference: Conference, viewer: Enterprise, filters: dict) -> QuerySet[Enterprise]:
    """Approved participants other than the viewer, narrowed by the directory's filters."""
    found = participants(conference=conference).exclude(pk=viewer.pk)
    if text := (filters.get("q") or "").strip():
        found = found.filter(
            Q(legal_name__icontains=text) | Q(name_zh__icontains=text)
            | Q(offers__icontains=text) | Q(needs__icontains=text)
        )
    if filters.get("role") == EnterpriseRole.BUYER:
        found = found.buyers()
    elif filters.get("role") == EnterpriseRole.SUPPLIER:
        found = found.suppliers()
    elif filters.get("role"):
        found = found.filter(role=filters["role"])
    if filters.get("country"):
        found = found.filter(country=filters["country"])
    if filters.get("field"):
        found = found.filter(fields=filters["field"])
    if filters.get("size"):
        found = _in_band(found, filters["size"])
    if filters.get("language"):
        speakers = Delegate.objects.filter(
            enterprise=OuterRef("pk"), languages__icontains=filters["language"]
        )
        found = found.filter(Exists(speakers))
    # Each row says whether the viewer shortlisted it (the card's star), in the same query.
    listed = Shortlist.objects.filter(conference=conference, enterprise=viewer,
                                      target=OuterRef("pk"))
    found = found.annotate(shortlisted=Exists(listed))
    if filters.get("shortlisted"):
        found = found.filter(shortlisted=True)
    return found.prefetch_related("fields").order_by("legal_name")


def _in_band(found: QuerySet, code: str) -> QuerySet:
    for band, _label, lowest, below in CONTRACT_BANDS:
        if band == code:
            found = found.filter(contract_value_usd__gte=lowest)
            return found.filter(contract_value_usd__lt=below) if below else found
    return found


def shortlisted_ids(*, conference: Conference, enterprise: Enterprise, among=None) -> set[int]:
    rows = Shortlist.objects.filter(conference=conference, enterprise=enterprise)
    if among is not None:
        rows = rows.filter(target__in=among)
    return set(rows.values_list("target_id", flat=True))


def live_requests_with(*, conference: Conference, enterprise: Enterprise, among) -> dict:
    """Counterpart id -> the live request between the enterprise and it."""
    ids = [e.pk for e in among]
    rows = MeetingRequest.objects.live().filter(conference=conference).filter(
        Q(sender=enterprise, recipient__in=ids) | Q(recipient=enterprise, sender__in=ids)
    )
    return {
        row.recipient_id if row.sender_id == enterprise.pk else row.sender_id: row for row in rows
    }


def requests_for(*, conference: Conference, enterprise: Enterprise, direction: str) -> list:
    """Received or sent requests, newest first, each with its live meeting (or None)."""
    side = {"received": "recipient", "sent": "sender"}[direction]
    live_meetings = Meeting.objects.filter(status=MeetingStatus.SCHEDULED).select_related(
        "slot", "table")
    rows = (
        MeetingRequest.objects.filter(conference=conference, **{side: enterprise})
        .select_related("sender", "recipient")
        .prefetch_related(Prefetch("meetings", queryset=live_meetings, to_attr="live_meetings"))
        .order_by("-created_at")
    )
    now = timezone.now()
    for row in rows:
        row.meeting = row.live_meetings[0] if row.live_meetings else None
        row.counterpart = row.counterpart_of(enterprise)
        row.is_overdue = row.status == RequestStatus.PENDING and row.expires_at <= now
    return list(rows)


def pending_received_count(*, conference: Conference, enterprise: Enterprise) -> int:
    return MeetingRequest.objects.filter(
        conference=conference, recipient=enterprise, status=RequestStatus.PENDING,
        expires_at__gt=timezone.now(),
    ).count()
