"""Benchmark the results dashboard and the XLSX export on the 700-company 5th edition.

    python -m bench.results [--database-url URL] [--repeat 5]

Uses the database given (default: a scratch SQLite file /tmp/bench-results.sqlite3),
loading the demo editions 2 and 5 unless edition 5 is there with its outcomes. Times,
best and median of --repeat runs, with the number of queries: the dashboard's figures
(`build_dashboard`), the whole dashboard page as an organizer (admin, rendered with its
SVG charts), and `write_xlsx` of every sheet. Targets: page < 1 s, XLSX < 5 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

TARGETS = {"dashboard page": 1.0, "xlsx export": 5.0}
EDITION = 5


def setup_django(database_url: str) -> None:
    # Explicit, never inherited: a DATABASE_URL left in the shell could be a real database.
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "matchmaking.settings")
    os.environ.setdefault("CELERY_TASK_ALWAYS_EAGER", "true")
    import django

    django.setup()


def ensure_demo() -> None:
    from django.core.management import call_command
    from django.db import connection

    from matchmaking.models import MeetingOutcome

    call_command("migrate", verbosity=0)
    if not MeetingOutcome.objects.filter(meeting__conference__edition=EDITION).exists():
        print("loading the demo (editions 2 and 5; a few minutes) ...", flush=True)
        call_command("load_demo", "--edition=2", "--edition=5", "--no-progress")
    if connection.vendor == "postgresql":
        # Bulk-loaded tables have no statistics without autovacuum (shared/NOTES.md).
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def timed(function, repeat: int) -> tuple[float, float, float, int]:
    """Best and median wall seconds, median CPU seconds of this process (what the figure
    would be on an idle machine, the shared 2 cores being busy), and the queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    seconds, cpu = [], []
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as queries:
            start, start_cpu = time.perf_counter(), time.process_time()
            function()
            seconds.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
    return min(seconds), statistics.median(seconds), statistics.median(cpu), len(queries)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default="sqlite:////tmp/bench-results.sqlite3")
    parser.add_argument("--repeat", type=int, default=5)
    options = parser.parse_args()
    setup_django(options.database_url)
    ensure_demo()

    from django.test import Client

    from accounts.models import User
    from events.models import Conference
    from matchmaking.models import Meeting, MeetingOutcome
    from matchmaking.results.dashboard import build_dashboard
    from matchmaking.results.exports.writers import write_xlsx

    conference = Conference.objects.get(edition=EDITION)
    client = Client()
    client.force_login(User.objects.get(email="organizer@cisocc.test"))
    url = f"/admin/results/conferenceresults/{conference.pk}/change/"
    size = {"bytes": 0}

    def page():
        response = client.get(url)
        assert response.status_code == 200, response.status_code

    def xlsx():
        size["bytes"] = len(write_xlsx(conference))

    print(f"{conference}: {conference.registrations.count()} registrations, "
          f"{Meeting.objects.filter(conference=conference).count()} meetings, "
          f"{MeetingOutcome.objects.filter(meeting__conference=conference).count()} outcomes "
          f"({os.environ['DATABASE_URL'].split(':')[0]})")
    for name, function in [("dashboard figures", lambda: build_dashboard(conference)),
                           ("dashboard page", page), ("xlsx export", xlsx)]:
        best, median, cpu, queries = timed(function, options.repeat)
        target = TARGETS.get(name)
        verdict = f"target < {target:.0f} s: {'met' if median < target else 'MISSED'}" \
            if target else ""
        print(f"{name:18} best {best:6.3f} s  median {median:6.3f} s  cpu {cpu:6.3f} s  "
              f"{queries:3d} queries  {verdict}")
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"xlsx size {size['bytes']:,} bytes")


if __name__ == "__main__":
    main()
