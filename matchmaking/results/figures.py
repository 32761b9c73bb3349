"""The numbers of one edition that the dashboard compares with the previous edition."""

from collections import Counter
from dataclasses import dataclass

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from accounts.models import Registration
from events.models import Conference
from matchmaking.display.formatting import number as grouped
from matchmaking.models import MeetingRequest, RequestStatus
from matchmaking.results.selectors import InvestmentSummary, live_meetings

# (key, label, is money), in the order the dashboard shows them.
HEADLINES = [
    ("registrations", _("Registrations"), False),
    ("enterprises", _("Approved enterprises"), False),
    ("foreign_enterprises", _("Foreign enterprises"), False),
    ("countries", _("Countries and regions"), False),
    ("requests_sent", _("Meeting requests sent"), False),
    ("requests_accepted", _("Requests accepted"), False),
    ("requests_declined", _("Requests declined"), False),
    ("requests_expired", _("Requests expired"), False),
    ("meetings", _("Meetings scheduled"), False),
    ("investment", _("Intended investment (USD)"), True),
    ("signed_count", _("Signed agreements"), False),
    ("signed_value", _("Signed agreements (USD)"), True),
]


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    value: int
    previous: int | None
    money: bool = False

    @property
    def growth(self) -> int | None:
        if not self.previous:
            return None
        return round((self.value - self.previous) * 100 / self.previous)

    @property
    def growth_display(self) -> str:
        """As the articles say it: "+30 %"."""
        growth = self.growth
        if growth is None:
            return ""
        return f"{'+' if growth > 0 else ''}{grouped(growth)} %"


def previous_edition(conference: Conference) -> Conference | None:
    return (Conference.objects.filter(edition__lt=conference.edition)
            .order_by("-edition").first())


def edition_numbers(conference: Conference, investment: InvestmentSummary) -> dict[str, int]:
    registrations = Registration.objects.filter(conference=conference)
    approved = registrations.approved()
    host = conference.host_country.code
    requests = Counter(dict(MeetingRequest.objects.filter(conference=conference)
                            .values_list("status").annotate(n=Count("id")).order_by()))
    return {
        "registrations": registrations.count(),
        "enterprises": approved.count(),
        "foreign_enterprises": approved.exclude(enterprise__country=host).count(),
        "countries": approved.values("enterprise__country").distinct().count(),
        "requests_sent": sum(requests.values()),
        "requests_accepted": requests[RequestStatus.ACCEPTED],
        "requests_declined": requests[RequestStatus.DECLINED],
        "requests_expired": requests[RequestStatus.EXPIRED],
        "meetings": live_meetings(conference).count(),
        "investment": investment.total,
        "signed_count": investment.signed_count,
        "signed_value": investment.signed_value,
    }


def headline_figures(current: dict[str, int], previous: dict[str, int] | None) -> list[Figure]:
    return [Figure(key, str(label), current[key], previous[key] if previous else None, money)
            for key, label, money in HEADLINES]
