"""What each side reports after a meeting, and the follow-up answers at 3 and 6 months."""

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Enterprise
from events.errors import DomainError
from events.models import IndustryField
from events.services import record_audit
from matchmaking.models import FollowUp, Meeting, MeetingOutcome, MeetingStatus, OutcomeResult


def outcome_refusal(meeting: Meeting, *, now: dt.datetime | None = None) -> DomainError | None:
    """Why no outcome can be reported on `meeting` now (None: it can). The portal asks this
    before it offers the form, and the service again before it writes."""
    if meeting.status != MeetingStatus.SCHEDULED:
        return DomainError(_("A cancelled meeting has no outcome."), code="cancelled")
    if meeting.slot.start > (now or timezone.now()):
        return DomainError(_("The outcome can be reported once the meeting has started."),
                           code="not_started")
    return None


def follow_up_stage(meeting: Meeting, now: dt.datetime) -> int:
    """An answer given 3 (6) months after the conference's last day is its follow-up."""
    conference = meeting.conference
    today = timezone.localdate(now, timezone=conference.zone)
    months = (today.year - conference.end_date.year) * 12 + today.month - conference.end_date.month
    if today.day < conference.end_date.day:
        months -= 1
    return FollowUp.SIX_MONTHS if months >= 6 else (
        FollowUp.THREE_MONTHS if months >= 3 else FollowUp.AT_MEETING)


@transaction.atomic
def record_meeting_outcome(
    *, meeting: Meeting, enterprise: Enterprise, result: str,
    intended_investment_usd: Decimal | int | None = None, field: IndustryField | None = None,
    follow_up_on: dt.date | None = None, notes: str = "", actor=None, replace: bool = True,
    now: dt.datetime | None = None,
) -> MeetingOutcome:
    """Record or update one side's outcome of a meeting that has started.

    Each side has one outcome per meeting, its latest answer: a later report replaces
    the earlier one (3 or 6 months after the conference it is that follow-up's answer),
    or is refused with `replace=False` (the API's create). Only "cooperation likely" and
    "agreement signed" carry a value. `now` is the clock (tests and the demo's history).
    """
    now = now or timezone.now()
    meeting = Meeting.objects.select_related("request", "slot", "conference").get(pk=meeting.pk)
    if enterprise.pk not in (meeting.request.sender_id, meeting.request.recipient_id):
        raise DomainError(_("Only the two companies of a meeting may report its outcome."),
                          code="forbidden")
    refusal = outcome_refusal(meeting, now=now)
    if refusal:
        raise refusal
    _validate(result, intended_investment_usd)
    if result not in (OutcomeResult.LIKELY, OutcomeResult.SIGNED):
        intended_investment_usd = None
    if not replace and MeetingOutcome.objects.filter(meeting=meeting,
                                                     enterprise=enterprise).exists():
        raise DomainError(_("Your enterprise has already reported on this meeting."),
                          code="duplicate_outcome")
    values = {"result": result, "intended_investment_usd": intended_investment_usd,
              "field": field, "follow_up_on": follow_up_on, "notes": notes.strip(),
              "stage": follow_up_stage(meeting, now)}
    outcome, created = MeetingOutcome.objects.update_or_create(
        meeting=meeting, enterprise=enterprise, defaults=values)
    record_audit(
        actor=actor, action="meeting_outcome.record" if created else "meeting_outcome.update",
        target=outcome,
        data={"result": result, "stage": values["stage"],
              "field": field.slug if field else None,
              "follow_up_on": follow_up_on.isoformat() if follow_up_on else None,
              "intended_investment_usd": None if intended_investment_usd is None
              else int(intended_investment_usd)},
    )
    return outcome


def _validate(result: str, value) -> None:
    if result not in OutcomeResult.values:
        raise DomainError(_("Unknown result %(result)r.") % {"result": result}, code="result")
    if value is not None and value < 0:
        raise DomainError(_("The intended investment cannot be negative."), code="negative")
