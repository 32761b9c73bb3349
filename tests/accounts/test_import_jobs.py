"""Large admin imports run as a background job: the file is stored and a job written, the
job page shows the percentage and then the preview with each bad row; confirming imports
all or nothing in the job too."""

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import Enterprise, ImportJob, ImportJobStatus
from accounts.services import import_jobs
from events.models import AuditEntry
from tests.factories import IndustryFieldFactory

pytestmark = pytest.mark.django_db
HEADER = "legal_name,country,city,role,fields,contract_value_usd\n"


@pytest.fixture(autouse=True)
def setup(settings, tmp_path, db):
    settings.PRIVATE_STORAGE_ROOT = tmp_path
    settings.IMPORT_BACKGROUND_ROWS = 3
    settings.IMPORT_PROGRESS_EVERY = 2
    IndustryFieldFactory(slug="software")


def rows(count: int, bad_line: int | None = None) -> bytes:
    lines = [f"Company {n} Inc.,{'XX' if n + 2 == bad_line else 'CA'},Toronto,buyer,software,"
             "9000000\n" for n in range(count)]
    return (HEADER + "".join(lines)).encode()


def upload(client, content, capture):
    url = reverse("admin:accounts_enterprise_import")
    choices = client.get(url).context["form"].fields["format"].choices
    fmt = next(value for value, label in choices if label.lower() == "csv")
    with capture(execute=True):
        return client.post(url, {"import_file": SimpleUploadedFile("companies.csv", content),
                                 "format": fmt, "resource": "0"})


def test_a_large_file_becomes_a_job_whose_page_shows_the_preview_then_imports(
        organizer_client, organizer, django_capture_on_commit_callbacks):
    response = upload(organizer_client, rows(5), django_capture_on_commit_callbacks)

    job = ImportJob.objects.get()
    assert response.url == reverse("admin:accounts_enterprise_import_job", args=[job.pk])
    assert (job.status, job.rows, job.progress, job.started_by) == (
        ImportJobStatus.PREVIEWED, 5, 100, organizer)
    assert not Enterprise.objects.exists()  # the preview writes nothing
    page = organizer_client.get(response.url)
    assert "5 new, 0 updated, 0 unchanged, 0 with errors." in page.content.decode()
    assert page.context["progress"] == 100 and not page.context["running"]

    with django_capture_on_commit_callbacks(execute=True):
        organizer_client.post(response.url)

    job.refresh_from_db()
    assert job.status == ImportJobStatus.IMPORTED
    assert Enterprise.objects.count() == 5
    assert AuditEntry.objects.filter(action="enterprise.create").count() == 5
    assert AuditEntry.objects.filter(action__startswith="import.").count() == 2


def test_a_job_with_a_bad_row_lists_it_and_cannot_be_confirmed(
        organizer_client, django_capture_on_commit_callbacks):
    response = upload(organizer_client, rows(5, bad_line=4), django_capture_on_commit_callbacks)

    job = ImportJob.objects.get()
    page = organizer_client.get(response.url)
    assert job.status == ImportJobStatus.REFUSED
    assert [(row["line"], row["state"]) for row in page.context["errors"]] == [(4, "error")]
    assert "country" in page.context["errors"][0]["details"]
    assert "Confirm import" not in page.content.decode()

    organizer_client.post(response.url)

    assert not Enterprise.objects.exists()
    job.refresh_from_db()
    assert job.status == ImportJobStatus.REFUSED


def test_a_small_file_is_checked_in_the_request_as_before(
        organizer_client, django_capture_on_commit_callbacks):
    response = upload(organizer_client, rows(3), django_capture_on_commit_callbacks)

    assert not ImportJob.objects.exists()
    assert len(response.context["result"].rows) == 3


def test_progress_is_counted_in_the_cache_while_the_job_runs(organizer):
    job = ImportJob.objects.create(model="enterprise", filename="x.csv", rows=10,
                                   started_by=organizer)
    tick = import_jobs._counter(job)

    for _ in range(5):
        tick()

    assert import_jobs.progress_of(job) == 40
    assert cache.get(f"import-job:{job.pk}:progress") == 40


def test_a_reviewer_cannot_see_import_jobs(client, reviewer, organizer):
    job = ImportJob.objects.create(model="enterprise", filename="x.csv", rows=10,
                                   started_by=organizer)
    client.force_login(reviewer)

    response = client.get(reverse("admin:accounts_enterprise_import_job", args=[job.pk]))

    assert response.status_code == 403
    assert ImportJob.objects.get().status == ImportJobStatus.PREVIEWING


def test_the_sweeper_hands_over_jobs_nobody_ran(organizer, settings):
    import datetime as dt

    from django.utils import timezone

    from accounts.tasks import sweep_import_jobs

    job = import_jobs.start_import_job(  # the relay's hand-over never ran (no commit here)
        actor=organizer, model="enterprise", rows=5,
        upload=SimpleUploadedFile("companies.csv", rows(5)))
    fresh = ImportJob.objects.create(model="enterprise", filename="y.csv", rows=1)
    long_ago = timezone.now() - dt.timedelta(hours=2)
    ImportJob.objects.filter(pk=job.pk).update(updated_at=long_ago)

    assert import_jobs.stale_jobs() == [job.pk]
    assert sweep_import_jobs() == 1

    job.refresh_from_db()
    fresh.refresh_from_db()
    assert job.status == ImportJobStatus.PREVIEWED and len(job.report) == 5
    assert fresh.status == ImportJobStatus.PREVIEWING
