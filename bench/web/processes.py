"""Server processes the benchmark starts, each in its own process group, and stops again
however the run ends (normal end, error, Ctrl-C, SIGTERM)."""

import contextlib
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path


class Processes:
    """Use as a context manager; every process started inside is stopped on exit."""

    def __init__(self, log_dir: Path):
        self.log_dir = log_dir
        self.started: list[tuple[str, subprocess.Popen]] = []

    def __enter__(self):
        self._previous = signal.signal(signal.SIGTERM, _raise_interrupt)
        return self

    def __exit__(self, *exc):
        self.stop_all()
        signal.signal(signal.SIGTERM, self._previous)
        return False

    def start(self, name: str, argv: list[str], *, env: dict, cwd: Path) -> subprocess.Popen:
        with open(self.log_dir / f"{name}.log", "w") as log:
            process = subprocess.Popen(argv, env=env, cwd=cwd, stdout=log,
                                       stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                       start_new_session=True)
        self.started.append((name, process))
        return process

    def stop_all(self, grace: float = 10.0) -> None:
        for _name, process in reversed(self.started):
            _signal_group(process, signal.SIGTERM)
        until = time.monotonic() + grace
        for _name, process in reversed(self.started):
            try:
                process.wait(max(until - time.monotonic(), 0.1))
            except subprocess.TimeoutExpired:
                _signal_group(process, signal.SIGKILL)
                process.wait(5)
        # Children that outlived their leader (a gunicorn worker, a Celery child).
        for _name, process in self.started:
            _signal_group(process, signal.SIGKILL)
        self.started.clear()

    def cpu_seconds(self, prefix: str) -> float:
        """CPU time used so far by the processes named `prefix...` and their children
        (gunicorn workers, Celery's pool), user and system."""
        import psutil  # a dev dependency, like the rest of bench/

        total = 0.0
        for name, process in self.started:
            if not name.startswith(prefix):
                continue
            try:
                root = psutil.Process(process.pid)
                for member in (root, *root.children(recursive=True)):
                    times = member.cpu_times()
                    total += times.user + times.system
            except psutil.NoSuchProcess:
                continue
        return total

    def log_tail(self, name: str, lines: int = 20) -> str:
        path = self.log_dir / f"{name}.log"
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])


def _signal_group(process: subprocess.Popen, signum: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signum)


def _raise_interrupt(signum, frame):
    raise KeyboardInterrupt


def port_in_use(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket() as probe:
        probe.settimeout(0.5)
        return probe.connect_ex((host, port)) == 0


def wait_ready(url: str, process: subprocess.Popen, timeout: float = 90.0) -> None:
    """Until `url` answers 200; raises if the process exits or the time runs out."""
    until = time.monotonic() + timeout
    while time.monotonic() < until:
        if process.poll() is not None:
            raise RuntimeError(f"{url}: the server exited with status {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:
                if answer.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.5)
    raise RuntimeError(f"{url}: not ready after {timeout:.0f} s")
