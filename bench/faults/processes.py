"""The real processes a fault script starts, stops and kills: a private PostgreSQL cluster,
a private Redis, gunicorn, Celery workers and beat; and a small HTTP load with a record of
every answer. Nothing here touches the shared servers: each script takes its own ports."""

from __future__ import annotations

import contextlib
import glob
import http.client
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.path.join(ROOT, ".venv", "bin")


def django_setup(env: dict) -> None:
    """Configure this process like the servers it drives (same database, broker)."""
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "matchmaking.settings")
    sys.path.insert(0, ROOT)
    import django

    django.setup()


def wait_until(predicate, timeout: float, what: str, step: float = 0.2) -> float:
    """Seconds it took; raises when `timeout` passes first."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if predicate():
            return time.monotonic() - start
        time.sleep(step)
    raise SystemExit(f"timed out after {timeout:.0f} s waiting for {what}")


# --- PostgreSQL -------------------------------------------------------------------------

def _as_postgres(command: list[str]) -> list[str]:
    # initdb refuses to run as root; the cluster belongs to the postgres user.
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


class PostgresCluster:
    def __init__(self, port: int):
        self.port = port
        self.bin = sorted(glob.glob("/usr/lib/postgresql/*/bin"))[-1]
        self.directory = tempfile.mkdtemp(prefix="faults-pg-")
        self.data = os.path.join(self.directory, "data")
        if os.geteuid() == 0:
            shutil.chown(self.directory, "postgres", "postgres")

    def ctl(self, *args: str) -> None:
        subprocess.run(_as_postgres([f"{self.bin}/pg_ctl", "-D", self.data, "-w", "-t", "60",
                                     *args]), check=True, stdout=subprocess.DEVNULL)

    def create(self) -> None:
        subprocess.run(_as_postgres([f"{self.bin}/initdb", "-D", self.data, "-U", "postgres",
                                     "-A", "trust", "-E", "UTF8"]), check=True,
                       stdout=subprocess.DEVNULL)
        self.start()
        subprocess.run(["createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres",
                        "faults"], check=True)

    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/faults"

    def restart(self) -> None:
        self.ctl("-m", "fast", "restart")

    def stop(self) -> None:
        self.ctl("-m", "fast", "stop")

    def start(self) -> None:
        options = f"-p {self.port} -k {self.directory} -c listen_addresses=127.0.0.1"
        self.ctl("-o", options, "-l", os.path.join(self.directory, "log"), "start")

    def remove(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):
            self.stop()
        shutil.rmtree(self.directory, ignore_errors=True)


# --- Redis ------------------------------------------------------------------------------

class RedisServer:
    def __init__(self, port: int):
        self.port, self.process = port, None
        self.directory = tempfile.mkdtemp(prefix="faults-redis-")

    def url(self, db: int = 0) -> str:
        return f"redis://127.0.0.1:{self.port}/{db}"

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", self.directory],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_until(self.answers, 10, "redis-server to start", 0.05)

    def answers(self) -> bool:
        import redis

        try:
            return redis.Redis.from_url(self.url(), socket_connect_timeout=0.5).ping()
        except redis.RedisError:
            return False

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


# --- Our processes ----------------------------------------------------------------------

def spawn(command: list[str], env: dict, log: str) -> subprocess.Popen:
    return subprocess.Popen(command, env={**os.environ, **env}, cwd=ROOT,
                            stdout=open(log, "ab"), stderr=subprocess.STDOUT,  # noqa: SIM115 (open while it runs)
                            start_new_session=True)


def gunicorn(env: dict, port: int, log: str, workers: int = 2) -> subprocess.Popen:
    process = spawn([f"{BIN}/gunicorn", "matchmaking.wsgi", "--bind", f"127.0.0.1:{port}",
                     "--workers", str(workers), "--timeout", "60"], env, log)
    wait_until(lambda: get(f"http://127.0.0.1:{port}/healthz").status == 200, 60,
               "gunicorn to answer")
    return process


def celery_worker(env: dict, log: str, name: str, concurrency: int = 1) -> subprocess.Popen:
    return spawn([f"{BIN}/celery", "-A", "matchmaking", "worker", "--pool=prefork",
                  f"--concurrency={concurrency}", "--loglevel=INFO", "--without-gossip",
                  "--without-mingle", "-n", f"{name}@%h"], env, log)


def worker_ready(log: str) -> None:
    def ready():
        with open(log, "rb") as handle:
            return b" ready." in handle.read()

    wait_until(ready, 120, "the Celery worker to be ready", 0.5)


def celery_beat(env: dict, log: str, directory: str) -> subprocess.Popen:
    return spawn([f"{BIN}/celery", "-A", "matchmaking", "beat", "--loglevel=INFO",
                  "--pidfile", os.path.join(directory, "beat.pid")], env, log)


def stop(process: subprocess.Popen, sig=signal.SIGTERM) -> None:
    if process.poll() is None:
        os.killpg(process.pid, sig)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


def manage(env: dict, *args: str) -> None:
    subprocess.run([f"{BIN}/python", "manage.py", *args], env={**os.environ, **env}, cwd=ROOT,
                   check=True, stdout=subprocess.DEVNULL)


# --- HTTP -------------------------------------------------------------------------------

@dataclass
class Answer:
    at: float
    path: str
    status: int
    content_type: str = ""
    retry_after: str = ""
    body: bytes = b""

    @property
    def traceback(self) -> bool:
        return b"Traceback" in self.body or b"Server Error (500)" in self.body

    def error_code(self) -> str:
        try:
            return json.loads(self.body)["error"]["code"]
        except (ValueError, KeyError, TypeError):
            return ""


def request(url: str, *, data: dict | None = None, headers: dict | None = None,
            timeout: float = 10) -> Answer:
    body = json.dumps(data).encode() if data is not None else None
    headers = {**(headers or {}), **({"Content-Type": "application/json"} if body else {})}
    req = urllib.request.Request(url, data=body, headers=headers,
                                 method="POST" if body else "GET")
    path = urllib.request.urlparse(url).path
    try:
        with urllib.request.urlopen(req, timeout=timeout) as response:  # noqa: S310 (our own server)
            return Answer(time.monotonic(), path, response.status,
                          response.headers.get("Content-Type", ""),
                          response.headers.get("Retry-After", ""), response.read())
    except urllib.error.HTTPError as error:
        return Answer(time.monotonic(), path, error.code, error.headers.get("Content-Type", ""),
                      error.headers.get("Retry-After", ""), error.read())
    except (urllib.error.URLError, OSError, http.client.HTTPException) as error:
        return Answer(time.monotonic(), path, 0, body=str(error).encode())


def get(url: str, **kw) -> Answer:
    return request(url, **kw)


@dataclass
class Load:
    """Threads that loop over `calls` (each a function returning an Answer) until stopped."""

    calls: list
    threads: int = 3
    pause: float = 0.05
    answers: list = field(default_factory=list)

    def __post_init__(self):
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._workers = [threading.Thread(target=self._loop, args=(i,), daemon=True)
                         for i in range(self.threads)]

    def _loop(self, offset: int) -> None:
        i = offset
        while not self._stop.is_set():
            answer = self.calls[i % len(self.calls)]()
            with self._lock:
                self.answers.append(answer)
            i += 1
            time.sleep(self.pause)

    def __enter__(self):
        for worker in self._workers:
            worker.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        for worker in self._workers:
            worker.join(timeout=30)
