"""python -m bench.web: the product's production processes against the bare app.

    .venv/bin/python -m bench.web [--seconds 15] [--rounds 4] [--connections 16]
                                  [--markdown FILE] [--fresh]

Prepares the databases (a seed per app, loaded once; a fresh copy for every run), starts
the product (gunicorn, sync workers, DEBUG off, PostgreSQL with persistent connections,
Redis as cache and broker, a Celery worker) and the bare app (`bench/web/bare/`, gunicorn,
the same workers and connections), signs the users in on both, warms both up, then drives
them in interleaved rounds (product, bare, product, bare, ...) with the same mix and
prints requests/s and p50/p95/p99 per endpoint, the product/bare ratios and the verdicts.
"""

import argparse
import asyncio
import dataclasses
import datetime as dt
import json
import os
import resource
import secrets
import shlex
import signal
import subprocess
import sys
from pathlib import Path

import psycopg
import redis

from bench.web import report
from bench.web.bare.load import bare_key
from bench.web.databases import Server, database_url
from bench.web.load import drive, sign_in_all
from bench.web.mix import ENDPOINTS, MIX
from bench.web.processes import Processes, port_in_use, wait_ready
from bench.web.scenario import BARE, PRODUCT, AppSpec, VirtualUser
from bench.web.stats import ratio, summaries, verdicts

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="python -m bench.web", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=15, help="per app and round")
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--users", type=int, default=32, help="company users signed in")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn sync workers per app")
    parser.add_argument("--warmup", type=float, default=3, help="seconds per app, not counted")
    parser.add_argument("--markdown", type=Path, help="also write the figures as Markdown")
    parser.add_argument("--fresh", action="store_true", help="reload the seed databases")
    parser.add_argument("--beat", action="store_true", help="also run Celery beat")
    parser.add_argument("--seed", type=int, default=1, help="of the load generator")
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/mm_webbench",
                        help="the product's database; the others are named after it")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/5",
                        help="the product's broker")
    parser.add_argument("--cache-url", default="redis://127.0.0.1:6379/9",
                        help="the product's cache (a Redis database of its own)")
    parser.add_argument("--product-port", type=int, default=PRODUCT.port)
    parser.add_argument("--bare-port", type=int, default=BARE.port)
    parser.add_argument("--workdir", type=Path, default=ROOT / ".bench-web",
                        help="plan, logs and static files")
    return parser.parse_args(argv)


def setting_names() -> set[str]:
    """Every variable .env.example lists: none leaks in from the caller's environment."""
    names = set()
    for line in (ROOT / ".env.example").read_text().splitlines():
        if "=" in line and not line.lstrip().startswith("#"):
            names.add(line.split("=", 1)[0].strip())
    return names


def clean_env() -> dict:
    drop = setting_names() | {"DJANGO_SETTINGS_MODULE", "BARE_DATABASE_URL"}
    return {k: v for k, v in os.environ.items() if k not in drop}


def product_env(args, database: str, *, serving: bool) -> dict:
    workdir = args.workdir.resolve()
    env = clean_env() | {
        "DEBUG": "false", "SECRET_KEY": secrets.token_urlsafe(40),
        "ALLOWED_HOSTS": "127.0.0.1,localhost", "DATABASE_URL": database,
        "CONN_MAX_AGE": "60", "STATIC_ROOT": str(workdir / "static"),
        "MEDIA_ROOT": str(workdir / "media"), "PRIVATE_STORAGE_ROOT": str(workdir / "private"),
        "SITE_URL": f"http://127.0.0.1:{args.product_port}", "LOG_LEVEL": "INFO",
    }
    if serving:
        env |= {"REDIS_URL": args.redis_url, "CACHE_URL": args.cache_url,
                "EMAIL_URL": "consolemail://"}
    else:
        env |= {"CELERY_TASK_ALWAYS_EAGER": "true", "EMAIL_URL": "dummymail://",
                "CACHE_URL": "locmemcache://"}
    return env


def bare_env(database: str) -> dict:
    return clean_env() | {"DJANGO_SETTINGS_MODULE": "bench.web.bare.settings",
                          "BARE_DATABASE_URL": database, "CONN_MAX_AGE": "60",
                          "BARE_SECRET_KEY": secrets.token_urlsafe(40)}


def run(argv: list[str], env: dict, what: str) -> None:
    done = subprocess.run(argv, env=env, cwd=ROOT, capture_output=True, text=True)
    if done.returncode:
        raise RuntimeError(f"{what} failed:\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}")
    if done.stdout.strip():
        print(f"  {done.stdout.strip().splitlines()[-1]}")


@dataclasses.dataclass
class Names:
    product: str
    product_seed: str
    bare: str
    bare_seed: str

    @classmethod
    def from_url(cls, url: str) -> "Names":
        base = url.rsplit("/", 1)[1]
        return cls(base, f"{base}_seed", f"{base}_bare", f"{base}_bare_seed")


