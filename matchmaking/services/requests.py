"""The life of a meeting request: send, accept, decline, withdraw, expire."""

import datetime as dt
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Enterprise
from events.errors import DomainError
from events.models import Conference
from events.services import record_audit
from matchmaking import webhooks
from matchmaking.models import (
    Meeting,
    MeetingRequest,
    MeetingStatus,
    Purpose,
    Recommendation,
    RequestStatus,
)
from matchmaking.outbox import notices
from matchmaking.services import participation


def request_payload(request: MeetingRequest) -> dict:
    return {
        "id": request.pk, "conference": request.conference_id, "sender": request.sender_id,
        "recipient": request.recipient_id, "purpose": request.purpose, "status": request.status,
    }


def weight_for_score(score: float | None) -> Decimal:
    """The scheduler's weight of a meeting: 1 plus the pair's fit (score 0-100 -> 0-4)."""
    return Decimal(1) + Decimal(round((score or 0) / 25, 2))


def mutual_weight(conference: Conference, a: Enterprise, b: Enterprise) -> Decimal:
    score = (
        Recommendation.objects.filter(conference=conference, buyer__in=[a, b], supplier__in=[a, b])
        .values_list("score", flat=True)
        .first()
    )
    return weight_for_score(score)


@transaction.atomic
def send_meeting_request(
    *, conference: Conference, sender: Enterprise, recipient: Enterprise, purpose: str,
    message: str = "", actor=None, online: bool = False,
) -> MeetingRequest:
    """Ask for a meeting. Both sides must be approved, allowed to meet, and have no live
    request between them; the sender must be under its limit of open requests. `online`
    asks to meet online, where the conference allows it."""
    participation.require_matchmaking_open(conference)
    participation.approved_registration(conference=conference, enterprise=sender)
    participation.approved_registration(conference=conference, enterprise=recipient)
    participation.require_may_meet(conference, sender, recipient)
    if purpose not in Purpose.values:
        raise DomainError(_("Unknown purpose %(purpose)r.") % {"purpose": purpose}, code="purpose")
    if online and not conference.online_meetings:
        raise DomainError(_("This conference holds no online meetings."), code="online")
    _require_under_open_limit(conference, sender)
    low, high = sorted([sender.pk, recipient.pk])
    if MeetingRequest.objects.live().filter(conference=conference, pair_low=low,
                                            pair_high=high).exists():
        raise _duplicate(sender, recipient)
    try:
        with transaction.atomic():
            request = MeetingRequest.objects.create(
                conference=conference, sender=sender, recipient=recipient, pair_low=low,
                pair_high=high, purpose=purpose, message=message, created_by=actor,
                online=online, weight=mutual_weight(conference, sender, recipient),
                expires_at=timezone.now() + dt.timedelta(hours=conference.request_ttl_hours),
            )
    except IntegrityError as error:
        # Another request for the same pair won the race.
        raise _duplicate(sender, recipient) from error
    record_audit(actor=actor, action="meeting_request.send", target=request)
    webhooks.emit(conference=conference, event_type="meeting_request.created",
                  payload=request_payload(request))
    notices.queue_request_received(request=request)
    return request


def _require_under_open_limit(conference: Conference, sender: Enterprise) -> None:
    open_count = MeetingRequest.objects.filter(
        conference=conference, sender=sender, status=RequestStatus.PENDING,
        expires_at__gt=timezone.now(),
    ).count()
    if open_count >= conference.max_open_requests:
        raise DomainError(
            _("You have %(count)s unanswered requests, the most allowed; wait for answers or "
              "withdraw one.") % {"count": open_count},
            code="open_request_limit",
        )


def _duplicate(sender, recipient) -> DomainError:
    return DomainError(
        _("There is already a request between %(a)s and %(b)s.") % {"a": sender, "b": recipient},
        code="duplicate_request",
    )


def _locked_request(request: MeetingRequest) -> MeetingRequest:
    return MeetingRequest.objects.select_for_update(of=("self",)).select_related(
        "conference", "sender", "recipient").get(pk=request.pk)


def _require_party(request: MeetingRequest, enterprise: Enterprise, side: str) -> None:
    expected = request.recipient_id if side == "recipient" else request.sender_id
    if enterprise.pk != expected:
        raise DomainError(_("Only the %(side)s of this request may do that.") % {
            "side": _("recipient") if side == "recipient" else _("sender")}, code="forbidden")


def _require_pending(request: MeetingRequest) -> None:
    # A request past its time is expired even before the periodic job marks it.
    if request.status == RequestStatus.PENDING and request.expires_at <= timezone.now():
        request.status = RequestStatus.EXPIRED
    if request.status != RequestStatus.PENDING:
        raise DomainError(
            _("This request is %(status)s and can no longer be answered.")
            % {"status": request.get_status_display().lower()},
            code="not_pending",
        )


