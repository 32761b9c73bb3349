import logging

from celery import shared_task

from matchmaking.services import scheduling

logger = logging.getLogger(__name__)


@shared_task(name="matchmaking.compute_schedule", acks_late=True)
def compute_schedule(run_id: int) -> str:
    """Compute one run's draft. Safe to run twice: only a queued or stale run is claimed."""
    run = scheduling.claim_run(run_id)
    if run is None:
        logger.info("schedule run %s: nothing to do", run_id)
        return "skipped"
    try:
        run = scheduling.compute_draft(run=run)
    except Exception as error:
        # An engine or database bug is not transient: record it rather than retry.
        logger.exception("schedule run %s crashed", run_id)
        scheduling.fail_run(run_id=run_id, message=f"{type(error).__name__}: {error}")
        raise
    return run.status


@shared_task(name="matchmaking.sweep_stale_runs")
def sweep_stale_runs() -> dict:
    return scheduling.sweep_stale_runs()
