import logging

from celery import shared_task

from accounts.services import import_jobs

logger = logging.getLogger(__name__)


@shared_task(name="accounts.run_import_job", acks_late=True)
def run_import_job(job_id: int) -> str:
    """Check or import one job's file (see accounts/services/import_jobs.py)."""
    return import_jobs.run_job(job_id)


@shared_task(name="accounts.sweep_import_jobs")
def sweep_import_jobs() -> int:
    from matchmaking.outbox.relay import sweep

    return sweep(run_import_job, import_jobs.stale_jobs())
