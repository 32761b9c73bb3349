"""What each side reports after a meeting."""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Enterprise
from events.errors import DomainError
from events.services import record_audit
from matchmaking.models import Meeting, MeetingOutcome, MeetingStatus, OutcomeInterest


@transaction.atomic
def record_meeting_outcome(
    *, meeting: Meeting, enterprise: Enterprise, held: bool, interest: str,
    intended_investment_usd: Decimal | None = None, notes: str = "", actor=None,
    replace: bool = True,
) -> MeetingOutcome:
    """Record or correct one side's outcome of a meeting that has started.

    Each side has one outcome per meeting: a later report replaces the earlier
    one, or is refused with `replace=False` (the API's create). A meeting that
    did not take place carries no investment.
    """
    meeting = Meeting.objects.select_related("request", "slot").get(pk=meeting.pk)
    if enterprise.pk not in (meeting.request.sender_id, meeting.request.recipient_id):
        raise DomainError(_("Only the two companies of a meeting may report its outcome."),
                          code="forbidden")
    if meeting.status != MeetingStatus.SCHEDULED:
        raise DomainError(_("A cancelled meeting has no outcome."), code="cancelled")
    if meeting.slot.start > timezone.now():
        raise DomainError(_("The outcome can be reported once the meeting has started."),
                          code="not_started")
    if interest not in OutcomeInterest.values:
        raise DomainError(_("Unknown result %(result)r.") % {"result": interest}, code="interest")
    if intended_investment_usd is not None and intended_investment_usd < 0:
        raise DomainError(_("The intended investment cannot be negative."), code="negative")
    if not held:
        interest, intended_investment_usd = OutcomeInterest.NONE, None
    if not replace and MeetingOutcome.objects.filter(meeting=meeting,
                                                     enterprise=enterprise).exists():
        raise DomainError(_("Your enterprise has already reported on this meeting."),
                          code="duplicate_outcome")
    outcome, created = MeetingOutcome.objects.update_or_create(
        meeting=meeting, enterprise=enterprise,
        defaults={"held": held, "interest": interest, "notes": notes.strip(),
                  "intended_investment_usd": intended_investment_usd},
    )
    record_audit(
        actor=actor, action="meeting_outcome.record" if created else "meeting_outcome.update",
        target=outcome,
        data={"held": held, "interest": interest,
              "intended_investment_usd": None if intended_investment_usd is None
              else int(intended_investment_usd)},
    )
    return outcome
