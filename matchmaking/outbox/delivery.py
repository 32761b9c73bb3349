"""Sending one outbox row: claim it, render it, hand it to the mail backend, record.

The claim is a conditional UPDATE (pending and due -> sending): of two tasks running for
the same row at once, exactly one wins, on SQLite and PostgreSQL alike, and no
transaction is held open while the mail server talks. A worker that dies mid-send leaves
the row "sending"; after LEASE the sweeper makes it pending again (the one case where a
message could go twice: the server accepted it and the worker died before recording it;
the Message-ID derived from the key lets mail systems drop that copy).
"""

import datetime as dt
import hashlib
import logging
import smtplib

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db.models import F
from django.utils import timezone

from matchmaking.outbox import relay
from matchmaking.outbox.models import EmailStatus, OutgoingEmail
from matchmaking.outbox.render import render_email

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8  # the first try and 7 retries, over about two hours
# 1, 2, 4, 8, 16 min, then 30 min: below the broker's visibility timeout.
BASE_DELAY, MAX_DELAY = 60, 1800
LEASE = dt.timedelta(minutes=10)  # longer than any SMTP conversation (EMAIL_TIMEOUT)
# A task may arrive a little before the time its row was given (clocks, countdowns).
EARLY = dt.timedelta(seconds=5)
# The hand-over after commit gets this long before the sweeper hands a row over again.
GRACE = dt.timedelta(minutes=1)
SWEEP_BATCH = 500


def is_transient(error: Exception) -> bool:
    """Worth another try: the network, the server's 4xx answers, and credentials (which an
    operator fixes). A 5xx answer is the server's final word."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(400 <= code < 500 for code, _text in error.recipients.values())
    if isinstance(error, smtplib.SMTPAuthenticationError):
        return True
    if isinstance(error, smtplib.SMTPResponseException):
        return 400 <= error.smtp_code < 500
    if isinstance(error, smtplib.SMTPException):
        return isinstance(error, smtplib.SMTPServerDisconnected)
    return isinstance(error, OSError)  # refused, reset, timed out, unresolvable


def claim(email_id: int, now: dt.datetime) -> OutgoingEmail | None:
    won = OutgoingEmail.objects.filter(
        pk=email_id, status=EmailStatus.PENDING, next_attempt_at__lte=now + EARLY,
    ).update(status=EmailStatus.SENDING, claimed_at=now, attempts=F("attempts") + 1)
    if not won:
        return None
    return OutgoingEmail.objects.select_related("conference", "mailing").get(pk=email_id)


def message_id(key: str) -> str:
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2].strip(">") or "localhost"
    return f"<{hashlib.sha256(key.encode()).hexdigest()[:40]}@{domain}>"


def build_message(email: OutgoingEmail) -> EmailMultiAlternatives:
    rendered = render_email(email)
    message = EmailMultiAlternatives(
        rendered.subject, rendered.text, settings.DEFAULT_FROM_EMAIL, [email.recipient],
        headers={"Message-ID": message_id(email.idempotency_key)})
    message.attach_alternative(rendered.html, "text/html")
    for name, content, mimetype in rendered.attachments:
        message.attach(name, content, mimetype)
    return message


def deliver(email_id: int) -> int | None:
    """One attempt at a row; the countdown to the next attempt when it should be retried."""
    email = claim(email_id, timezone.now())
    if email is None:
        logger.info("e-mail %s: not pending or not due, nothing to do", email_id)
        return None
    try:
        build_message(email).send()
    except Exception as error:
        return _failed(email, error)
    _finish(email, status=EmailStatus.SENT, sent_at=timezone.now(), last_error="",
            next_attempt_at=None)
    logger.info("e-mail %s (%s) sent to %s", email.pk, email.template, email.recipient)
    return None


def _failed(email: OutgoingEmail, error: Exception) -> int | None:
    text = f"{type(error).__name__}: {error}"[:2000]
    if is_transient(error) and email.attempts < MAX_ATTEMPTS:
        countdown = relay.backoff(email.attempts, base=BASE_DELAY, cap=MAX_DELAY)
        _finish(email, status=EmailStatus.PENDING, last_error=text,
                next_attempt_at=timezone.now() + dt.timedelta(seconds=countdown))
        logger.warning("e-mail %s attempt %s failed, retry in %ss: %s", email.pk,
                       email.attempts, countdown, text)
        return countdown
    _finish(email, status=EmailStatus.FAILED, last_error=text, next_attempt_at=None)
    logger.error("e-mail %s failed for good after %s attempts: %s", email.pk, email.attempts,
                 text, exc_info=not is_transient(error))
    return None


def _finish(email: OutgoingEmail, **fields) -> None:
    OutgoingEmail.objects.filter(pk=email.pk, status=EmailStatus.SENDING).update(
        claimed_at=None, **fields)


def release_stale(now: dt.datetime) -> int:
    """Rows whose sender died mid-send become pending again, due for the sweep at once."""
    return OutgoingEmail.objects.filter(
        status=EmailStatus.SENDING, claimed_at__lt=now - LEASE,
    ).update(status=EmailStatus.PENDING, claimed_at=None, next_attempt_at=now - GRACE,
             last_error="The sending worker stopped before it finished.")



def due_ids(now: dt.datetime) -> list[int]:
    """What the sweeper hands over: single e-mails due for GRACE, and bulk mail due now,
    at most OUTBOX_RATE_PER_MINUTE of it (the sweeper runs every minute), so a backlog
    after an outage still leaves at the configured rate."""
    due = OutgoingEmail.objects.order_by("next_attempt_at").values_list("pk", flat=True)
    single = due.due(now - GRACE).filter(mailing__isnull=True)[:SWEEP_BATCH]
    bulk = due.due(now).filter(mailing__isnull=False)[:settings.OUTBOX_RATE_PER_MINUTE]
    return [*single, *bulk]
