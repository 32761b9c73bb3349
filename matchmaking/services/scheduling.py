"""Schedule runs: queue, compute a draft, publish it as the live schedule, sweep stale runs.

A run's draft lives only in ScheduleRun.result, written in one UPDATE when the
engine returns; the live schedule (Meeting rows) changes only in
`publish_schedule_run`, in one transaction. A worker that dies mid-run
therefore leaves no partial schedule: the run is requeued by the sweeper, or
marked failed after its last attempt.
"""

import datetime as dt
import logging
import time

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from events.errors import DomainError
from events.models import Conference
from events.services import record_audit
from matchmaking.models import RunStatus, ScheduleRun
from matchmaking.scheduling import InvalidInstance, solve
from matchmaking.services.schedule_instance import build_instance
from matchmaking.services.schedule_metrics import metrics_of

logger = logging.getLogger(__name__)

ACTIVE = [RunStatus.QUEUED, RunStatus.RUNNING]
# A running run whose heartbeat is older than this lost its worker.
STALE_AFTER = dt.timedelta(minutes=2)
# A queued run nobody picked up (the broker was down when it was handed over): the sweeper
# hands it over again this soon, so it does not block the next run for long.
LOST_AFTER = dt.timedelta(seconds=30)
MAX_ATTEMPTS = 3


@transaction.atomic
def start_schedule_run(
    *, conference: Conference, actor=None, mode: str = ScheduleRun.Mode.FULL,
    time_limit: float = 10.0, seed: int = 0, enqueue_job: bool = True,
) -> ScheduleRun:
    """Queue a run; the Celery job starts after this transaction commits (unless the
    caller computes it itself: `enqueue_job=False`)."""
    Conference.objects.select_for_update().get(pk=conference.pk)
    if ScheduleRun.objects.filter(conference=conference, status__in=ACTIVE).exists():
        raise DomainError(_("A schedule run of this conference is already in progress."),
                          code="run_in_progress")
    if mode not in ScheduleRun.Mode.values:
        raise DomainError(_("Unknown mode %(mode)r.") % {"mode": mode}, code="mode")
    if not 1 <= time_limit <= 600:
        raise DomainError(_("The time limit must be between 1 and 600 seconds."),
                          code="time_limit")
    run = ScheduleRun.objects.create(conference=conference, mode=mode, time_limit=time_limit,
                                     seed=seed, started_by=actor)
    record_audit(actor=actor, action="schedule.start", target=run, data={"mode": mode})
    if enqueue_job:
        enqueue(run)
    return run


def enqueue(run: ScheduleRun) -> None:
    from matchmaking.outbox.relay import relay_after_commit
    from matchmaking.tasks.scheduling import compute_schedule

    # The queued run is the row; with the broker down the sweeper starts it later.
    relay_after_commit(compute_schedule, run.pk)


def claim_run(run_id: int, *, task_id: str = "", redelivered: bool = False
              ) -> ScheduleRun | None:
    """Mark a queued (or stale running) run as running; None when there is nothing to do,
    so a duplicate delivery of the task is harmless. `task_id` names the Celery message
    that claims it; the same message `redelivered` (acks_late + reject_on_worker_lost:
    its pool process died) takes its own run over at once instead of waiting for the
    heartbeat to go stale."""
    with transaction.atomic():
        run = ScheduleRun.objects.select_for_update().filter(pk=run_id).first()
        if run is None or not _claimable(run, task_id=task_id, redelivered=redelivered):
            return None
        now = timezone.now()
        run.status, run.progress, run.error = RunStatus.RUNNING, 0, ""
        run.started_at = run.heartbeat_at = now
        run.attempts += 1
        run.claimed_by = task_id
        run.save()
        return run


def _claimable(run: ScheduleRun, *, task_id: str = "", redelivered: bool = False) -> bool:
    if run.status == RunStatus.QUEUED:
        return True
    if run.status != RunStatus.RUNNING:
        return False
    if redelivered and task_id and run.claimed_by == task_id:
        return True  # this message's last holder died mid-run
    return run.heartbeat_at is None or run.heartbeat_at < timezone.now() - STALE_AFTER


def compute_draft(*, run: ScheduleRun, on_progress=None) -> ScheduleRun:
    """Build the instance, solve it, and store the draft in one write."""
    try:
        instance = build_instance(conference=run.conference, mode=run.mode)
        result = solve(instance, time_limit=run.time_limit, seed=run.seed,
                       progress=_heartbeat(run.pk, on_progress))
    except InvalidInstance as error:
        return _fail(run, _("The conference data cannot be scheduled: %(error)s")
                     % {"error": error})
    metrics = metrics_of(instance, result)
    # Only this attempt may finish the run: one taken over meanwhile (a heartbeat that
    # looked stale) is finished by its new holder, never twice.
    finished = ScheduleRun.objects.filter(
        pk=run.pk, status=RunStatus.RUNNING, attempts=run.attempts,
    ).update(status=RunStatus.SUCCEEDED, progress=100, instance=instance, result=result,
             metrics=metrics, finished_at=timezone.now(), updated_at=timezone.now())
    if not finished:
        logger.warning("schedule run %s: attempt %s was overtaken; its result is dropped",
                       run.pk, run.attempts)
        run.refresh_from_db()
        return run
    logger.info("schedule run %s: %s of %s requests scheduled", run.pk,
                metrics["scheduled"], metrics["requests"])
    run.refresh_from_db()
    return run


def _heartbeat(run_id: int, on_progress=None):
    """Progress callback: at most one database write per half second."""
    last = [0.0]

    def report(fraction: float) -> None:
        if on_progress is not None:
            on_progress(fraction)
        now = time.monotonic()
        if now - last[0] < 0.5 and fraction < 1.0:
            return
        last[0] = now
        ScheduleRun.objects.filter(pk=run_id).update(
            progress=min(99, int(fraction * 100)), heartbeat_at=timezone.now())

    return report


def _fail(run: ScheduleRun, message: str) -> ScheduleRun:
    ScheduleRun.objects.filter(pk=run.pk).update(
        status=RunStatus.FAILED, error=message, finished_at=timezone.now(),
        updated_at=timezone.now())
    logger.warning("schedule run %s failed: %s", run.pk, message)
    run.refresh_from_db()
    return run


def fail_run(*, run_id: int, message: str) -> None:
    run = ScheduleRun.objects.filter(pk=run_id).first()
    if run is not None:
        _fail(run, message)


def sweep_stale_runs(*, now=None) -> dict:
    """Requeue runs whose worker died (stale heartbeat, or queued but never picked up), or
    fail them after MAX_ATTEMPTS. Run periodically by Celery beat."""
    now = now or timezone.now()
    requeued, failed = [], []
    stale = ScheduleRun.objects.filter(status=RunStatus.RUNNING, heartbeat_at__lt=now - STALE_AFTER)
    lost = ScheduleRun.objects.filter(status=RunStatus.QUEUED, created_at__lt=now - LOST_AFTER)
    for run in list(stale) + list(lost):
        with transaction.atomic():
            run = ScheduleRun.objects.select_for_update().get(pk=run.pk)
            if run.attempts >= MAX_ATTEMPTS:
                _fail(run, _("The run was interrupted %(count)s times.") % {"count": run.attempts})
                failed.append(run.pk)
                continue
            run.status = RunStatus.QUEUED
            run.save(update_fields=["status", "updated_at"])
            enqueue(run)
            requeued.append(run.pk)
    return {"requeued": requeued, "failed": failed}
