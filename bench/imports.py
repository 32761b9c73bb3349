"""Measure the enterprise import's limits and a large import.

    python -m bench.imports --database-url postgres://postgres@127.0.0.1:5432/mm_abuse

Writes two generated CSV files (20,000 rows, ~1.1 MB, like issue 13's enterprise file;
and 5,000 rows), then prints: how long refusing the 20,000-row file takes on the command
line and in the admin's import form (target < 1 s), and the time and peak memory of the
5,000 rows as the admin's background job (preview, then the confirmed import, the task
run in-process as in the embedded default) and through the command (dry run, import).
The imported rows are deleted afterwards; each path starts from none of them.
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import tempfile
import time
from pathlib import Path

HEADER = "legal_name,country,city,role,fields,contract_value_usd\n"
PREFIX = "Bench Import"


def write_csv(folder: Path, rows: int) -> Path:
    path = folder / f"enterprises-{rows}.csv"
    with path.open("w", encoding="utf-8") as out:
        out.write(HEADER)
        for n in range(rows):
            out.write(f"{PREFIX} {n:05d} Ltd.,CA,Toronto,buyer,software,{9_000_000 + n}\n")
    return path


def setup_django(database_url: str) -> None:
    # Explicit, never inherited: a DATABASE_URL left in the shell could be a real database.
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "matchmaking.settings")
    os.environ.setdefault("CELERY_TASK_ALWAYS_EAGER", "true")
    os.environ.setdefault("PRIVATE_STORAGE_ROOT", tempfile.mkdtemp())
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def command(path: Path, *extra: str) -> tuple[float, int, str]:
    from django.core.management import call_command
    from django.core.management.base import CommandError

    start = time.perf_counter()
    try:
        call_command("import_enterprises", str(path), *extra, stdout=io.StringIO(),
                     stderr=io.StringIO())
        status, message = 0, ""
    except CommandError as error:
        status, message = error.returncode, str(error)
    return time.perf_counter() - start, status, message


def admin_form(path: Path) -> tuple[float, dict]:
    from django.core.files.uploadedfile import SimpleUploadedFile
    from import_export.formats.base_formats import CSV

    from accounts.admin.base import LimitedImportForm
    from accounts.resources import EnterpriseResource

    upload = SimpleUploadedFile(path.name, path.read_bytes())
    start = time.perf_counter()
    form = LimitedImportForm([CSV], [EnterpriseResource], data={"format": "0"},
                             files={"import_file": upload})
    form.is_valid()
    return time.perf_counter() - start, form.errors


def job(path: Path, rows: int) -> tuple[float, float, str, int]:
    """(preview seconds, import seconds, final status, rows in the report)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from accounts.models import ImportJob
    from accounts.services import import_jobs

    upload = SimpleUploadedFile(path.name, path.read_bytes())
    start = time.perf_counter()
    started = import_jobs.start_import_job(actor=None, model="enterprise", upload=upload,
                                           rows=rows)
    preview = time.perf_counter() - start
    started.refresh_from_db()
    start = time.perf_counter()
    import_jobs.confirm_import_job(job=started, actor=None)
    done = ImportJob.objects.get(pk=started.pk)
    return preview, time.perf_counter() - start, done.status, len(done.report)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default="sqlite:////tmp/bench-imports.sqlite3")
    parser.add_argument("--rows", type=int, default=5_000)
    args = parser.parse_args()
    setup_django(args.database_url)
    from accounts.models import Enterprise
    from events.models import IndustryField

    IndustryField.objects.get_or_create(slug="software", defaults={"name": "Software"})
    Enterprise.objects.filter(legal_name__startswith=PREFIX).delete()
    folder = Path(tempfile.mkdtemp())
    big, large = write_csv(folder, 20_000), write_csv(folder, args.rows)
    print(f"20,000-row file: {big.stat().st_size / 1e6:.2f} MB; {args.rows:,}-row file: "
          f"{large.stat().st_size / 1e6:.2f} MB")
    seconds, status, message = command(big)
    print(f"command, 20,000 rows: refused in {seconds:.3f} s, exit {status}: {message}")
    seconds, errors = admin_form(big)
    print(f"admin form, 20,000 rows: refused in {seconds:.3f} s: "
          f"{' '.join(errors.get('import_file', []))}")
    before = peak_mb()
    preview, imported_in, status, reported = job(large, args.rows)
    print(f"admin job, {args.rows:,} rows: preview {preview:.1f} s, import {imported_in:.1f} s, "
          f"{status}, {reported:,} rows reported, peak RSS {peak_mb():.0f} MB "
          f"(was {before:.0f} MB)")
    Enterprise.objects.filter(legal_name__startswith=PREFIX).delete()
    seconds, status, _message = command(large, "--dry-run")
    print(f"command --dry-run (preview), {args.rows:,} rows: {seconds:.1f} s, exit {status}, "
          f"peak RSS {peak_mb():.0f} MB")
    seconds, status, _message = command(large)
    imported = Enterprise.objects.filter(legal_name__startswith=PREFIX).count()
    print(f"command import, {args.rows:,} rows: {seconds:.1f} s, exit {status}, "
          f"{imported:,} enterprises, peak RSS {peak_mb():.0f} MB")
    Enterprise.objects.filter(legal_name__startswith=PREFIX).delete()


if __name__ == "__main__":
    main()
