"""PostgreSQL restarted under light load: clean 503s while it is away, then recovery
without restarting anything else.

    python -m bench.faults.postgres_restart [--pg-port 5439] [--web-port 8105]

Creates a private PostgreSQL cluster (initdb; as root through the postgres user) on
--pg-port, migrates it, starts gunicorn (2 sync workers, CONN_MAX_AGE=60 with connection
health checks) on --web-port, and drives 3 threads looping over the landing page, a
signed-in portal page, an API list and /readyz. Then `pg_ctl restart -m fast`, and later
`pg_ctl stop -m fast`, 5 s away, `pg_ctl start`. Prints every answer counted by phase and
status, the 5xx that were not a clean 503, and how long after the database was back each
address answered 200 again. Target: 0 server errors (500), every 503 clean (Retry-After,
the API's JSON error or the HTML page, no traceback), recovery in the same processes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import tempfile
import time
from collections import Counter

from bench.faults import processes as p
from bench.faults.seed import seed


def clean_503(answer: p.Answer) -> bool:
    if answer.status != 503 or answer.traceback:
        return False
    if answer.path == "/readyz":  # for orchestration: says what is down
        return b'"database": "down"' in answer.body
    if answer.retry_after != "5":
        return False
    if answer.path.startswith("/api/"):
        return answer.error_code() == "unavailable"
    return b"Briefly unavailable" in answer.body


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pg-port", type=int, default=5439)
    parser.add_argument("--web-port", type=int, default=8105)
    args = parser.parse_args()
    logs = tempfile.mkdtemp(prefix="faults-pg-restart-")
    cluster = p.PostgresCluster(args.pg_port)
    cluster.create()
    env = {"DATABASE_URL": cluster.url(), "CONN_MAX_AGE": "60", "DEBUG": "false",
           "CELERY_TASK_ALWAYS_EAGER": "true", "CELERY_BROKER_URL": "", "REDIS_URL": "",
           "SECRET_KEY": "faults-postgres-restart", "LOG_LEVEL": "WARNING",
           "EMAIL_URL": "dummymail://"}
    web = None
    try:
        p.manage(env, "migrate", "--no-input")
        p.django_setup(env)
        world = seed()
        base = f"http://127.0.0.1:{args.web_port}"
        web = p.gunicorn(env, args.web_port, os.path.join(logs, "gunicorn.log"))
        pids = sorted(child.pid for child in __import__("psutil").Process(web.pid).children())
        calls = [
            lambda: p.get(f"{base}/"),
            lambda: p.get(f"{base}/portal/",
                          headers={"Cookie": f"sessionid={world.session_cookie}"}),
            lambda: p.get(f"{base}/api/v1/conferences/",
                          headers={"Authorization": f"Bearer {world.partner_key}"}),
            lambda: p.get(f"{base}/readyz"),
        ]
        marks = {}
        with p.Load(calls, threads=3) as load:
            time.sleep(10)
            marks["restart"] = time.monotonic()
            cluster.restart()
            marks["restarted"] = time.monotonic()
            time.sleep(10)
            marks["stop"] = time.monotonic()
            cluster.stop()
            time.sleep(5)
            cluster.start()
            marks["started"] = time.monotonic()
            time.sleep(10)
        same_processes = pids == sorted(
            child.pid for child in __import__("psutil").Process(web.pid).children())
        report(load.answers, marks, same_processes)
    finally:
        if web is not None:
            p.stop(web)
        cluster.remove()


def phase(answer: p.Answer, marks: dict) -> str:
    if answer.at < marks["restart"]:
        return "before"
    if answer.at < marks["stop"]:
        return "restart -m fast"
    if answer.at < marks["started"]:
        return "stopped 5 s"
    return "after start"


def report(answers: list[p.Answer], marks: dict, same_processes: bool) -> None:
    print(f"# PostgreSQL restart under light load, {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC")
    print(f"pg_ctl restart -m fast took {marks['restarted'] - marks['restart']:.1f} s")
    by_phase = Counter((phase(a, marks), a.status) for a in answers)
    for name in ("before", "restart -m fast", "stopped 5 s", "after start"):
        counts = {status: n for (ph, status), n in sorted(by_phase.items()) if ph == name}
        print(f"{name:>16}: {counts}")
    errors = [a for a in answers if a.status >= 500 and not clean_503(a)]
    unavailable = [a for a in answers if a.status == 503]
    print(f"answers: {len(answers)}, 503: {len(unavailable)}, clean 503: "
          f"{sum(clean_503(a) for a in unavailable)}, server errors or unclean: {len(errors)}, "
          f"connection failures: {sum(a.status == 0 for a in answers)}")
    for answer in errors[:5]:
        print(f"  unclean {answer.status} {answer.path}: {answer.body[:200]!r}")
    print(f"readyz said 503 during the outage: "
          f"{any(a.path == '/readyz' and a.status == 503 for a in answers)}")
    for mark in ("restarted", "started"):
        late = {}
        for answer in answers:
            if answer.at >= marks[mark] and answer.status == 200 and answer.path not in late:
                late[answer.path] = answer.at - marks[mark]
        print(f"first 200 after the database was back ({mark}): "
              + ", ".join(f"{path} {seconds:.2f} s" for path, seconds in sorted(late.items())))
    print(f"gunicorn workers unchanged (no restart): {same_processes}")
    print(f"RESULT: {'PASS' if not errors and same_processes else 'MISS'}")


if __name__ == "__main__":
    main()
