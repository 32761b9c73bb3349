"""Events for partners: recorded in the transaction of the change, delivered after commit."""

from django.utils import timezone

from events.models import Conference
from matchmaking.models import WebhookDelivery, WebhookEvent, WebhookSubscription

EVENT_TYPES = [
    "registration.decided",
    "meeting_request.created",
    "meeting_request.answered",
    "meeting.booked",
    "meeting.moved",
    "meeting.cancelled",
    "schedule.published",
]


def subscribers(conference: Conference, event_type: str) -> list[WebhookSubscription]:
    subscriptions = WebhookSubscription.objects.filter(
        is_active=True, partner__conferences=conference
    )
    return [s for s in subscriptions if not s.events or event_type in s.events]


def emit(*, conference: Conference, event_type: str, payload: dict) -> WebhookEvent:
    """Record the event and one delivery per subscriber, due now: they are handed to
    Celery after commit, and the beat sweeper hands over any the broker did not take."""
    event = WebhookEvent.objects.create(conference=conference, type=event_type, payload=payload)
    now = timezone.now()
    deliveries = WebhookDelivery.objects.bulk_create(
        WebhookDelivery(subscription=subscription, event=event, next_attempt_at=now)
        for subscription in subscribers(conference, event_type)
    )
    if deliveries:
        from matchmaking.outbox.relay import relay_after_commit
        from matchmaking.tasks.webhooks import deliver_webhook

        for delivery in deliveries:
            relay_after_commit(deliver_webhook, delivery.pk)
    return event
