import logging

from celery import shared_task

from events.models import Conference
from matchmaking.recommendations.services import compute_recommendations

logger = logging.getLogger(__name__)


@shared_task(name="matchmaking.compute_recommendations")
def compute_recommendations_task(conference_id: int) -> int:
    """Recompute a conference's recommendations. Safe to run twice: each run replaces the
    rows of the last one."""
    conference = Conference.objects.filter(pk=conference_id).first()
    if conference is None:
        logger.warning("recommendations: conference %s does not exist", conference_id)
        return 0
    count = compute_recommendations(conference=conference)
    logger.info("recommendations: %s rows for %s", count, conference.slug)
    return count
