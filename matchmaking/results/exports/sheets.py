"""The exported sheets. A new sheet is one function: decorate it with @sheet and return
its header and rows (plain values); CSV, XLSX and the admin pick it up from SHEETS."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from accounts.eligibility import RULE_LABELS
from accounts.models import EnterpriseRole, Registration, RegistrationStatus
from events.models import Conference, IndustryField
from matchmaking.exhibition.models import Exhibitor
from matchmaking.models import (
    FollowUp,
    Meeting,
    MeetingOutcome,
    MeetingSource,
    MeetingStatus,
    OutcomeResult,
    Purpose,
)
from matchmaking.onsite.models import Attendance, AttendanceStatus, CheckIn
from matchmaking.results.selectors import meeting_results


@dataclass(frozen=True)
class Sheet:
    key: str
    title: Promise
    build: Callable[[Conference], tuple[list, Iterable[list]]]
    # Columns holding USD amounts, formatted as money in XLSX.
    money: tuple[int, ...] = ()


SHEETS: dict[str, Sheet] = {}


def sheet(key: str, title: Promise, *, money: tuple[int, ...] = ()):
    def register(build):
        SHEETS[key] = Sheet(key, title, build, money)
        return build
    return register


def local(moment, conference: Conference):
    """A naive time in the conference's zone: what the organizers read, and what XLSX holds."""
    return timezone.localtime(moment, conference.zone).replace(tzinfo=None) if moment else None


def field_names() -> dict[int, str]:
    return dict(IndustryField.objects.values_list("pk", "name"))


def labels(choices) -> dict:
    """Each choice's label, translated once: get_FOO_display per cell costs seconds on
    thousands of rows."""
    return {value: str(label) for value, label in choices.choices}


@sheet("registrations", _("Registrations"))
def registrations(conference: Conference):
    codes = list(RULE_LABELS)
    header = [_("Enterprise"), _("Chinese name"), _("Country"), _("Role"), _("Fields"),
              _("Status"), _("Passes the rules"),
              *[RULE_LABELS[code] for code in codes], _("Submitted"), _("Decided")]
    rows = (Registration.objects.filter(conference=conference)
            .select_related("enterprise").prefetch_related("enterprise__fields")
            .order_by("enterprise__legal_name"))
    roles, statuses = labels(EnterpriseRole), labels(RegistrationStatus)
    words = {None: str(_("does not apply")), True: str(_("passed")), False: str(_("failed"))}

    def row(r):
        results = {result["code"]: result for result in r.rule_results}
        return [r.enterprise.legal_name, r.enterprise.name_zh, r.enterprise.country.code,
                roles.get(r.enterprise.role, r.enterprise.role),
                ", ".join(f.slug for f in r.enterprise.fields.all()),
                statuses[r.status], r.passes_rules,
                *[words[rule_passed(results.get(code))] for code in codes],
                local(r.submitted_at, conference), local(r.decided_at, conference)]
    return header, (row(r) for r in rows)


def rule_passed(result: dict | None) -> bool | None:
    """None when the rule does not apply to this enterprise."""
    if result is None or not result.get("applies", True):
        return None
    return bool(result["passed"])


@sheet("meetings", _("Meetings"))
def meetings(conference: Conference):
    header = [_("Meeting"), _("Start"), _("End"), _("Table"), _("From"), _("To"),
              _("Purpose"), _("Status"), _("Source")]
    # Plain values, not model instances: the 5th edition has thousands of meetings.
    rows = Meeting.objects.filter(conference=conference).order_by(
        "slot__start", "table__number", "pk").values_list(
        "pk", "slot__start", "slot__end", "table__number", "request__sender__legal_name",
        "request__recipient__legal_name", "request__purpose", "status", "source")
    purposes, statuses, sources = labels(Purpose), labels(MeetingStatus), labels(MeetingSource)
    return header, ([pk, local(start, conference), local(end, conference), table, sender,
                     recipient, purposes[purpose], statuses.get(status, status),
                     sources.get(source, source)]
                    for pk, start, end, table, sender, recipient, purpose, status, source
                    in rows)