def prepare_databases(args, server: Server, names: Names) -> dict:
    """The seeds (once, or again with --fresh), then a fresh copy of each for this run."""
    plan_path = args.workdir / "plan.json"
    ready = (plan_path.exists() and server.exists(names.product_seed)
             and server.exists(names.bare_seed)
             and len(json.loads(plan_path.read_text())["users"]) == args.users)
    if args.fresh or not ready:
        print("Loading the seed databases (once; a few minutes)...")
        if args.fresh:
            server.drop(names.product_seed)
        if not server.exists(names.product_seed):
            server.create(names.product_seed)
        run([sys.executable, "-m", "bench.web.product_seed", str(plan_path),
             "--users", str(args.users)],
            product_env(args, database_url(args.database_url, names.product_seed),
                        serving=False), "product seed")
        server.drop(names.bare_seed)
        server.create(names.bare_seed)
        run([sys.executable, "-m", "bench.web.bare.load", str(plan_path)],
            bare_env(database_url(args.database_url, names.bare_seed)), "bare seed")
    for seed, copy in ((names.product_seed, names.product), (names.bare_seed, names.bare)):
        server.copy(seed, copy)
        server.analyze(copy)
    return json.loads(plan_path.read_text())


def flush_redis(*urls: str) -> None:
    for url in urls:
        redis.Redis.from_url(url).flushdb()


