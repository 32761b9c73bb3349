"""Organizers confirm or correct one meeting's intended investment."""

from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from events.errors import DomainError
from events.models import IndustryField
from events.services import record_audit
from matchmaking.models import Meeting, MeetingOutcome, MeetingStatus
from matchmaking.results.investment import Answer, Confirmation, reconcile
from matchmaking.results.models import InvestmentConfirmation


def meeting_value(meeting: Meeting):
    """The meeting's value under the rule, as it stands now."""
    answers = [Answer(o.result, int(o.intended_investment_usd)
                      if o.intended_investment_usd is not None else None, o.field_id)
               for o in MeetingOutcome.objects.filter(meeting=meeting)]
    row = InvestmentConfirmation.objects.filter(meeting=meeting).first()
    confirmation = row and Confirmation(int(row.value_usd), row.signed, row.field_id)
    return reconcile(answers, confirmation)


@transaction.atomic
def confirm_investment(*, meeting: Meeting, value_usd: Decimal | int, signed: bool = False,
                       field: IndustryField | None = None, reason: str,
                       actor) -> InvestmentConfirmation:
    """Set the organizers' value for one meeting, which then overrides both sides' answers
    (a disagreement settled, or a wrong value corrected). The audit entry keeps the value
    before and after, and why."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status == MeetingStatus.CANCELLED:
        raise DomainError(_("A cancelled meeting has no outcome."), code="cancelled")
    if value_usd is None or value_usd < 0:
        raise DomainError(_("The intended investment cannot be negative."), code="negative")
    if not reason.strip():
        raise DomainError(_("Say why you confirm or correct this value."), code="reason")
    before = meeting_value(meeting)
    confirmation, _created = InvestmentConfirmation.objects.update_or_create(
        meeting=meeting, defaults={"value_usd": value_usd, "signed": signed, "field": field,
                                   "reason": reason.strip(), "confirmed_by": actor})
    record_audit(actor=actor, action="investment.confirm", target=meeting, reason=reason.strip(),
                 data={"before": {"value_usd": before.value, "status": before.status,
                                  "signed": before.signed, "claimed": before.claimed},
                       "after": {"value_usd": int(value_usd), "signed": signed,
                                 "field": field.slug if field else None}})
    return confirmation
