"""Writes of the message threads: open a thread, post a message, mark a thread read."""

import datetime as dt
import re

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Enterprise, Partner, Registration, RegistrationStatus
from events.caching import forget
from events.errors import DomainError
from events.models import Conference
from events.services import record_audit
from matchmaking.messaging.models import MESSAGE_MAX_LENGTH, Message, Thread, ThreadReader
from matchmaking.messaging.selectors import unread_key
from matchmaking.models import MeetingRequest
from matchmaking.outbox.selectors import enterprise_recipients
from matchmaking.outbox.services import address_key, queue_email

# Control characters other than tab and newline have no place in a plain-text message.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def clean_body(body: str) -> str:
    """The text as stored: line breaks normalised, control characters dropped, trimmed.
    A blank or over-long text is a DomainError with a field."""
    text = CONTROL.sub("", (body or "").replace("\r\n", "\n").replace("\r", "\n")).strip()
    if not text:
        raise DomainError(_("Write a message first."), code="invalid",
                          fields={"body": [_("Write a message first.")]})
    if len(text) > MESSAGE_MAX_LENGTH:
        message = _("A message has at most %(max)d characters; this one has %(count)d.") % {
            "max": MESSAGE_MAX_LENGTH, "count": len(text)}
        raise DomainError(message, code="invalid", fields={"body": [message]})
    return text


def may_talk(*, conference: Conference, enterprise: Enterprise, counterpart: Enterprise) -> bool:
    """Two companies may talk once a meeting request exists between them at the conference."""
    low, high = sorted((enterprise.pk, counterpart.pk))
    return low != high and MeetingRequest.objects.filter(
        conference=conference, pair_low=low, pair_high=high).exists()


def check_may_write(*, conference: Conference, enterprise: Enterprise) -> None:
    """Only approved participants write (a company back in review reads until approved
    again), whatever the door."""
    approved = Registration.objects.filter(conference=conference, enterprise=enterprise,
                                           status=RegistrationStatus.APPROVED)
    if not approved.exists():
        raise DomainError(_("%(name)s can write once its registration for %(conference)s is "
                            "approved.") % {"name": enterprise, "conference": conference},
                          code="forbidden")


@transaction.atomic
def open_thread(*, conference: Conference, enterprise: Enterprise, counterpart: Enterprise,
                actor=None, partner: Partner | None = None) -> Thread:
    """The pair's thread, started now if it does not exist yet."""
    if not may_talk(conference=conference, enterprise=enterprise, counterpart=counterpart):
        raise DomainError(_("You can write to a company once a meeting request exists "
                            "between you."), code="no_request")
    check_may_write(conference=conference, enterprise=enterprise)
    low, high = sorted((enterprise.pk, counterpart.pk))
    thread, created = Thread.objects.get_or_create(conference=conference, low_id=low,
                                                   high_id=high)
    if created:
        for side in (low, high):
            ThreadReader.objects.create(thread=thread, enterprise_id=side)
        record_audit(actor=actor, action="thread.open", target=thread,
                     data={"by": enterprise.pk, "partner": partner.pk if partner else None})
    return thread


@transaction.atomic
def post_message(*, thread: Thread, sender: Enterprise, body: str, actor=None,
                 partner: Partner | None = None) -> Message:
    """Add a message from `sender` (a side of the thread). The other side's unread count
    grows and, unless an e-mail about this thread is already waiting for it, one is
    queued for MESSAGE_EMAIL_INTERVAL_MINUTES from now: it then lists every message
    written until it goes, so a burst of messages makes one e-mail."""
    text = clean_body(body)
    thread = Thread.objects.select_for_update().select_related("conference").get(pk=thread.pk)
    if sender.pk not in thread.side_ids:
        raise DomainError(_("Only the two companies of a thread write in it."),
                          code="forbidden")
    check_may_write(conference=thread.conference, enterprise=sender)
    now = timezone.now()
    message = Message.objects.create(thread=thread, sender=sender, body=text, created_at=now,
                                     author=actor if actor and actor.is_authenticated else None,
                                     partner=partner)
    thread.last_message_at = now
    thread.save(update_fields=["last_message_at"])
    readers = {r.enterprise_id: r for r in ThreadReader.objects.select_for_update().filter(
        thread=thread)}
    mine = readers.get(sender.pk) or ThreadReader(thread=thread, enterprise=sender)
    mine.last_read_id, mine.unread = message.pk, 0
    mine.save()
    other_id = thread.high_id if sender.pk == thread.low_id else thread.low_id
    theirs = readers.get(other_id) or ThreadReader(thread=thread, enterprise_id=other_id)
    theirs.unread += 1
    _batch_email(theirs, message, now)
    theirs.save()
    forget(unread_key(thread.conference_id, sender.pk), unread_key(thread.conference_id, other_id))
    record_audit(actor=actor, action="message.post", target=message,
                 data={"thread": thread.pk, "sender": sender.pk, "length": len(text),
                       "partner": partner.pk if partner else None})
    return message


def _batch_email(reader: ThreadReader, message: Message, now: dt.datetime) -> None:
    """Queue the e-mail that will tell `reader` about `message` and whatever follows it
    until it goes; nothing when such an e-mail is already waiting."""
    if reader.email_due_at is not None and reader.email_due_at > now:
        return
    due = now + dt.timedelta(minutes=settings.MESSAGE_EMAIL_INTERVAL_MINUTES)
    reader.email_due_at = due
    thread = message.thread
    context = {"thread": thread.pk, "enterprise": reader.enterprise_id, "from": message.pk,
               "until": due.isoformat()}
    event = f"new_messages:{thread.pk}:{reader.enterprise_id}:{message.pk}"
    company = Enterprise.objects.get(pk=reader.enterprise_id)
    for person in enterprise_recipients(company, thread.conference):
        queue_email(template="new_messages", recipient=person, context=context,
                    key=address_key(event, person.email), conference=thread.conference,
                    not_before=due)


@transaction.atomic
def mark_thread_read(*, thread: Thread, enterprise: Enterprise) -> ThreadReader:
    """`enterprise` has read everything in the thread so far. Reading changes nothing of
    business meaning, so it leaves no audit entry."""
    if enterprise.pk not in thread.side_ids:
        raise DomainError(_("Only the two companies of a thread read it."), code="forbidden")
    reader, _created = ThreadReader.objects.select_for_update().get_or_create(
        thread=thread, enterprise=enterprise)
    last = thread.messages.order_by("-id").values_list("pk", flat=True).first() or 0
    if reader.unread or reader.last_read_id < last:
        reader.last_read_id, reader.unread = max(last, reader.last_read_id), 0
        reader.save(update_fields=["last_read_id", "unread"])
        forget(unread_key(thread.conference_id, enterprise.pk))
    return reader
