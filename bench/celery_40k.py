"""A 40,000-meeting event scheduled by ONE real Celery worker, end to end.

    python -m bench.celery_40k [--database-url postgres://postgres@127.0.0.1:5432/mm_engine]
                               [--redis-url redis://127.0.0.1:6379/9] [--time-limit 30]

Creates a conference in the given PostgreSQL database (4,000 approved
companies, 3 days x 10 slots, 1,500 tables, 40,000 accepted requests, 10% of
the companies unavailable in three slots), starts a run through
`matchmaking.services.scheduling.start_schedule_run`, and lets one
`celery -A matchmaking worker --concurrency=1` process (broker: the given
Redis database) build the instance, solve it and store the draft. Measured:
wall time from the start of the run to the stored draft, the weight against
the engine's proven bound, and the peak resident memory of the worker's
processes. Targets: < 60 s, >= 99.5% of the bound, < 1.5 GB; PASS/MISS lines.
The database and the Redis database must be yours alone: both are written.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import signal
import subprocess
import sys
import time

COMPANIES, REQUESTS, DAYS, SLOTS_PER_DAY, TABLES = 4_000, 40_000, 3, 10, 1_500
TARGET_SECONDS, TARGET_SHARE, TARGET_MB = 60.0, 99.5, 1_536
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def setup(database_url: str, redis_url: str) -> None:
    # Explicit, never inherited: the worker and this process must share them.
    os.environ.update(DATABASE_URL=database_url, REDIS_URL=redis_url,
                      CELERY_TASK_ALWAYS_EAGER="false")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "matchmaking.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def create_event(seed: int = 0):
    """The conference, its slots, tables, companies and accepted requests (bulk inserts:
    this is benchmark data, not a business change, and services would take minutes)."""
    from django.db import transaction

    from accounts.models import Enterprise, Registration
    from events.models import Conference, ConferenceDay, SessionPlan
    from events.services import generate_slots, set_tables

    rng = random.Random(seed)
    with transaction.atomic():
        edition = (Conference.objects.order_by("-edition").values_list("edition", flat=True)
                   .first() or 0) + 1
        start = dt.date(2027, 6, 14)
        conference = Conference.objects.create(
            edition=edition, slug=f"bench-40k-{edition}", name=f"Bench 40k {edition}",
            host_city="Nanjing", host_country="CN", time_zone="Asia/Shanghai", start_date=start,
            end_date=start + dt.timedelta(days=DAYS - 1), status="matchmaking_open")
        slots = []
        for d in range(DAYS):
            day = ConferenceDay.objects.create(conference=conference,
                                               date=start + dt.timedelta(days=d))
            plan = SessionPlan.objects.create(day=day, name="Meetings", start_time=dt.time(9),
                                              end_time=dt.time(14), slot_minutes=30)
            slots += generate_slots(plan=plan)
        set_tables(conference=conference, count=TABLES)
        companies = Enterprise.objects.bulk_create(
            Enterprise(legal_name=f"Bench {edition} company {i}", slug=f"b{edition}-c{i}",
                       country="CN" if i % 2 else "US", role="supplier" if i % 2 else "buyer")
            for i in range(COMPANIES))
        Registration.objects.bulk_create(
            Registration(conference=conference, enterprise=c, status="approved")
            for c in companies)
        _unavailability(rng, companies, slots)
        _requests(rng, conference, companies)
    return conference


def _unavailability(rng, companies, slots) -> None:
    from matchmaking.models import Unavailability

    Unavailability.objects.bulk_create(
        Unavailability(enterprise=c, slot=s)
        for c in rng.sample(companies, COMPANIES // 10) for s in rng.sample(slots, 3))


def _requests(rng, conference, companies) -> None:
    """Buyers ask suppliers; no company gets more requests than 24 (of 30 slots)."""
    from django.utils import timezone

    from matchmaking.models import MeetingRequest

    buyers, suppliers = companies[::2], companies[1::2]
    degree = {c.pk: 0 for c in companies}
    pairs: set[tuple[int, int]] = set()
    rows = []
    expires = timezone.now() + dt.timedelta(days=60)
    while len(rows) < REQUESTS:
        a, b = rng.choice(buyers), rng.choice(suppliers)
        if (a.pk, b.pk) in pairs or degree[a.pk] >= 24 or degree[b.pk] >= 24:
            continue
        pairs.add((a.pk, b.pk))
        degree[a.pk] += 1
        degree[b.pk] += 1
        rows.append(MeetingRequest(
            conference=conference, sender=a, recipient=b, pair_low=min(a.pk, b.pk),
            pair_high=max(a.pk, b.pk), purpose="outsourcing_purchase", status="accepted",
            weight=rng.choice((1, 1, 2, 2, 3, 4, 5)), expires_at=expires))
    MeetingRequest.objects.bulk_create(rows, batch_size=5_000)


def start_worker(log_path: str) -> subprocess.Popen:
    """One worker process tree (one pool process); returns once it says it is ready."""
    log = open(log_path, "w")  # noqa: SIM115  (the worker writes it until stopped)
    worker = subprocess.Popen(
        [os.path.join(os.path.dirname(sys.executable), "celery"), "-A", "matchmaking", "worker",
         "--concurrency=1", "--loglevel=INFO", "--without-gossip", "--without-mingle"],
        cwd=ROOT, env=dict(os.environ), stdout=log, stderr=subprocess.STDOUT)
    for _ in range(600):
        with open(log_path, encoding="utf-8", errors="replace") as fh:
            if " ready." in fh.read():
                return worker
        time.sleep(0.1)
    raise SystemExit(f"the Celery worker did not start; see {log_path}")


def tree_rss_mb(pid: int) -> float:
    import psutil

    try:
        root = psutil.Process(pid)
        procs = [root, *root.children(recursive=True)]
        return sum(p.memory_info().rss for p in procs) / 2**20
    except psutil.Error:
        return 0.0


def measure(conference, time_limit: float, worker: subprocess.Popen) -> dict:
    from matchmaking.models import RunStatus, ScheduleRun
    from matchmaking.services.scheduling import start_schedule_run

    peak = tree_rss_mb(worker.pid)
    started = time.perf_counter()
    run = start_schedule_run(conference=conference, time_limit=time_limit, seed=0)
    while True:
        time.sleep(0.2)
        peak = max(peak, tree_rss_mb(worker.pid))
        status = ScheduleRun.objects.filter(pk=run.pk).values_list("status", flat=True).get()
        if status in (RunStatus.SUCCEEDED, RunStatus.FAILED):
            break
        if time.perf_counter() - started > 20 * TARGET_SECONDS:
            raise SystemExit("the run did not finish in 20 minutes")
    seconds = time.perf_counter() - started
    run.refresh_from_db()
    return {"status": run.status, "error": run.error, "seconds": seconds, "peak_mb": peak,
            "metrics": run.metrics or {}}


def report(figures: dict, time_limit: float) -> list[str]:
    m = figures["metrics"]

    def line(ok: bool, text: str) -> str:
        return f"{'PASS' if ok else 'MISS'} celery-40k [one worker]: {text}"

    return [
        f"run {figures['status']} {figures['error']}".strip(),
        f"requests {m.get('requests')}, scheduled {m.get('scheduled')}, weight {m.get('weight')}, "
        f"bound {m.get('bound')}, engine time limit {time_limit:g} s, engine seconds "
        f"{m.get('seconds')}",
        line(figures["seconds"] < TARGET_SECONDS,
             f"< 60 s from start to stored draft (took {figures['seconds']:.1f} s)"),
        line((m.get("quality_percent") or 0) >= TARGET_SHARE,
             f">= 99.5% of the proven bound (got {m.get('quality_percent')}%)"),
        line(figures["peak_mb"] < TARGET_MB,
             f"< 1.5 GB peak RSS of the worker's processes (got {figures['peak_mb']:.0f} MB)"),
    ]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.celery_40k", description=__doc__)
    p.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/mm_engine")
    p.add_argument("--redis-url", default="redis://127.0.0.1:6379/9")
    p.add_argument("--time-limit", type=float, default=30.0, help="engine seconds (default 30)")
    p.add_argument("--worker-log", default="/tmp/bench-celery-40k-worker.log")
    a = p.parse_args(argv)
    setup(a.database_url, a.redis_url)
    t0 = time.perf_counter()
    conference = create_event()
    print(f"created {conference} in {time.perf_counter() - t0:.1f} s", flush=True)
    worker = start_worker(a.worker_log)
    try:
        figures = measure(conference, a.time_limit, worker)
    finally:
        worker.send_signal(signal.SIGTERM)
        worker.wait(timeout=60)
    load = os.getloadavg()[0]
    print("\n".join(report(figures, a.time_limit) + [f"load average (1 min): {load:.2f}"]))
    return 0 if figures["status"] == "succeeded" else 1


if __name__ == "__main__":
    sys.exit(main())
