import logging

from celery import shared_task
from django.utils import timezone

from matchmaking.onboarding.services.applications import discard_expired_applications

logger = logging.getLogger(__name__)


@shared_task(name="onboarding.discard_expired_applications")
def discard_expired() -> int:
    count = discard_expired_applications(now=timezone.now())
    logger.info("discarded %s unconfirmed applications", count)
    return count
