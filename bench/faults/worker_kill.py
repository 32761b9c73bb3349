"""A Celery pool process, then a whole worker, killed during a schedule run.

    python -m bench.faults.worker_kill [--redis-port 6391] [--pg-port 5439]

A private PostgreSQL cluster and Redis, one worker (`--concurrency=1`) and beat (the
sweepers every minute). Two conferences of 80 accepted requests each, where breaks are
unavoidable so the engine searches for a while (time limit 15 s).

1. A run starts; once it is running, its pool process gets SIGKILL. The worker requeues
   the message (acks_late + reject_on_worker_lost) and its next pool process takes the
   run over at once. Bound: the run's own time again (no sweeper involved).
2. A run starts; once it is running, the whole worker (main process and pool) gets SIGKILL
   and a new worker is started at once, as a supervisor would. The message is gone with
   the worker until Redis's visibility timeout; beat's sweeper requeues the run once its
   heartbeat is STALE_AFTER (120 s) old, on its next tick (every 60 s). Bound:
   STALE_AFTER + 60 s + the run's own time. After MAX_ATTEMPTS (3) it is marked failed.

Each run is then published: prints the seconds from the kill to the finished run, its
attempts, the draft's meetings, the live meetings and the schedule e-mails (one per
company), against the bound.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import signal
import tempfile
import time

import psutil

from bench.faults import processes as p

TIME_LIMIT = 15.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--redis-port", type=int, default=6391)
    parser.add_argument("--pg-port", type=int, default=5439)
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="faults-kill-")
    cluster, redis = p.PostgresCluster(args.pg_port), p.RedisServer(args.redis_port)
    cluster.create()
    redis.start()
    env = {"DATABASE_URL": cluster.url(), "CELERY_BROKER_URL": redis.url(), "REDIS_URL":
           redis.url(), "CELERY_TASK_ALWAYS_EAGER": "false", "EMAIL_URL": "dummymail://",
           "SECRET_KEY": "faults-kill", "LOG_LEVEL": "INFO", "DEBUG": "false"}
    running = {}
    try:
        p.manage(env, "migrate", "--no-input")
        p.django_setup({**env, "LOG_LEVEL": "WARNING"})
        first, second = slow_event(), slow_event()
        running["beat"] = p.celery_beat(env, os.path.join(work, "beat.log"), work)
        running["worker"] = start_worker(env, work, "first")
        print(f"# Worker kills during a schedule run, {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC")
        report("pool process SIGKILL", first, kill_pool_process(first, running["worker"]),
               bound=None)
        from matchmaking.services.scheduling import STALE_AFTER

        bound = STALE_AFTER.total_seconds() + 60 + TIME_LIMIT + 30
        report("whole worker SIGKILL", second,
               kill_whole_worker(second, running, env, work), bound=bound)
    finally:
        for process in running.values():
            p.stop(process)
        redis.stop()
        cluster.remove()
    print(f"logs: {work}")


def start_worker(env, work, name):
    log = os.path.join(work, f"worker-{name}.log")
    worker = p.celery_worker(env, log, f"faults-{name}")
    p.worker_ready(log)
    return worker


def slow_event():
    from django.conf import settings

    from matchmaking.models import Unavailability
    from tests import factories
    from tests.matchmaking.scheduling_helpers import small_event

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    conference = factories.ConferenceFactory()
    grid, buyers, _suppliers, requests = small_event(conference, buyers=8, suppliers=10,
                                                     slot_count=14, tables=8)
    for buyer in buyers:
        for slot in grid[6:8]:
            Unavailability.objects.create(enterprise=buyer, slot=slot)
    return conference


def status_of(run) -> str:
    from matchmaking.models import ScheduleRun

    return ScheduleRun.objects.values_list("status", flat=True).get(pk=run.pk)


def start_running(conference):
    from matchmaking.services import scheduling

    run = scheduling.start_schedule_run(conference=conference, time_limit=TIME_LIMIT)
    p.wait_until(lambda: status_of(run) == "running", 120, "the run to start", 0.1)
    return run


def wait_finished(run) -> float:
    return p.wait_until(lambda: status_of(run) in ("succeeded", "failed"), 900,
                        "the run to finish", 0.5)


def kill_pool_process(conference, worker):
    run = start_running(conference)
    (child,) = psutil.Process(worker.pid).children()
    child.send_signal(signal.SIGKILL)
    return run, wait_finished(run)


def kill_whole_worker(conference, running, env, work):
    run = start_running(conference)
    p.stop(running.pop("worker"), signal.SIGKILL)
    killed = time.monotonic()
    running["worker"] = start_worker(env, work, "second")
    wait_finished(run)
    return run, time.monotonic() - killed


def report(what, conference, outcome, *, bound) -> None:
    from matchmaking.models import Meeting, ScheduleRun
    from matchmaking.outbox.models import OutgoingEmail
    from matchmaking.services.publishing import publish_schedule_run

    run, seconds = outcome
    run.refresh_from_db()
    runs = ScheduleRun.objects.filter(conference=conference)
    drafted = len(run.result["meetings"]) if run.result else 0
    if run.status == "succeeded":
        publish_schedule_run(run=run)
    live = Meeting.objects.filter(conference=conference, status="scheduled").count()
    notices = OutgoingEmail.objects.filter(conference=conference,
                                           template="schedule_published").count()
    companies = conference.registrations.filter(status="approved").count()
    within = ""
    if bound is not None:
        within = f" (bound {bound:.0f} s: {'within' if seconds <= bound else 'OVER'})"
    print(f"{what}: {run.status} {seconds:.0f} s after the kill{within}; attempts "
          f"{run.attempts}, runs {runs.count()}, draft meetings {drafted}, live meetings "
          f"{live}, schedule e-mails {notices} for {companies} companies")


if __name__ == "__main__":
    main()
