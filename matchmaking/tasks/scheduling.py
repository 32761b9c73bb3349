import logging

from celery import shared_task

from matchmaking.services import scheduling

logger = logging.getLogger(__name__)


@shared_task(bind=True, name="matchmaking.compute_schedule", acks_late=True)
def compute_schedule(self, run_id: int) -> str:
    """Compute one run's draft. Safe to run twice, even at once: only a queued or stale
    run is claimed (or this very message's own run, when it comes back redelivered)."""
    delivery_info = self.request.delivery_info or {}
    run = scheduling.claim_run(run_id, task_id=self.request.id or "",
                               redelivered=bool(delivery_info.get("redelivered")))
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
