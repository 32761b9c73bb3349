"""Events for partners: recorded in the transaction of the change, delivered after commit."""

from django.db import transaction

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
    """Record the event and one delivery per subscriber; deliveries start after commit."""
    event = WebhookEvent.objects.create(conference=conference, type=event_type, payload=payload)
    deliveries = WebhookDelivery.objects.bulk_create(
        WebhookDelivery(subscription=subscription, event=event)
        for subscription in subscribers(conference, event_type)
    )
    if deliveries:
        from matchmaking.tasks.webhooks import deliver_webhook

        for delivery in deliveries:
            transaction.on_commit(
                lambda pk=delivery.pk: deliver_webhook.delay(pk)
            )
    return event
