"""Reads of a conference's results: each meeting's value under the rule of investment.py,
and the totals by field and country. Plain value queries: the 700-company edition has
thousands of meetings, and the dashboard and the exports read them all."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from accounts.models import Enterprise
from events.models import Conference
from matchmaking.models import Meeting, MeetingOutcome, MeetingStatus
from matchmaking.results.investment import Answer, Confirmation, MeetingValue, reconcile
from matchmaking.results.models import InvestmentConfirmation


@dataclass(frozen=True)
class MeetingResult:
    meeting_id: int
    sender_id: int
    recipient_id: int
    country: str
    value: MeetingValue


@dataclass
class InvestmentSummary:
    total: int = 0
    signed_count: int = 0
    signed_value: int = 0
    counted_meetings: int = 0
    confirmed_meetings: int = 0
    disputed: list[MeetingResult] = field(default_factory=list)
    by_field: Counter = field(default_factory=Counter)
    by_country: Counter = field(default_factory=Counter)


def live_meetings(conference: Conference):
    """Meetings that were not cancelled: the ones that can have outcomes."""
    return Meeting.objects.filter(conference=conference).exclude(status=MeetingStatus.CANCELLED)


def answers_by_meeting(conference: Conference) -> dict[int, list[Answer]]:
    answers = defaultdict(list)
    rows = MeetingOutcome.objects.filter(meeting__conference=conference).values_list(
        "meeting_id", "result", "intended_investment_usd", "field_id")
    for meeting_id, result, value, field_id in rows:
        answers[meeting_id].append(Answer(result, int(value) if value is not None else None,
                                          field_id))
    return answers


def confirmations_by_meeting(conference: Conference) -> dict[int, Confirmation]:
    rows = InvestmentConfirmation.objects.filter(meeting__conference=conference).values_list(
        "meeting_id", "value_usd", "signed", "field_id")
    return {pk: Confirmation(int(value), signed, field_id)
            for pk, value, signed, field_id in rows}


def meeting_results(conference: Conference) -> list[MeetingResult]:
    """Every live meeting with its value; the country is the foreign side's (the buyer's
    when both or neither are foreign)."""
    meetings = list(live_meetings(conference).order_by("pk").values_list(
        "pk", "request__sender_id", "request__recipient_id"))
    answers = answers_by_meeting(conference)
    confirmations = confirmations_by_meeting(conference)
    ids = {pk for _m, s, r in meetings for pk in (s, r)}
    companies = {pk: (country, role) for pk, country, role in
                 Enterprise.objects.filter(pk__in=ids).values_list("pk", "country", "role")}
    host = conference.host_country.code
    return [
        MeetingResult(pk, sender, recipient,
                      meeting_country(companies[sender], companies[recipient], host),
                      reconcile(answers.get(pk, []), confirmations.get(pk)))
        for pk, sender, recipient in meetings
    ]


def meeting_country(sender: tuple[str, str], recipient: tuple[str, str], host: str) -> str:
    foreign = [country for country, _role in (sender, recipient) if country != host]
    if len(foreign) == 1:
        return foreign[0]
    buyers = [country for country, role in (sender, recipient) if role in ("buyer", "both")]
    return (buyers or [sender[0]])[0]


def investment_summary(conference: Conference,
                       results: list[MeetingResult] | None = None) -> InvestmentSummary:
    """The conference's intentional cooperation investment, computed (never typed)."""
    summary = InvestmentSummary()
    for row in meeting_results(conference) if results is None else results:
        value = row.value
        if value.status == "disputed":
            summary.disputed.append(row)
        if not value.counted:
            continue
        summary.total += value.value
        summary.counted_meetings += 1
        summary.confirmed_meetings += value.status == "confirmed"
        if value.signed:
            summary.signed_count += 1
            summary.signed_value += value.value
        summary.by_field[value.field_id] += value.value
        summary.by_country[row.country] += value.value
    return summary


def total_investment(conference: Conference) -> int:
    return investment_summary(conference).total
