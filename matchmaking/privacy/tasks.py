import logging

from celery import shared_task
from django.utils import timezone

from events.models import Conference, ConferenceStatus
from matchmaking.privacy.services import apply_retention

logger = logging.getLogger(__name__)


@shared_task(name="privacy.apply_retention")
def apply_retention_everywhere() -> dict:
    """Anonymise companies that took no part in a closed conference whose retention period
    has ended; run daily by beat, safe to run twice (anonymised ones are skipped)."""
    now, counts = timezone.now(), {}
    conferences = Conference.objects.filter(status=ConferenceStatus.CLOSED,
                                            retention_days__isnull=False)
    for conference in conferences:
        done = apply_retention(conference=conference, now=now)
        if done:
            counts[conference.slug] = len(done)
    logger.info("retention: anonymised %s", counts or "nothing")
    return counts
