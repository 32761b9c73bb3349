"""Who gets an e-mail, in which language; which companies a bulk mail reaches."""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import get_supported_language_variant

from accounts.models import Enterprise, Registration, User
from events.models import Conference
from matchmaking.models import Meeting, MeetingStatus
from matchmaking.onsite.models import CheckIn


@dataclass(frozen=True)
class Recipient:
    email: str
    name: str
    language: str


def supported_language(code: str) -> str | None:
    """Our language for a code such as "zh", "zh-CN" or "en-us"; None if we ship none."""
    try:
        return get_supported_language_variant(code.strip().lower().replace("_", "-"))
    except LookupError:
        return None


def conference_language(conference: Conference | None) -> str:
    """The language of readers we know nothing about. A conference has no language of its
    own yet, so this is the site's default; the place to change when one is added."""
    return settings.LANGUAGE_CODE


def user_recipient(user) -> Recipient:
    language = supported_language(user.language) or settings.LANGUAGE_CODE
    return Recipient(user.email, user.full_name, language)


def delegate_language(delegate, conference: Conference | None) -> str:
    """The delegate's first language we ship, else the conference's default."""
    for code in delegate.language_list:
        language = supported_language(code)
        if language:
            return language
    return conference_language(conference)


def enterprise_recipients(enterprise: Enterprise,
                          conference: Conference | None = None) -> list[Recipient]:
    """The enterprise's active users or, when it has none yet, its delegates; each address
    once, in its reader's language."""
    people = [user_recipient(u) for u in enterprise.users.filter(is_active=True)]
    if not people:
        people = [Recipient(d.email, d.full_name, delegate_language(d, conference))
                  for d in enterprise.delegates.all()]
    unique = {}
    for person in people:
        unique.setdefault(person.email.lower(), person)
    return list(unique.values())


def organizer_recipients() -> list[Recipient]:
    """Every active organizer, in the language of their account."""
    from accounts.roles import ORGANIZERS

    users = User.objects.filter(groups__name=ORGANIZERS, is_active=True).distinct()
    return [user_recipient(user) for user in users.order_by("email")]


def bulk_companies(*, conference: Conference, statuses=(), roles=(), countries=(),
                   fields=(), has_meetings: bool | None = None,
                   checked_in: bool | None = None) -> QuerySet:
    """Enterprises registered for the conference that match every filter given (an empty
    filter matches all); `checked_in`: at least one delegate checked in on site."""
    registrations = Registration.objects.filter(conference=conference)
    if statuses:
        registrations = registrations.filter(status__in=statuses)
    companies = Enterprise.objects.filter(pk__in=registrations.values("enterprise"))
    if roles:
        companies = companies.filter(role__in=roles)
    if countries:
        companies = companies.filter(country__in=countries)
    if fields:
        companies = companies.filter(fields__in=fields).distinct()
    if has_meetings is not None:
        live = Meeting.objects.filter(conference=conference, status=MeetingStatus.SCHEDULED).filter(
            Q(request__sender=OuterRef("pk")) | Q(request__recipient=OuterRef("pk")))
        companies = companies.filter(Exists(live) if has_meetings else ~Exists(live))
    if checked_in is not None:
        arrived = CheckIn.objects.filter(conference=conference,
                                         delegate__enterprise=OuterRef("pk"))
        companies = companies.filter(Exists(arrived) if checked_in else ~Exists(arrived))
    return companies.order_by("legal_name")
