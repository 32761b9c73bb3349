import logging

from celery import shared_task

from matchmaking.services.requests import expire_meeting_requests

logger = logging.getLogger(__name__)


@shared_task(name="matchmaking.expire_requests")
def expire_requests() -> int:
    count = expire_meeting_requests()
    logger.info("expired %s meeting requests", count)
    return count
