"""Writes of the outbox: queue an e-mail, resend one, retry a failed one."""

import datetime as dt
import hashlib
import uuid

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from events.errors import DomainError
from events.models import Conference
from events.services import record_audit
from matchmaking.outbox import catalogue, relay
from matchmaking.outbox.models import BulkMailing, EmailStatus, OutgoingEmail
from matchmaking.outbox.selectors import Recipient
from matchmaking.outbox.tasks import send_email

KEY_LENGTH = 255


def address_key(event: str, email: str) -> str:
    """The idempotency key of one event's e-mail to one address."""
    key = f"{event}:{email.lower()}"
    if len(key) <= KEY_LENGTH:
        return key
    return f"{event[:KEY_LENGTH - 42]}:{hashlib.sha256(key.encode()).hexdigest()[:40]}"


def queue_email(*, template: str, recipient: Recipient, context: dict, key: str,
                conference: Conference | None = None, not_before: dt.datetime | None = None,
                mailing: BulkMailing | None = None,
                resent_from: OutgoingEmail | None = None) -> OutgoingEmail:
    """Write an e-mail in the caller's transaction; it is handed to Celery after commit
    (or, with `not_before` in the future, by the sweeper when due). `context` holds ids and
    plain values, rendered in the recipient's language when sent. A key already used
    queues nothing and returns the first row, so callers may repeat themselves."""
    catalogue.get(template)  # an unknown template is a programming error: fail now
    existing = OutgoingEmail.objects.filter(idempotency_key=key).first()
    if existing:
        return existing
    now = timezone.now()
    try:
        with transaction.atomic():
            email = OutgoingEmail.objects.create(
                template=template, recipient=recipient.email, recipient_name=recipient.name,
                language=recipient.language, context=context, idempotency_key=key,
                conference=conference, next_attempt_at=not_before or now, mailing=mailing,
                resent_from=resent_from)
    except IntegrityError:
        # A concurrent writer queued the same key first.
        return OutgoingEmail.objects.get(idempotency_key=key)
    if email.next_attempt_at <= now:
        relay.relay_after_commit(send_email, email.pk)
    return email


@transaction.atomic
def resend_email(*, email: OutgoingEmail, actor) -> OutgoingEmail:
    """Send an e-mail again, whatever its state: a new row with a new key, linked to the
    original."""
    copy = queue_email(
        template=email.template, context=email.context, conference=email.conference,
        recipient=Recipient(email.recipient, email.recipient_name, email.language),
        key=f"resend:{email.pk}:{uuid.uuid4().hex}", mailing=email.mailing,
        resent_from=email)
    record_audit(actor=actor, action="email.resend", target=copy, data={"original": email.pk})
    return copy


@transaction.atomic
def retry_email(*, email: OutgoingEmail, actor) -> OutgoingEmail:
    """Try a failed e-mail again now, under its own key."""
    email = OutgoingEmail.objects.select_for_update().get(pk=email.pk)
    if email.status != EmailStatus.FAILED:
        raise DomainError(_("Only a failed e-mail can be retried (this one is %(status)s).")
                          % {"status": email.get_status_display().lower()}, code="not_failed")
    email.status, email.next_attempt_at = EmailStatus.PENDING, timezone.now()
    email.save(update_fields=["status", "next_attempt_at"])
    record_audit(actor=actor, action="email.retry", target=email,
                 data={"attempts": email.attempts, "last_error": email.last_error})
    relay.relay_after_commit(send_email, email.pk)
    return email
