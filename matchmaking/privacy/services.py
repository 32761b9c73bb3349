"""Writes on personal data: consent, erasure requests, anonymisation, retention.

Anonymising replaces names, e-mail addresses, phones and free text with placeholders
and keeps every row and figure (roles, countries, fields, contract values, meetings,
outcomes and their investment), so the conference's results still add up.
"""

import datetime as dt

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Delegate, Enterprise, RegistrationStatus, User
from events.errors import DomainError
from events.models import AuditEntry, Conference, ConferenceStatus
from events.services import record_audit
from matchmaking.messaging.models import Message
from matchmaking.models import Meeting, MeetingOutcome, MeetingRequest
from matchmaking.outbox.models import OutgoingEmail
from matchmaking.privacy.models import Consent, ErasureRequest, ErasureStatus

REMOVED = "[removed]"
# Registrations that no longer take part: their enterprise may be anonymised.
ENDED = [RegistrationStatus.WITHDRAWN, RegistrationStatus.REJECTED]


def current_version() -> str:
    return settings.PRIVACY_NOTICE_VERSION


@transaction.atomic
def record_consent(*, user: User, version: str) -> Consent:
    """The user accepted this version of the notice (again: nothing changes)."""
    consent, created = Consent.objects.get_or_create(user=user, version=version)
    if created:
        record_audit(actor=user, action="privacy.consent", target=consent,
                     data={"version": version})
    return consent


@transaction.atomic
def request_erasure(*, user: User, reason: str = "") -> ErasureRequest:
    """A company user asks for erasure; one open request per user."""
    if len(reason) > 2000:
        raise DomainError(_("At most 2,000 characters."), fields={"reason": [
            _("At most 2,000 characters.")]})
    open_one = ErasureRequest.objects.filter(user=user, status=ErasureStatus.OPEN).first()
    if open_one:
        return open_one
    made = ErasureRequest.objects.create(user=user, enterprise_id=user.enterprise_id,
                                         reason=reason.strip())
    record_audit(actor=user, action="privacy.erasure_request", target=made)
    return made


def _scrub_outbox(addresses) -> int:
    """E-mails stay counted; whom they went to does not."""
    query = Q()
    for address in addresses:
        query |= Q(recipient__iexact=address)
    if not query:
        return 0
    return OutgoingEmail.objects.filter(query).update(recipient="anonymised@invalid.example",
                                                     recipient_name="")


def _scrub_audit(target) -> None:
    """Earlier audit entries on the person or enterprise listed old and new values (names,
    addresses); who did what and when stays, the values go."""
    AuditEntry.objects.filter(content_type=ContentType.objects.get_for_model(target),
                              object_id=str(target.pk)).update(data={"anonymised": True})


def _delegate_fields(delegate: Delegate) -> None:
    delegate.full_name = _placeholder("Delegate", delegate.pk)
    delegate.title, delegate.phone = "", ""
    delegate.email = f"delegate-{delegate.pk}@invalid.example"
    delegate.save()


def _placeholder(kind: str, pk: int) -> str:
    # Not translated on purpose: stored once, read in every language.
    return f"Anonymised {kind.lower()} {pk}"


@transaction.atomic
def anonymise_delegate(*, delegate: Delegate, actor) -> Delegate:
    old = delegate.email
    _delegate_fields(delegate)
    _scrub_outbox([old])
    _scrub_audit(delegate)
    record_audit(actor=actor, action="privacy.anonymise_delegate", target=delegate)
    return delegate


@transaction.atomic
def anonymise_user(*, user: User, actor) -> User:
    """The user can no longer sign in; their name and address are gone; open erasure
    requests are done."""
    if user.is_staff:
        raise DomainError(_("Staff accounts are not anonymised here."), code="staff")
    old = user.email
    user.email = f"user-{user.pk}@invalid.example"
    user.full_name, user.is_active = "", False
    user.set_unusable_password()
    user.save()
    user.api_keys.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
    _scrub_outbox([old])
    ErasureRequest.objects.filter(user=user, status=ErasureStatus.OPEN).update(
        status=ErasureStatus.DONE, done_at=timezone.now())
    ErasureRequest.objects.filter(user=user).update(reason="")
    _scrub_audit(user)
    record_audit(actor=actor, action="privacy.anonymise_user", target=user)
    return user


