"""Benchmark recommended partners on the 700-company demo (edition 5).

    python -m bench.recommendations [--db /tmp/bench-recommendations.sqlite3]
                                    [--repeat 3] [--markdown bench/RECOMMENDATIONS.md]

Loads the demo edition 5 into a scratch SQLite file (reused when already loaded), then
times, best and median of --repeat runs: reading the participants (the service's four
queries), the pure scoring alone, and `compute_recommendations` end to end (read, score,
delete and bulk insert, audit). Target: the whole conference in under 10 s.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from datetime import datetime

TARGET_SECONDS = 10.0
EDITION = 5


def setup_django(db_path: str) -> None:
    # Explicit, never inherited: a DATABASE_URL left in the shell could be a real database.
    os.environ["DATABASE_URL"] = f"sqlite:///{os.path.abspath(db_path)}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "matchmaking.settings")
    import django

    django.setup()


def ensure_demo() -> float | None:
    """Migrate and load edition 5 unless it is there; seconds spent loading, or None."""
    from django.core.management import call_command

    from accounts.models import Registration

    call_command("migrate", verbosity=0)
    if Registration.objects.filter(conference__edition=EDITION).approved().count() >= 700:
        return None
    started = time.perf_counter()
    with open(os.devnull, "w") as quiet:
        call_command("load_demo", edition=[EDITION], no_progress=True, stdout=quiet)
    return time.perf_counter() - started


def timed(function, repeat: int) -> tuple[list[float], object]:
    seconds, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = function()
        seconds.append(time.perf_counter() - started)
    return seconds, result


def measure(repeat: int) -> tuple[list[tuple[str, list[float]]], dict]:
    from events.models import Conference, Pairing
    from matchmaking.recommendations import scoring, services

    conference = Conference.objects.get(edition=EDITION)

    def read():
        return (services.participants(conference=conference),
                services.stated_interest(conference=conference))

    read_seconds, ((companies, labels), interests) = timed(read, repeat)
    anyone = conference.pairing == Pairing.ANYONE
    score_seconds, scored = timed(lambda: scoring.recommend(
        companies, interests=interests, anyone=anyone, field_labels=labels), repeat)
    total_seconds, rows = timed(
        lambda: services.compute_recommendations(conference=conference), repeat)
    counts = {
        "participants": len(companies),
        "pairs": sum(1 for _ in scoring.pairs(companies, anyone=anyone)),
        "rows": rows,
        "stored": len(scored),
        "keep": services.KEEP_PER_COMPANY,
    }
    return [("read participants (4 queries)", read_seconds),
            ("score all pairs (pure Python)", score_seconds),
            ("compute_recommendations end to end", total_seconds)], counts


def report(timings, counts, load_seconds, repeat: int) -> str:
    lines = [
        f"Recommendations benchmark, {datetime.now():%Y-%m-%d %H:%M}, Python "
        f"{platform.python_version()}, {os.cpu_count()} CPUs (load average "
        f"{os.getloadavg()[0]:.1f} at the end), SQLite, best/median of {repeat}",
        "",
        f"Edition {EDITION}: {counts['participants']} approved participants, "
        f"{counts['pairs']:,} buyer-supplier pairs scored, {counts['rows']:,} rows stored "
        f"(top {counts['keep']} per company on each side + stated interest)",
    ]
    if load_seconds is not None:
        lines.append(f"Demo loaded this run in {load_seconds:.1f} s")
    lines += ["", "| stage | best s | median s |", "| --- | ---: | ---: |"]
    for name, seconds in timings:
        lines.append(f"| {name} | {min(seconds):.2f} | {statistics.median(seconds):.2f} |")
    total = statistics.median(timings[-1][1])
    verdict = "PASS" if total < TARGET_SECONDS else "MISS"
    lines += ["", f"{verdict}: whole conference in {total:.2f} s (target < {TARGET_SECONDS:.0f} s)"]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="/tmp/bench-recommendations.sqlite3",
                        help="Scratch SQLite file (created and loaded when missing).")
    parser.add_argument("--repeat", type=int, default=3, help="Runs per stage.")
    parser.add_argument("--markdown", help="Also write the report to this file.")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    setup_django(args.db)
    load_seconds = ensure_demo()
    timings, counts = measure(args.repeat)
    text = report(timings, counts, load_seconds, args.repeat)
    print(text)
    if args.markdown:
        with open(args.markdown, "w") as handle:
            handle.write("# Recommendations benchmark\n\nLatest output of "
                         "`python -m bench.recommendations`:\n\n" + text + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
