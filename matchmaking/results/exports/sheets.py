"""The exported sheets. A new sheet is one function: decorate it with @sheet and return
its header and rows (plain values); CSV, XLSX and the admin pick it up from SHEETS."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from accounts.eligibility import RULE_LABELS
from accounts.models import Registration
from events.models import Conference, IndustryField
from matchmaking.models import Meeting, MeetingOutcome
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


@sheet("registrations", _("Registrations"))
def registrations(conference: Conference):
    codes = list(RULE_LABELS)
    header = [_("Enterprise"), _("Chinese name"), _("Country"), _("Role"), _("Fields"),
              _("Status"), _("Passes the rules"),
              *[RULE_LABELS[code] for code in codes], _("Submitted"), _("Decided")]
    rows = (Registration.objects.filter(conference=conference)
            .select_related("enterprise").prefetch_related("enterprise__fields")
            .order_by("enterprise__legal_name"))

    def row(r):
        results = {result["code"]: result for result in r.rule_results}
        return [r.enterprise.legal_name, r.enterprise.name_zh, r.enterprise.country.code,
                r.enterprise.get_role_display(),
                ", ".join(f.slug for f in r.enterprise.fields.all()),
                r.get_status_display(), r.passes_rules,
                *[rule_cell(results.get(code)) for code in codes],
                local(r.submitted_at, conference), local(r.decided_at, conference)]
    return header, (row(r) for r in rows)


def rule_cell(result: dict | None) -> str:
    if result is None or not result.get("applies", True):
        return str(_("does not apply"))
    return str(_("passed")) if result["passed"] else str(_("failed"))


@sheet("meetings", _("Meetings"))
def meetings(conference: Conference):
    header = [_("Meeting"), _("Start"), _("End"), _("Table"), _("From"), _("To"),
              _("Purpose"), _("Status"), _("Source")]
    rows = (Meeting.objects.filter(conference=conference)
            .select_related("slot", "table", "request__sender", "request__recipient")
            .order_by("slot__start", "table__number", "pk"))
    return header, ([m.pk, local(m.slot.start, conference), local(m.slot.end, conference),
                     m.table.number if m.table else None, m.request.sender.legal_name,
                     m.request.recipient.legal_name, m.request.get_purpose_display(),
                     m.get_status_display(), m.get_source_display()] for m in rows)


@sheet("outcomes", _("Outcomes"), money=(5,))
def outcomes(conference: Conference):
    header = [_("Meeting"), _("Start"), _("Company"), _("Counterpart"), _("Result"),
              _("Intended value (USD)"), _("Field"), _("Follow-up date"), _("Answered"),
              _("Notes"), _("Reported")]
    rows = (MeetingOutcome.objects.filter(meeting__conference=conference)
            .select_related("meeting__slot", "meeting__request__sender",
                            "meeting__request__recipient", "enterprise", "field")
            .order_by("meeting__slot__start", "meeting_id", "enterprise__legal_name"))
    return header, ([o.meeting_id, local(o.meeting.slot.start, conference),
                     o.enterprise.legal_name,
                     o.meeting.request.counterpart_of(o.enterprise).legal_name,
                     o.get_result_display(), o.intended_investment_usd,
                     o.field.name if o.field else "", o.follow_up_on, o.get_stage_display(),
                     o.notes, local(o.reported_at, conference)] for o in rows)


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
