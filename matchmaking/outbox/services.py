"""Writes of the outbox: queue an e-mail, resend one, retry a failed one; organizers'
wording per conference; bulk mail."""

import datetime as dt
import hashlib
import uuid

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from events.errors import DomainError
from events.models import Conference
from events.services import record_audit
from matchmaking.outbox import catalogue, relay
from matchmaking.outbox.models import BulkMailing, EmailStatus, OutgoingEmail, TemplateOverride
from matchmaking.outbox.selectors import Recipient, bulk_companies, enterprise_recipients
from matchmaking.outbox.tasks import send_email

KEY_LENGTH = 255


def address_key(event: str, email: str) -> str:
    """The idempotency key of one event's e-mail to one address."""
    key = f"{event}:{email.lower()}"
    if len(key) <= KEY_LENGTH:
        return key
    return f"{event[:KEY_LENGTH - 42]}:{hashlib.sha256(key.encode()).hexdigest()[:40]}"


def _unsaved(template: str, recipient: Recipient, context: dict, key: str,
             **fields) -> OutgoingEmail:
    """The row of one e-mail to `recipient`, not yet saved."""
    catalogue.get(template)  # an unknown template is a programming error: fail now
    return OutgoingEmail(template=template, recipient=recipient.email,
                         recipient_name=recipient.name, language=recipient.language,
                         context=context, idempotency_key=key, **fields)


def queue_email(*, template: str, recipient: Recipient, context: dict, key: str,
                conference: Conference | None = None, not_before: dt.datetime | None = None,
                mailing: BulkMailing | None = None,
                resent_from: OutgoingEmail | None = None) -> OutgoingEmail:
    """Write an e-mail in the caller's transaction; it is handed to Celery after commit
    (or, with `not_before` in the future, by the sweeper when due). `context` holds ids and
    plain values, rendered in the recipient's language when sent. A key already used
    queues nothing and returns the first row, so callers may repeat themselves."""
    existing = OutgoingEmail.objects.filter(idempotency_key=key).first()
    if existing:
        return existing
    now = timezone.now()
    email = _unsaved(template, recipient, context, key, conference=conference,
                     next_attempt_at=not_before or now, mailing=mailing,
                     resent_from=resent_from)
    try:
        with transaction.atomic():
            email.save(force_insert=True)
    except IntegrityError:
        # A concurrent writer queued the same key first.
        return OutgoingEmail.objects.get(idempotency_key=key)
    if email.next_attempt_at <= now:
        relay.relay_after_commit(send_email, email.pk)
    return email


def queue_new_emails(emails: list[tuple[str, Recipient, dict, str]], *,
                     conference: Conference | None = None) -> list[OutgoingEmail]:
    """Write several e-mails (template, recipient, context, key) in one insert, in the
    caller's transaction; each is handed to Celery after commit. Only for keys that name
    a row written in this same transaction (such as an audit entry): no earlier or
    concurrent row can hold them, so there is nothing to look up first."""
    now = timezone.now()
    rows = [_unsaved(template, recipient, context, key, conference=conference,
                     next_attempt_at=now)
            for template, recipient, context, key in emails]
    created = OutgoingEmail.objects.bulk_create(rows)
    for email in created:
        relay.relay_after_commit(send_email, email.pk)
    return created


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


# --- Organizers' wording --------------------------------------------------------------

WORDING_FIELDS = ("subject_en", "body_en", "subject_zh", "body_zh")


@transaction.atomic
def save_template_override(*, conference: Conference, template: str, texts: dict[str, str],
                           actor) -> TemplateOverride:
    """Set the organizers' wording of one e-mail for one conference (blank fields keep the
    default wording). The caller has checked that the wording renders."""
    if not catalogue.get(template).overridable:
        raise DomainError(_("This e-mail cannot be reworded."), code="not_overridable")
    override, created = TemplateOverride.objects.select_for_update().get_or_create(
        conference=conference, template=template)
    changed = [name for name in WORDING_FIELDS if getattr(override, name) != texts.get(name, "")]
    for name in WORDING_FIELDS:
        setattr(override, name, texts.get(name, ""))
    override.save()
    record_audit(actor=actor, action="email_override.save", target=override,
                 data={"template": template, "changed": changed, "created": created})
    return override


@transaction.atomic
def delete_template_override(*, override: TemplateOverride, actor) -> None:
    """Back to the default wording."""
    record_audit(actor=actor, action="email_override.delete", target=override,
                 data={"template": override.template, "conference": override.conference_id})
    override.delete()


# --- Bulk mail --------------------------------------------------------------------------

# Bulk rows due this soon are handed over at once (with a countdown); later ones by the
# sweeper, which runs every minute.
HAND_OVER_AHEAD = dt.timedelta(minutes=1)


@transaction.atomic
def send_bulk_mail(*, conference: Conference, filters: dict, texts: dict[str, str], token,
                   actor) -> tuple[BulkMailing, bool]:
    """Write one e-mail per reader of every company `filters` select (see
    selectors.bulk_companies), spaced to leave at OUTBOX_RATE_PER_MINUTE. The form's
    `token` makes a second submission return the first mailing: (mailing, created)."""
    existing = BulkMailing.objects.filter(token=token).first()
    if existing:
        return existing, False
    companies = list(bulk_companies(conference=conference, **filters)
                     .prefetch_related("users", "delegates"))
    if not companies:
        raise DomainError(_("No company matches these filters."), code="no_recipients")
    mailing = BulkMailing.objects.create(conference=conference, token=token, filters=filters,
                                         created_by=actor if actor.is_authenticated else None,
                                         **{name: texts.get(name, "") for name in WORDING_FIELDS})
    rows = _bulk_rows(mailing, companies)
    OutgoingEmail.objects.bulk_create(rows, batch_size=500)
    mailing.companies, mailing.recipients = len(companies), len(rows)
    mailing.save(update_fields=["companies", "recipients"])
    record_audit(actor=actor, action="bulk_mail.send", target=mailing,
                 data={"filters": filters, "companies": len(companies), "recipients": len(rows)})
    _hand_over_first(mailing)
    return mailing, True


def _bulk_rows(mailing: BulkMailing, companies) -> list[OutgoingEmail]:
    start, gap = timezone.now(), 60 / settings.OUTBOX_RATE_PER_MINUTE
    rows = []
    for company in companies:
        for person in enterprise_recipients(company, mailing.conference):
            rows.append(OutgoingEmail(
                template="bulk_mail", conference=mailing.conference, mailing=mailing,
                recipient=person.email, recipient_name=person.name, language=person.language,
                context={"enterprise": company.pk},
                idempotency_key=address_key(f"bulk:{mailing.token}:{company.pk}", person.email),
                next_attempt_at=start + dt.timedelta(seconds=len(rows) * gap)))
    return rows


def _hand_over_first(mailing: BulkMailing) -> None:
    now = timezone.now()
    for pk, due in mailing.emails.filter(next_attempt_at__lt=now + HAND_OVER_AHEAD).values_list(
            "pk", "next_attempt_at"):
        relay.relay_after_commit(send_email, pk,
                                 countdown=max(0, int((due - now).total_seconds())))
