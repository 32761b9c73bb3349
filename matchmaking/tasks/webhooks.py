"""Webhook delivery. (Signing, retries and backoff come with the partner API.)"""

from celery import shared_task


@shared_task(name="matchmaking.deliver_webhook")
def deliver_webhook(delivery_id: int) -> None:
    """Placeholder until the partner API lands: deliveries stay pending."""