@transaction.atomic
def accept_meeting_request(*, request: MeetingRequest, enterprise: Enterprise,
                           actor=None) -> MeetingRequest:
    request = _locked_request(request)
    _require_party(request, enterprise, "recipient")
    _require_pending(request)
    participation.approved_registration(conference=request.conference, enterprise=enterprise)
    return _answer(request, RequestStatus.ACCEPTED, actor=actor)


@transaction.atomic
def decline_meeting_request(*, request: MeetingRequest, enterprise: Enterprise, reason: str = "",
                            actor=None) -> MeetingRequest:
    request = _locked_request(request)
    _require_party(request, enterprise, "recipient")
    _require_pending(request)
    participation.approved_registration(conference=request.conference, enterprise=enterprise)
    request.decline_reason = reason.strip()
    return _answer(request, RequestStatus.DECLINED, actor=actor)


def _answer(request: MeetingRequest, status: str, *, actor) -> MeetingRequest:
    request.status = status
    request.answered_at = timezone.now()
    request.save()
    record_audit(actor=actor, action=f"meeting_request.{status}", target=request,
                 reason=request.decline_reason)
    webhooks.emit(conference=request.conference, event_type="meeting_request.answered",
                  payload=request_payload(request))
    notices.queue_request_answered(request=request)
    return request


@transaction.atomic
def withdraw_meeting_request(*, request: MeetingRequest, enterprise: Enterprise,
                             actor=None) -> MeetingRequest:
    """The sender takes a pending or accepted request back; a booked meeting is cancelled."""
    request = _locked_request(request)
    _require_party(request, enterprise, "sender")
    if request.status not in (RequestStatus.PENDING, RequestStatus.ACCEPTED):
        raise DomainError(_("Only a pending or accepted request can be withdrawn."),
                          code="not_live")
    from matchmaking.services.booking import cancel_meeting

    for meeting in Meeting.objects.filter(request=request, status=MeetingStatus.SCHEDULED):
        cancel_meeting(meeting=meeting, enterprise=enterprise, actor=actor,
                       reason=_("The request was withdrawn."))
    request.status = RequestStatus.WITHDRAWN
    request.save(update_fields=["status", "updated_at"])
    record_audit(actor=actor, action="meeting_request.withdrawn", target=request)
    notices.queue_request_withdrawn(request=request)
    return request


@transaction.atomic
def expire_meeting_requests(*, now=None) -> int:
    """Mark pending requests past their time as expired; run periodically."""
    now = now or timezone.now()
    return MeetingRequest.objects.filter(
        status=RequestStatus.PENDING, expires_at__lte=now
    ).update(status=RequestStatus.EXPIRED, updated_at=now)


@transaction.atomic
def arrange_meeting_request(*, conference: Conference, first: Enterprise, second: Enterprise,
                            purpose: str, actor=None) -> MeetingRequest:
    """A request the organizers set up for two companies that agreed to meet on the spot
    (a walk-in): the pair's accepted request when it has no live meeting yet, its pending
    one accepted, or a new one born accepted. Both must be approved participants."""
    if first.pk == second.pk:
        raise DomainError(_("Choose two different companies."), code="invalid")
    participation.approved_registration(conference=conference, enterprise=first)
    participation.approved_registration(conference=conference, enterprise=second)
    low, high = sorted([first.pk, second.pk])
    live = MeetingRequest.objects.live().select_for_update().filter(
        conference=conference, pair_low=low, pair_high=high).first()
    if live is not None and live.meetings.filter(status="scheduled").exists():
        raise DomainError(_("%(first)s and %(second)s already have a meeting; move it "
                            "instead.") % {"first": first, "second": second}, code="booked")
    if live is not None and live.status == RequestStatus.ACCEPTED:
        return live
    if live is not None:
        return _answer(live, RequestStatus.ACCEPTED, actor=actor)
    if purpose not in Purpose.values:
        raise DomainError(_("Unknown purpose %(purpose)r.") % {"purpose": purpose}, code="purpose")
    now = timezone.now()
    try:
        with transaction.atomic():
            request = MeetingRequest.objects.create(
                conference=conference, sender=first, recipient=second, pair_low=low,
                pair_high=high, purpose=purpose, created_by=actor, answered_at=now,
                status=RequestStatus.ACCEPTED, expires_at=now,
                weight=mutual_weight(conference, first, second))
    except IntegrityError as error:
        raise _duplicate(first, second) from error
    record_audit(actor=actor, action="meeting_request.arrange", target=request)
    webhooks.emit(conference=conference, event_type="meeting_request.created",
                  payload=request_payload(request))
    return request