@sheet("outcomes", _("Outcomes"), money=(5,))
def outcomes(conference: Conference):
    header = [_("Meeting"), _("Start"), _("Company"), _("Counterpart"), _("Result"),
              _("Intended value (USD)"), _("Field"), _("Follow-up date"), _("Answered"),
              _("Notes"), _("Reported")]
    rows = MeetingOutcome.objects.filter(meeting__conference=conference).order_by(
        "meeting__slot__start", "meeting_id", "enterprise__legal_name").values_list(
        "meeting_id", "meeting__slot__start", "enterprise_id", "meeting__request__sender_id",
        "meeting__request__recipient_id", "result", "intended_investment_usd", "field__name",
        "follow_up_on", "stage", "notes", "reported_at")
    names = dict(conference.registrations.values_list("enterprise_id", "enterprise__legal_name"))
    results, stages = labels(OutcomeResult), labels(FollowUp)

    def row(meeting, start, company, sender, recipient, result, value, field, follow_up,
            stage, notes, reported):
        counterpart = recipient if company == sender else sender
        return [meeting, local(start, conference), names.get(company, ""),
                names.get(counterpart, ""), results[result], value, field or "", follow_up,
                stages[stage], notes, local(reported, conference)]
    return header, (row(*values) for values in rows)


@sheet("investment", _("Investment per meeting"), money=(5, 8))
def investment(conference: Conference):
    """Each meeting's value under the rule of matchmaking/results/investment.py."""
    header = [_("Meeting"), _("From"), _("To"), _("Country"), _("Field"),
              _("Intended value (USD)"), _("Status"), _("Signed"), _("Claimed (USD)")]
    names = dict(conference.registrations.values_list("enterprise_id", "enterprise__legal_name"))
    fields = field_names()
    return header, ([r.meeting_id, names.get(r.sender_id, ""), names.get(r.recipient_id, ""),
                     r.country, fields.get(r.value.field_id, ""), r.value.value,
                     r.value.status, r.value.signed, r.value.claimed]
                    for r in meeting_results(conference) if r.value.status != "none")


@sheet("attendance", _("Attendance"))
def attendance(conference: Conference):
    header = [_("Meeting"), _("Start"), _("From"), _("To"), _("Attendance"), _("Absent"),
              _("Marked by"), _("Marked")]
    rows = Attendance.objects.filter(meeting__conference=conference).order_by(
        "meeting__slot__start", "meeting_id").values_list(
        "meeting_id", "meeting__slot__start", "meeting__request__sender__legal_name",
        "meeting__request__recipient__legal_name", "status", "absent__legal_name",
        "marked_by__email", "marked_at")
    statuses = labels(AttendanceStatus)
    return header, ([meeting, local(start, conference), sender, recipient, statuses[status],
                     absent or "", marked_by or "", local(marked, conference)]
                    for meeting, start, sender, recipient, status, absent, marked_by, marked
                    in rows)


@sheet("check_ins", _("Check-ins"))
def check_ins(conference: Conference):
    header = [_("Delegate"), _("Enterprise"), _("Country"), _("Checked in"), _("By")]
    rows = CheckIn.objects.filter(conference=conference).order_by("checked_in_at").values_list(
        "delegate__full_name", "delegate__enterprise__legal_name",
        "delegate__enterprise__country", "checked_in_at", "checked_in_by__email")
    return header, ([name, enterprise, country, local(at, conference), by or ""]
                    for name, enterprise, country, at, by in rows)


@sheet("exhibitors", _("Exhibitors"))
def exhibitors(conference: Conference):
    header = [_("Enterprise"), _("Chinese name"), _("Country"), _("Hall"), _("Booth"),
              _("Size (m²)")]
    rows = Exhibitor.objects.filter(registration__conference=conference).order_by(
        "booth__hall__position", "booth__number", "registration__enterprise__legal_name"
    ).values_list("registration__enterprise__legal_name", "registration__enterprise__name_zh",
                  "registration__enterprise__country", "booth__hall__name", "booth__number",
                  "booth__size_sqm")
    return header, ([name, name_zh, country, hall or "", number or "", size]
                    for name, name_zh, country, hall, number, size in rows)
