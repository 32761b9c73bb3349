import logging

from celery import shared_task

from accounts.services import import_jobs

logger = logging.getLogger(__name__)


@shared_task(name="accounts.run_import_job", acks_late=True)
def run_import_job(job_id: int) -> str:
    """Check or import one job's file (see accounts/services/import_jobs.py)."""
    return import_jobs.run_job(job_id)
