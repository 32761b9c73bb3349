"""A real Celery worker on Redis is killed mid-run: nothing is lost or duplicated."""

import datetime as dt
import os
import signal
import subprocess
import sys
import time
import uuid

import psutil
import pytest
import redis
from django.db import connection
from django.utils import timezone

from matchmaking.celery import app
from matchmaking.models import Meeting, RunStatus, ScheduleRun, Unavailability
from matchmaking.services import scheduling
from matchmaking.services.publishing import publish_schedule_run
from tests.conftest import require
from tests.matchmaking.scheduling_helpers import small_event

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]
# The configured Redis database, so engineers (and CI passes) sharing one Redis server never
# hand each other's runs to the wrong worker; the test flushes it.
BROKER = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/15"


def redis_answers() -> bool:
    try:
        return redis.Redis.from_url(BROKER, socket_connect_timeout=1).ping()
    except redis.RedisError:
        return False


@pytest.fixture
def broker():
    require(redis_answers(), "needs Redis on 127.0.0.1:6379")
    redis.Redis.from_url(BROKER).flushdb()
    saved = app.conf.task_always_eager, app.conf.broker_url
    app.conf.task_always_eager, app.conf.broker_url = False, BROKER
    forget_connections()
    yield BROKER
    app.conf.task_always_eager, app.conf.broker_url = saved
    forget_connections()


def forget_connections():
    """Drop pooled broker connections, which still point at the broker they were made for
    (a test that ran before may have connected to the configured REDIS_URL)."""
    app._pool = None
    app.amqp._producer_pool = None


def database_url() -> str:
    s = connection.settings_dict
    if connection.vendor == "postgresql":
        return f"postgres://{s['USER']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"
    return f"sqlite:///{s['NAME']}"


def start_worker(log_path):
    env = {**os.environ, "DATABASE_URL": database_url(), "CELERY_BROKER_URL": BROKER,
           "REDIS_URL": BROKER, "CELERY_TASK_ALWAYS_EAGER": "false"}
    command = [sys.executable, "-m", "celery", "-A", "matchmaking", "worker", "--pool=prefork",
               "--concurrency=1", "--loglevel=INFO", "-n", f"kill-test-{uuid.uuid4().hex[:6]}@%h",
               "--without-gossip", "--without-mingle"]
    log = open(log_path, "ab")  # noqa: SIM115 (the worker writes to it until killed)
    return subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT,
                            start_new_session=True)


def wait_for(predicate, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def status_of(run):
    return ScheduleRun.objects.values_list("status", flat=True).get(pk=run.pk)


def stop(worker, sig=signal.SIGKILL):
    os.killpg(worker.pid, sig)
    worker.wait(timeout=30)


def slow_event(conference):
    """80 accepted requests; buyers cannot meet in the middle slots, so breaks are
    unavoidable and the engine keeps searching for a while: long enough to kill a worker
    mid-run."""
    grid, buyers, _suppliers, requests = small_event(conference, buyers=8, suppliers=10,
                                                     slot_count=14, tables=8)
    for buyer in buyers:
        for slot in grid[6:8]:
            Unavailability.objects.create(enterprise=buyer, slot=slot)
    return requests


def pool_processes(worker) -> list[int]:
    return [child.pid for child in psutil.Process(worker.pid).children()]


def test_a_killed_pool_process_hands_its_run_straight_back_and_it_completes_once(
    conference, broker, tmp_path
):
    requests = slow_event(conference)
    worker = start_worker(tmp_path / "worker.log")
    try:
        run = scheduling.start_schedule_run(conference=conference, time_limit=15)
        wait_for(lambda: status_of(run) == RunStatus.RUNNING, 180, "the worker to start")
        holder = ScheduleRun.objects.get(pk=run.pk).claimed_by
        (child,) = pool_processes(worker)
        os.kill(child, signal.SIGKILL)
        # No sweeper: the main process requeues the message (acks_late,
        # reject_on_worker_lost) and its next pool process takes the run over.
        wait_for(lambda: status_of(run) == RunStatus.SUCCEEDED, 240, "the run to finish")
    finally:
        stop(worker, signal.SIGTERM)

    run.refresh_from_db()
    assert run.attempts == 2 and run.claimed_by == holder
    assert len(run.result["meetings"]) == len(requests) == 80
    assert not Meeting.objects.exists() and ScheduleRun.objects.count() == 1
    log = (tmp_path / "worker.log").read_text()
    assert "WorkerLostError" in log and "succeeded" in log


def test_worker_killed_mid_run_leaves_no_partial_schedule_and_the_run_completes(
    conference, broker, tmp_path
):
    requests = slow_event(conference)
    first = start_worker(tmp_path / "worker-1.log")
    try:
        run = scheduling.start_schedule_run(conference=conference, time_limit=30)
        wait_for(lambda: status_of(run) == RunStatus.RUNNING, 180, "the first worker to start")
    finally:
        stop(first)

    run.refresh_from_db()
    assert run.status == RunStatus.RUNNING and run.result is None
    assert not Meeting.objects.exists()

    second = start_worker(tmp_path / "worker-2.log")
    try:
        swept = scheduling.sweep_stale_runs(now=timezone.now() + dt.timedelta(minutes=5))
        assert swept["requeued"] == [run.pk]
        wait_for(lambda: status_of(run) == RunStatus.SUCCEEDED, 240, "the second worker")
    finally:
        stop(second, signal.SIGTERM)

    run.refresh_from_db()
    assert run.attempts == 2
    assert len(run.result["meetings"]) == len(requests) == 80
    assert not Meeting.objects.exists()
    publish_schedule_run(run=run)
    assert Meeting.objects.filter(status="scheduled").count() == 80
    assert ScheduleRun.objects.count() == 1