def collect_static(env: dict) -> None:
    # Every run: the manifest must list this checkout's files, or pages fail to render.
    run([sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"], env,
        "collectstatic")


def gunicorn(module: str, port: int, workers: int) -> list[str]:
    return [str(BIN / "gunicorn"), module, "--bind", f"127.0.0.1:{port}",
            "--workers", str(workers), "--worker-class", "sync", "--timeout", "60"]


def start_servers(args, procs: Processes, product: AppSpec, bare: AppSpec, names: Names):
    env = product_env(args, database_url(args.database_url, names.product), serving=True)
    collect_static(env)
    web = procs.start("product-gunicorn", gunicorn("matchmaking.wsgi:application",
                                                   product.port, args.workers),
                      env=env, cwd=ROOT)
    procs.start("product-celery-worker", [str(BIN / "celery"), "-A", "matchmaking", "worker",
                                          "--loglevel=INFO", "--concurrency=2"],
                env=env, cwd=ROOT)
    if args.beat:
        procs.start("product-celery-beat", [str(BIN / "celery"), "-A", "matchmaking", "beat",
                                            "--loglevel=INFO",
                                            "--schedule", str(args.workdir / "beat-schedule")],
                    env=env, cwd=ROOT)
    reference = procs.start("bare-gunicorn", gunicorn("bench.web.bare.wsgi:application",
                                                      bare.port, args.workers),
                            env=bare_env(database_url(args.database_url, names.bare)), cwd=ROOT)
    for app, process, log in ((product, web, "product-gunicorn"),
                              (bare, reference, "bare-gunicorn")):
        try:
            wait_ready(f"http://127.0.0.1:{app.port}{app.health}", process)
        except RuntimeError as error:
            raise RuntimeError(f"{error}\n{procs.log_tail(log)}") from error


def users_for(app: AppSpec, plan: dict) -> list[VirtualUser]:
    return [VirtualUser(email=u["email"], password=u["password"],
                        api_key=u["api_key"] if app.name == "product" else bare_key(u["api_key"]),
                        request=u["request"], meeting=u["meeting"], slot=u["slot"])
            for u in plan["users"]]


def load_average() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def main(argv=None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    sys.stdout.reconfigure(line_buffering=True)
    # Ctrl-C stops the run (and every server) even when a script started it in the
    # background, where SIGINT arrives ignored.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    product = dataclasses.replace(PRODUCT, port=args.product_port)
    bare = dataclasses.replace(BARE, port=args.bare_port)
    for app in (product, bare):
        if port_in_use(app.port):
            print(f"Port {app.port} is in use: stop what listens there or choose another "
                  f"(--{app.name}-port).", file=sys.stderr)
            return 2
    args.workdir.mkdir(parents=True, exist_ok=True)
    load_start = load_average()
    print(f"Load average at start: {load_start} ({os.cpu_count()} CPUs)")
    server = Server(database_url(args.database_url, "postgres"))
    names = Names.from_url(args.database_url)
    try:
        plan = prepare_databases(args, server, names)
        flush_redis(args.redis_url, args.cache_url)
        with Processes(args.workdir) as procs:
            start_servers(args, procs, product, bare, names)
            results = measure(args, plan, product, bare, procs)
    except KeyboardInterrupt:
        print("Interrupted: every process started is stopped.", file=sys.stderr)
        return 130
    except (RuntimeError, OSError, psycopg.Error, redis.RedisError) as error:
        print(f"Benchmark failed: {error}", file=sys.stderr)
        return 1
    print_report(args, plan, results, load_start)
    return 0


def measure(args, plan: dict, product: AppSpec, bare: AppSpec, procs: Processes) -> dict:
    apps = {app.name: (app, users_for(app, plan)) for app in (product, bare)}
    terms = tuple(plan["search_terms"])
    asyncio.run(_sign_in_everywhere(apps.values()))
    for app, users in apps.values():
        print(f"{app.name}: {len(users)} users signed in")
        if args.warmup:
            asyncio.run(drive(app, users, seconds=args.warmup, connections=args.connections,
                              seed=args.seed + 999, terms=terms))
    results = {name: {"samples": [], "wall": 0.0, "cpu": 0.0, "round_rps": []} for name in apps}
    results["chronological"] = []
    generator = _own_cpu()
    for number in range(1, args.rounds + 1):
        for name, (app, users) in apps.items():
            cpu = procs.cpu_seconds(f"{name}-")
            samples, wall = asyncio.run(drive(app, users, seconds=args.seconds,
                                              connections=args.connections,
                                              seed=args.seed * 100 + number, terms=terms))
            cpu = procs.cpu_seconds(f"{name}-") - cpu
            overall = summaries(samples, wall, [])[-1]
            line = (f"round {number} {name}: {overall.requests_per_second:.1f} req/s, "
                    f"p95 {overall.p95_ms:.0f} ms, {overall.errors} errors, "
                    f"{_per_request(cpu, overall.requests):.1f} CPU ms/request, "
                    f"load {load_average()}")
            print(line)
            results[name]["samples"] += samples
            results[name]["wall"] += wall
            results[name]["cpu"] += cpu
            results["chronological"].append(line)
            results[name]["round_rps"].append(overall.requests_per_second)
        share = ratio(results["product"]["round_rps"][-1], results["bare"]["round_rps"][-1])
        print(f"round {number} product/bare: {share:.2f}")
    results["generator_cpu"] = _own_cpu() - generator
    return results


async def _sign_in_everywhere(apps) -> None:
    # Both apps at once: password hashing makes signing in the slowest part of the setup.
    await asyncio.gather(*(sign_in_all(app, users) for app, users in apps))


def _own_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _per_request(cpu: float, requests: int) -> float:
    return cpu * 1000 / requests if requests else float("nan")


def print_report(args, plan: dict, results: dict, load_start: str) -> None:
    product = summaries(results["product"]["samples"], results["product"]["wall"], ENDPOINTS)
    bare = summaries(results["bare"]["samples"], results["bare"]["wall"], ENDPOINTS)
    table = report.rows(product, bare)
    judged = verdicts(product[-1], bare[-1])
    errors = [f"{name}: {s.endpoint}: {s.detail}" for name in ("product", "bare")
              for s in results[name]["samples"] if not s.ok][:8]
    shape = plan["shape"]
    context = [
        f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, {os.cpu_count()} CPUs shared with the "
        f"load generator; load average {load_start} at start, {load_average()} at end",
        "command: `.venv/bin/python -m bench.web " + shlex.join(sys.argv[1:]) + "`",
        f"{args.rounds} rounds x {args.seconds:g} s per app, interleaved product/bare; "
        f"{args.connections} connections; {len(plan['users'])} signed-in company users; "
        f"gunicorn {args.workers} sync workers each; CONN_MAX_AGE 60",
        "mix: " + ", ".join(f"{name} {share} %" for name, share in MIX)
        + " (booking = a POST that books or cancels, then the agenda it redirects to)",
        f"data: {len(shape['companies'])} companies, {len(shape['registrations'])} "
        f"registrations, {len(shape['slots'])} slots, {len(shape['requests'])} requests, "
        f"{len(shape['meetings'])} meetings (demo edition 2, copied into the bare app)",
        "app CPU per request (gunicorn workers, and the Celery worker for the product; "
        "PostgreSQL and Redis not counted): "
        + ", ".join(f"{name} {_per_request(results[name]['cpu'], row.requests):.1f} ms"
                    for name, row in (("product", product[-1]), ("bare", bare[-1])))
        + f"; load generator {results['generator_cpu']:.1f} CPU s over "
        f"{results['product']['wall'] + results['bare']['wall']:.0f} s of load",
        "product/bare requests/s per round: " + ", ".join(
            f"{ratio(p, b):.2f}" for p, b in zip(results["product"]["round_rps"],
                                                 results["bare"]["round_rps"], strict=True)),
    ]
    print()
    for line in context:
        print(line)
    print()
    print(report.text_table(table))
    print()
    for line in report.verdict_lines(judged):
        print(line)
    if errors:
        print("\nFirst errors:")
        for line in errors:
            print(f"  {line}")
    if args.markdown:
        args.markdown.write_text(report.markdown(context=context, table=table, verdicts=judged,
                                                 rounds=results["chronological"],
                                                 errors=errors))
        print(f"\nMarkdown written to {args.markdown}")
