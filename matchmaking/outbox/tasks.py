import logging

from celery import shared_task
from django.utils import timezone

from matchmaking.outbox import delivery, relay, scheduled

logger = logging.getLogger(__name__)


@shared_task(bind=True, name="outbox.send_email", acks_late=True)
def send_email(self, email_id: int) -> None:
    """Send one outbox row. Safe to run twice, even at once: only one run claims it."""
    countdown = delivery.deliver(email_id)
    # Eager mode has no broker to hold a retry: the sweeper finds the row when it is due.
    if countdown is not None and not self.request.is_eager:
        relay.hand_over(send_email, email_id, countdown=countdown)


@shared_task(name="outbox.sweep")
def sweep_outbox() -> dict:
    """Hand over what is due and was not handed over (the broker was down, a worker died,
    bulk mail waiting for its turn); run every minute by beat."""
    now = timezone.now()
    released = delivery.release_stale(now)
    queued = relay.sweep(send_email, delivery.due_ids(now))
    logger.info("outbox sweep: %s queued, %s released from dead workers", queued, released)
    return {"queued": queued, "released": released}


@shared_task(name="outbox.send_reminders")
def send_reminders() -> dict:
    """Queue the scheduled e-mails that are due: each is written once (idempotency keys),
    so running this often or twice is harmless."""
    counts = scheduled.queue_due_reminders(now=timezone.now())
    logger.info("scheduled e-mails queued: %s", counts)
    return counts
