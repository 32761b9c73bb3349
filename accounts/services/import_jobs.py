"""Large admin imports as background jobs: stored, checked row by row, then imported.

Above IMPORT_BACKGROUND_ROWS rows the admin does not check a file in the request (20,000
rows took 30 s, and gunicorn killed the worker): `start_import_job` stores the file and
writes the job in one transaction, and the relay starts the task after commit (at once,
in-process, in the embedded default). The task checks every row (a dry run, the preview)
and writes the report; `confirm_import_job` queues the real import, all or nothing. The
percentage is counted in the cache every IMPORT_PROGRESS_EVERY rows, because the rows are
written inside one transaction that nobody else can see into until it ends.
"""

import datetime as dt
import logging
import uuid
from dataclasses import asdict
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.imports import ImportFileError, read_table, report
from accounts.models import ImportJob, ImportJobStatus
from events.errors import DomainError
from events.services import record_audit

logger = logging.getLogger(__name__)


def resource_class(model: str):
    from accounts.resources import DelegateResource, EnterpriseResource

    return {"enterprise": EnterpriseResource, "delegate": DelegateResource}[model]


def _progress_key(job_id: int) -> str:
    return f"import-job:{job_id}:progress"


def progress_of(job: ImportJob) -> int:
    """The job's percentage: the cache's count while it runs, the row's afterwards."""
    if job.status in (ImportJobStatus.PREVIEWING, ImportJobStatus.IMPORTING):
        return cache.get(_progress_key(job.pk), job.progress)
    return job.progress


@transaction.atomic
def start_import_job(*, actor, model: str, upload, rows: int) -> ImportJob:
    from accounts.tasks import run_import_job
    from matchmaking.outbox.relay import relay_after_commit

    job = ImportJob(model=model, filename=upload.name[:200], rows=rows, started_by=actor)
    job.file.save(f"{uuid.uuid4().hex}{Path(upload.name).suffix.lower()[:8]}", upload,
                  save=False)
    job.save()
    record_audit(actor=actor, action="import.start", target=job,
                 data={"file": job.filename, "rows": rows})
    relay_after_commit(run_import_job, job.pk)
    return job


@transaction.atomic
def confirm_import_job(*, job: ImportJob, actor) -> ImportJob:
    from accounts.tasks import run_import_job
    from matchmaking.outbox.relay import relay_after_commit

    job = ImportJob.objects.select_for_update().get(pk=job.pk)
    if job.status != ImportJobStatus.PREVIEWED:
        raise DomainError(_("This import is not waiting for confirmation."), code="not_pending")
    job.status, job.progress = ImportJobStatus.IMPORTING, 0
    job.save(update_fields=["status", "progress", "updated_at"])
    record_audit(actor=actor, action="import.confirm", target=job, data={"file": job.filename})
    relay_after_commit(run_import_job, job.pk)
    return job


def run_job(job_id: int) -> str:
    """Check (PREVIEWING) or import (IMPORTING) the job's file; safe to run twice: a job in
    another state is left alone."""
    job = ImportJob.objects.filter(pk=job_id).select_related("started_by").first()
    if job is None or job.status not in (ImportJobStatus.PREVIEWING, ImportJobStatus.IMPORTING):
        return "skipped"
    dry_run = job.status == ImportJobStatus.PREVIEWING
    try:
        dataset = read_table(Path(job.file.path))
    except ImportFileError as error:
        return _finish(job, ImportJobStatus.FAILED, error=str(error))
    resource = resource_class(job.model)(actor=job.started_by, progress=_counter(job))
    try:
        result = resource.import_data(dataset, dry_run=dry_run, use_transactions=True)
    except Exception as error:
        # A bug, not bad input: recorded on the job (nothing was imported), then raised.
        _finish(job, ImportJobStatus.FAILED, error=f"{type(error).__name__}: {error}")
        raise
    rows = [asdict(row) for row in report(dataset, result, resource.outcomes)]
    if any(row["state"] == "error" for row in rows):
        return _finish(job, ImportJobStatus.REFUSED, report=rows)
    done = ImportJobStatus.PREVIEWED if dry_run else ImportJobStatus.IMPORTED
    return _finish(job, done, report=rows)


def stale_jobs(*, now=None) -> list[int]:
    """Jobs waiting to run or running for longer than a task may live (the broker missed
    them, or their worker died): the beat sweeper hands them over again."""
    now = now or timezone.now()
    limit = now - dt.timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 60)
    return list(ImportJob.objects.filter(
        status__in=[ImportJobStatus.PREVIEWING, ImportJobStatus.IMPORTING],
        updated_at__lt=limit).values_list("pk", flat=True))


def _counter(job: ImportJob):
    every, total, seen = settings.IMPORT_PROGRESS_EVERY, max(job.rows, 1), [0]

    def tick():
        seen[0] += 1
        if seen[0] % every == 0:
            cache.set(_progress_key(job.pk), min(99, 100 * seen[0] // total), timeout=3600)

    return tick


def _finish(job: ImportJob, status: str, *, report: list | None = None,
            error: str = "") -> str:
    job.status, job.progress, job.error = status, 100, error
    job.report = report or []
    job.save(update_fields=["status", "progress", "error", "report", "updated_at"])
    cache.delete(_progress_key(job.pk))
    logger.info("import job %s: %s", job.pk, status)
    return status