def may_anonymise(enterprise: Enterprise) -> bool:
    """It takes part in no conference that is still running: every registration of a
    conference that is not closed was withdrawn or rejected."""
    running = enterprise.registrations.exclude(conference__status=ConferenceStatus.CLOSED)
    return not running.exclude(status__in=ENDED).exists()


@transaction.atomic
def anonymise_enterprise(*, enterprise: Enterprise, actor, reason: str = "") -> Enterprise:
    """Names, addresses, phones and free text of the enterprise, its delegates, its users
    and what it wrote are replaced; meetings, outcomes and figures are kept."""
    enterprise = Enterprise.objects.select_for_update().get(pk=enterprise.pk)
    if not may_anonymise(enterprise):
        raise DomainError(_("%(name)s still takes part in a conference; withdraw its "
                            "registration first.") % {"name": enterprise}, code="taking_part")
    addresses = list(enterprise.delegates.values_list("email", flat=True))
    for delegate in enterprise.delegates.all():
        _delegate_fields(delegate)
        _scrub_audit(delegate)
    for user in enterprise.users.all():
        addresses.append(user.email)
        anonymise_user(user=user, actor=actor)
    _scrub_outbox(addresses)
    _scrub_enterprise(enterprise)
    _scrub_activity(enterprise)
    _scrub_audit(enterprise)
    record_audit(actor=actor, action="privacy.anonymise_enterprise", target=enterprise,
                 reason=reason)
    return enterprise


def _scrub_enterprise(enterprise: Enterprise) -> None:
    enterprise.legal_name = _placeholder("Enterprise", enterprise.pk)
    enterprise.slug = f"anonymised-{enterprise.pk}"
    for name in ("name_zh", "province", "city", "description", "offers", "needs", "website"):
        setattr(enterprise, name, "")
    enterprise.save()
    for registration in enterprise.registrations.all():
        for evidence in registration.evidence.all():
            evidence.file.delete(save=False)
            evidence.delete()
        # A rejection must keep a reason (constraint); its words go.
        registration.decision_reason = REMOVED if registration.decision_reason else ""
        registration.override_reason = REMOVED if registration.override_reason else ""
        registration.notes = ""
        registration.save(update_fields=["decision_reason", "override_reason", "notes"])


def _scrub_activity(enterprise: Enterprise) -> None:
    MeetingRequest.objects.filter(sender=enterprise).exclude(message="").update(message="")
    MeetingRequest.objects.filter(recipient=enterprise).exclude(decline_reason="").update(
        decline_reason="")
    Meeting.objects.filter(Q(request__sender=enterprise) | Q(request__recipient=enterprise)
                           ).exclude(cancelled_reason="").update(cancelled_reason="")
    MeetingOutcome.objects.filter(enterprise=enterprise).update(notes="")
    Message.objects.filter(sender=enterprise).update(body=REMOVED)


def took_no_part(conference: Conference):
    """Enterprises registered for the conference that never had a meeting (here or at
    another conference, whose records may still need them)."""
    met = Meeting.objects.values_list("request__sender", "request__recipient").distinct()
    ids = {pk for pair in met for pk in pair}
    return Enterprise.objects.filter(registrations__conference=conference).exclude(
        pk__in=ids).exclude(slug__startswith="anonymised-").distinct()


def retention_due(conference: Conference, now: dt.datetime) -> bool:
    if conference.status != ConferenceStatus.CLOSED or conference.retention_days is None:
        return False
    today = timezone.localdate(now, conference.zone)
    return conference.end_date + dt.timedelta(days=conference.retention_days) < today


def apply_retention(*, conference: Conference, now: dt.datetime) -> list[int]:
    """Anonymise the companies of a closed conference past its retention period that took
    no part in it (and take part in no running conference); each in its own transaction,
    with its own audit entry. Returns their ids."""
    if not retention_due(conference, now):
        return []
    done = []
    for enterprise in took_no_part(conference):
        if may_anonymise(enterprise):
            anonymise_enterprise(enterprise=enterprise, actor=None,
                                 reason=f"retention of {conference.slug} ended")
            done.append(enterprise.pk)
    return done
