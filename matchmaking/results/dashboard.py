"""Everything the organizers' dashboard shows for one conference, read once per request.

The on-site figures (check-ins, meetings held and no-shows, exhibitors) come from the
on-site and exhibition apps' selectors."""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django_countries import countries

from accounts.models import Registration, RegistrationStatus
from events.models import Conference, IndustryField
from matchmaking.exhibition.selectors import exhibitor_count, foreign_exhibitor_count
from matchmaking.models import MeetingRequest, RequestStatus
from matchmaking.onsite.selectors import attendance_count, check_in_count
from matchmaking.results import figures
from matchmaking.results.charts import Chart, bar_chart
from matchmaking.results.selectors import InvestmentSummary, investment_summary, meeting_results


@dataclass
class Dashboard:
    conference: Conference
    previous: Conference | None
    investment: InvestmentSummary
    headlines: list[figures.Figure]
    charts: list[Chart] = field(default_factory=list)
    meetings_per_company: dict = field(default_factory=dict)
    onsite: list[figures.Figure] = field(default_factory=list)
    # The disputed meetings with the two companies' names, for the organizers to settle.
    disputed: list[tuple] = field(default_factory=list)


def build_dashboard(conference: Conference) -> Dashboard:
    results = meeting_results(conference)
    investment = investment_summary(conference, results)
    previous = figures.previous_edition(conference)
    before = (figures.edition_numbers(previous, investment_summary(previous))
              if previous else None)
    board = Dashboard(conference, previous, investment, figures.headline_figures(
        figures.edition_numbers(conference, investment), before))
    per_company = meetings_per_company(conference, results)
    board.meetings_per_company = per_company
    board.charts = [
        *registration_charts(conference),
        request_chart(conference),
        bar_chart(_("Companies by number of meetings"), [
            (ngettext("%(count)s meeting", "%(count)s meetings", k) % {"count": k}, n)
            for k, n in per_company["histogram"]], limit=40, ordered=True),
        bar_chart(_("Intended investment by field"), field_items(investment.by_field),
                  money=True, other_label=_("Other")),
        bar_chart(_("Intended investment by country"), country_items(investment.by_country),
                  money=True, other_label=_("Other")),
    ]
    board.onsite = onsite_figures(conference, previous)
    names = dict(conference.registrations.values_list("enterprise_id", "enterprise__legal_name"))
    board.disputed = [(row, f"{names.get(row.sender_id, '')} – {names.get(row.recipient_id, '')}")
                      for row in investment.disputed]
    return board


def onsite_figures(conference: Conference, previous: Conference | None) -> list[figures.Figure]:
    """Check-ins, meetings held and no-shows, exhibitors and foreign exhibitors, each against
    the previous edition (the articles' "more than 50 foreign exhibitors, up 70 percent")."""
    now, before = onsite_numbers(conference), onsite_numbers(previous) if previous else {}
    labels = {
        "check_ins": _("Delegates checked in"),
        "held": _("Meetings held"),
        "no_show": _("No-shows"),
        "exhibitors": _("Exhibitors"),
        "foreign_exhibitors": _("Foreign exhibitors"),
    }
    return [figures.Figure(key, label, now[key], before.get(key))
            for key, label in labels.items()]


def onsite_numbers(conference: Conference) -> dict[str, int]:
    attendance = attendance_count(conference=conference)
    return {
        "check_ins": check_in_count(conference=conference)["delegates"],
        "held": attendance["held"],
        "no_show": attendance["no_show"],
        "exhibitors": exhibitor_count(conference=conference),
        "foreign_exhibitors": foreign_exhibitor_count(conference=conference),
    }


def field_name(row: IndustryField) -> str:
    return row.name_zh if get_language().startswith("zh") and row.name_zh else row.name


def field_items(by_field: Counter) -> list[tuple[str, int]]:
    names = {row.pk: field_name(row) for row in IndustryField.objects.all()}
    return [(names.get(pk, _("Not given")), value) for pk, value in by_field.items()
            if value]


def country_items(by_country: Counter) -> list[tuple[str, int]]:
    return [(str(countries.name(code) or code), value)
            for code, value in by_country.items() if value]


def registration_charts(conference: Conference) -> list[Chart]:
    registrations = Registration.objects.filter(conference=conference).order_by()
    statuses = dict(registrations.values_list("status").annotate(n=Count("id")))
    by_country = registrations.values_list("enterprise__country").annotate(n=Count("id"))
    by_field = dict(registrations.exclude(enterprise__fields=None).values_list(
        "enterprise__fields").annotate(n=Count("id")))
    names = {row.pk: field_name(row) for row in IndustryField.objects.all()}
    return [
        bar_chart(_("Registrations by status"), [
            (str(label), statuses.get(value, 0)) for value, label in RegistrationStatus.choices
            if statuses.get(value)]),
        bar_chart(_("Registrations by country"), [
            (str(countries.name(code) or code), n) for code, n in by_country],
            other_label=_("Other")),
        bar_chart(_("Registrations by field"), [
            (names[pk], n) for pk, n in by_field.items()], other_label=_("Other")),
    ]


def request_chart(conference: Conference) -> Chart:
    counts = dict(MeetingRequest.objects.filter(conference=conference).order_by()
                  .values_list("status").annotate(n=Count("id")))
    return bar_chart(_("Meeting requests by status"), [
        (str(label), counts.get(value, 0)) for value, label in RequestStatus.choices
        if counts.get(value)])


def meetings_per_company(conference: Conference, results) -> dict:
    """How many companies have 0, 1, 2, ... live meetings, with the mean and the most."""
    counts = Counter()
    for row in results:
        counts[row.sender_id] += 1
        counts[row.recipient_id] += 1
    companies = set(Registration.objects.approved().filter(conference=conference)
                    .values_list("enterprise_id", flat=True)) | set(counts)
    histogram = Counter(counts.get(pk, 0) for pk in companies)
    return {"companies": len(companies),
            "mean": round(sum(counts.values()) / len(companies), 1) if companies else 0,
            "most": max(counts.values(), default=0),
            "histogram": sorted(histogram.items())}
