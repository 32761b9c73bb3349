"""Time the web tier's four hot endpoints in-process, with their query counts.

    python -m bench.web_profile --database-url postgres://postgres@127.0.0.1:5432/mm_speed \
        [--repeat 30] [--profile agenda|directory|api|book|cancel] [--language en|zh-hans]

Needs a database with the demo loaded (`load_demo`, then statistics refreshed). Signs in
as a company of the demo's scheduled 2nd edition and requests, --repeat times each,
through Django's test client (the whole middleware stack, no network): the portal agenda,
the directory, the API's enterprise list, and a booking (POST) followed by its cancel
(POST), so every round books the same free slot again. E-mails and webhooks are left in
the outbox for a worker, as in production. Prints per endpoint the median wall
and CPU milliseconds of this process (CPU is what a quiet machine would show when the
cores are shared) and the queries per request. `--profile NAME` prints cProfile's top
functions by cumulative time for that endpoint instead.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import statistics
import time

EDITION = 2
LOGIN = "supplier@cisocc.test"


def setup_django(database_url: str) -> None:
    # Explicit, never inherited: a DATABASE_URL left in the shell could be a real database.
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "matchmaking.settings")
    os.environ.setdefault("CELERY_TASK_ALWAYS_EAGER", "true")
    import django

    django.setup()


def bookable(enterprise, conference):
    """An accepted request of the enterprise and a slot it may be booked in: a booked one
    is cancelled first (through the service), so rounds of book + cancel repeat."""
    from matchmaking.models import Meeting, MeetingRequest, MeetingStatus, RequestStatus
    from matchmaking.portal.slots import free_slots
    from matchmaking.services.booking import cancel_meeting

    accepted = MeetingRequest.objects.filter(
        conference=conference, status=RequestStatus.ACCEPTED, sender=enterprise,
    ) | MeetingRequest.objects.filter(
        conference=conference, status=RequestStatus.ACCEPTED, recipient=enterprise)
    request = accepted.order_by("pk").first()
    if request is None:
        raise SystemExit(f"{enterprise} has no accepted request in {conference}.")
    for meeting in Meeting.objects.filter(request=request, status=MeetingStatus.SCHEDULED):
        cancel_meeting(meeting=meeting, enterprise=enterprise, reason="benchmark")
    slots = free_slots(request=request)
    if not slots:
        raise SystemExit(f"No free slot for {request}.")
    return request, slots[0]


def measure(function, repeat: int) -> tuple[float, float, float]:
    """Median wall ms, median CPU ms and the queries of one call."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    wall, cpu, queries = [], [], 0
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            start, start_cpu = time.perf_counter(), time.process_time()
            function()
            wall.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
        queries = len(captured)
    return statistics.median(wall) * 1000, statistics.median(cpu) * 1000, queries


def endpoints(client, conference, request, slot, prefix: str) -> dict:
    from matchmaking.models import Meeting, MeetingStatus

    def get(url):
        def call():
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
        return call

    def book():
        response = client.post(f"{prefix}/portal/requests/{request.pk}/book/",
                               {"slot": slot.pk})
        assert response.status_code == 302, response.content.decode()[:500]

    def cancel():
        meeting = Meeting.objects.get(request=request, status=MeetingStatus.SCHEDULED)
        response = client.post(f"{prefix}/portal/meetings/{meeting.pk}/cancel/",
                               {"reason": "benchmark"})
        assert response.status_code == 302, response.status_code

    return {
        "agenda": get(f"{prefix}/portal/agenda/"),
        "directory": get(f"{prefix}/portal/directory/"),
        "api": get(f"/api/v1/enterprises/?conference={conference.slug}"),
        "book": book, "cancel": cancel,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--profile", choices=["agenda", "directory", "api", "book", "cancel"])
    parser.add_argument("--language", default="en", choices=["en", "zh-hans"])
    options = parser.parse_args()
    setup_django(options.database_url)

    from matchmaking.outbox import relay
    from matchmaking.outbox.tasks import send_email
    from matchmaking.tasks.webhooks import deliver_webhook

    # A worker sends the e-mails and webhooks, not the web process: they stay queued.
    with relay.holding(send_email, deliver_webhook):
        run(options)


def run(options) -> None:
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    from accounts.models import User
    from events.models import Conference
    from matchmaking.privacy.services import record_consent

    conference = Conference.objects.get(edition=EDITION)
    user = User.objects.get(email=LOGIN)
    # A regular visitor has accepted the privacy notice (else every page asks again).
    record_consent(user=user, version=settings.PRIVACY_NOTICE_VERSION)
    request, slot = bookable(user.enterprise, conference)
    client = Client()
    client.force_login(user)
    prefix = "" if options.language == "en" else f"/{options.language}"
    if options.language != "en":
        User.objects.filter(pk=user.pk).update(language=options.language)
    calls = endpoints(client, conference, request, slot, prefix)
    for function in calls.values():  # warm up: imports, template loading, connections
        function()
    if options.profile:
        book, cancel = calls["book"], calls["cancel"]
        profiler = cProfile.Profile()
        for _ in range(options.repeat):
            if options.profile == "cancel":
                book()
            profiler.enable()
            calls[options.profile]()
            profiler.disable()
            if options.profile == "book":
                cancel()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(35)
        return
    print(f"{conference} as {LOGIN} ({connection.vendor}, {options.language}), "
          f"median of {options.repeat}:")
    for name in ["agenda", "directory", "api"]:
        wall, cpu, queries = measure(calls[name], options.repeat)
        print(f"  {name:10} {wall:7.1f} ms wall  {cpu:7.1f} ms cpu  {queries:3d} queries")
    booked, cancelled = [], []
    for _ in range(options.repeat):
        booked.append(measure(calls["book"], 1))
        cancelled.append(measure(calls["cancel"], 1))
    for name, rows in [("book", booked), ("cancel", cancelled)]:
        wall = statistics.median(row[0] for row in rows)
        cpu = statistics.median(row[1] for row in rows)
        print(f"  {name:10} {wall:7.1f} ms wall  {cpu:7.1f} ms cpu  {rows[-1][2]:3d} queries")
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
