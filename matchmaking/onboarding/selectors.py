"""Reads of onboarding: who can be invited, and which enterprises look like an applicant."""

import re
from urllib.parse import urlsplit

from django.db.models import Exists, OuterRef, Q, QuerySet

from accounts.models import Delegate, Enterprise, Registration, RegistrationStatus, User
from events.models import Conference
from matchmaking.onboarding.models import Invitation


def invitable_delegates(enterprises) -> QuerySet:
    """Delegates of `enterprises` who have no sign-in account and no open invitation."""
    account = User.objects.filter(email__iexact=OuterRef("email"))
    invited = Invitation.objects.open().filter(enterprise=OuterRef("enterprise"),
                                               email__iexact=OuterRef("email"))
    return (Delegate.objects.filter(enterprise__in=enterprises)
            .exclude(Exists(account)).exclude(Exists(invited))
            .select_related("enterprise").order_by("enterprise__legal_name", "pk"))


def approved_enterprises(conference: Conference) -> QuerySet:
    return Enterprise.objects.filter(registrations__conference=conference,
                                     registrations__status=RegistrationStatus.APPROVED)


def latest_conference(enterprise: Enterprise) -> Conference | None:
    """The conference an invitation speaks of: the enterprise's latest approved one, else
    its latest registration's."""
    registrations = Registration.objects.filter(enterprise=enterprise).select_related(
        "conference").order_by("-conference__start_date")
    approved = registrations.filter(status=RegistrationStatus.APPROVED).first()
    chosen = approved or registrations.first()
    return chosen.conference if chosen else None


SUFFIXES = re.compile(r"\b(inc|ltd|llc|co|corp|corporation|company|limited|gmbh|plc|sa|ag|"
                      r"pte|pvt|kk)\b|有限公司|股份|集团|公司")


def name_key(name: str) -> str:
    """A legal name without case, punctuation and company-form words."""
    return re.sub(r"[\W_]+", "", SUFFIXES.sub(" ", name.lower()))


def website_host(url: str) -> str:
    host = urlsplit(url if "//" in url else f"//{url}").hostname or ""
    return host.removeprefix("www.")


def likely_duplicates(*, legal_name: str, name_zh: str, website: str,
                      emails: list[str]) -> list[dict]:
    """Enterprises that may be the applicant already: [{enterprise, name, reasons}]."""
    found: dict[int, dict] = {}

    def flag(enterprise, reason):
        entry = found.setdefault(enterprise.pk, {"enterprise": enterprise.pk,
                                                 "name": enterprise.legal_name, "reasons": []})
        if reason not in entry["reasons"]:
            entry["reasons"].append(reason)

    key = name_key(legal_name)
    names = Q(name_zh=name_zh) if name_zh else Q(pk__in=[])
    for enterprise in Enterprise.objects.filter(names | Q(legal_name__iexact=legal_name)):
        flag(enterprise, "legal name")
    if key:
        first = legal_name.strip()[:3]
        for enterprise in Enterprise.objects.filter(legal_name__istartswith=first):
            if name_key(enterprise.legal_name) == key:
                flag(enterprise, "legal name")
    host = website_host(website) if website else ""
    if host:
        for enterprise in Enterprise.objects.filter(website__icontains=host):
            if website_host(enterprise.website) == host:
                flag(enterprise, "website")
    _flag_emails(emails, flag)
    return sorted(found.values(), key=lambda entry: entry["name"])


def _flag_emails(emails: list[str], flag) -> None:
    addresses = Q(pk__in=[])
    users = Q(pk__in=[])
    for email in {e.lower() for e in emails if e}:
        addresses |= Q(delegates__email__iexact=email)
        users |= Q(users__email__iexact=email)
    for enterprise in Enterprise.objects.filter(addresses | users).distinct():
        flag(enterprise, "e-mail")
