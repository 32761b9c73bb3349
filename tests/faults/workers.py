"""Real processes for the fault tests: a private Redis server that a test may stop, and
Celery workers started against the test database."""

import os
import signal
import socket
import subprocess
import sys
import time
import uuid

import redis

from matchmaking.celery import app
from tests.matchmaking.test_worker_kill import database_url, forget_connections


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RedisServer:
    """A redis-server of the test's own (no persistence, like a restarted cache), so it
    can be stopped and started without touching anyone else's."""

    def __init__(self, directory):
        self.port, self.directory, self.process = free_port(), directory, None

    def url(self, db: int = 0) -> str:
        return f"redis://127.0.0.1:{self.port}/{db}"

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(self.directory)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                if redis.Redis.from_url(self.url(), socket_connect_timeout=0.5).ping():
                    return
            except redis.RedisError:
                time.sleep(0.1)
        raise AssertionError("redis-server did not start")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


def start_worker(log_path, broker: str, *, concurrency: int = 1, pool: str = "prefork",
                 env: dict | None = None) -> subprocess.Popen:
    environment = {**os.environ, "DATABASE_URL": database_url(), "CELERY_BROKER_URL": broker,
                   "REDIS_URL": broker, "CELERY_TASK_ALWAYS_EAGER": "false",
                   "WEBHOOK_ALLOW_PRIVATE_ADDRESSES": "true", **(env or {})}
    command = [sys.executable, "-m", "celery", "-A", "matchmaking", "worker", f"--pool={pool}",
               f"--concurrency={concurrency}", "--loglevel=INFO", "--without-gossip",
               "--without-mingle", "-n", f"faults-{uuid.uuid4().hex[:6]}@%h"]
    log = open(log_path, "ab")  # noqa: SIM115 (the worker writes to it until stopped)
    return subprocess.Popen(command, env=environment, stdout=log, stderr=subprocess.STDOUT,
                            start_new_session=True)


def stop_worker(worker: subprocess.Popen) -> None:
    if worker.poll() is None:
        os.killpg(worker.pid, signal.SIGTERM)
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait(timeout=10)


class CeleryOn:
    """Publish from this process to `broker` (not eagerly) inside the block."""

    def __init__(self, broker: str):
        self.broker = broker

    def __enter__(self):
        self.saved = app.conf.task_always_eager, app.conf.broker_url
        app.conf.task_always_eager, app.conf.broker_url = False, self.broker
        forget_connections()
        return app

    def __exit__(self, *exc):
        app.conf.task_always_eager, app.conf.broker_url = self.saved
        forget_connections()
