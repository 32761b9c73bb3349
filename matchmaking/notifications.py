"""Legacy: a one-off notice already worded in code, as an outbox row.

Only `services/publishing.py` still calls this, until its publish announcement moves to
`matchmaking.outbox.notices.queue_schedule_notice`; new code queues a kind of the
outbox's catalogue instead."""

import uuid

from django.utils import translation

from accounts.models import Enterprise
from matchmaking.outbox.selectors import enterprise_recipients
from matchmaking.outbox.services import queue_email


def notify(enterprise: Enterprise, subject, body, **params) -> None:
    """Queue a message; `subject` and `body` are (lazy) translations worded per reader."""
    event = uuid.uuid4().hex
    for person in enterprise_recipients(enterprise):
        with translation.override(person.language):
            context = {"subject": str(subject) % params, "body": str(body) % params}
        queue_email(template="notice", recipient=person, context=context,
                    key=f"notice:{event}:{person.email.lower()}")
