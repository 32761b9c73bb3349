"""Run ONE solver on ONE instance file in this (fresh) process.

    python -m bench._solve SOLVER INSTANCE.json OUT.json [--time-limit S] [--seed N]

SOLVER is ``engine`` (``matchmaking.scheduling.solve``, imported here and only
here), ``greedy`` or ``cpsat``. Writes to OUT.json::

    {"status": "ok" | "unavailable" | "no-solution" | "invalid-instance" | "error",
     "result": {...}, "seconds": wall seconds of the solve call alone,
     "peak_rss_mb": peak resident memory of this process (and its children),
     "error": "..."}

Peak memory is the kernel's high-water mark of resident memory (VmHWM, else
``getrusage``), which counts everything the process touched, unlike
tracemalloc. It includes the interpreter and the parsed instance (~15 MB for
an empty interpreter).
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
import traceback


def _peak_mb() -> float:
    """Peak RSS of this process plus that of any children it waited for, in MB.

    On Linux the process's own peak is VmHWM from /proc/self/status: unlike
    ``getrusage(RUSAGE_SELF).ru_maxrss`` it starts afresh at exec, so it does
    not inherit the (possibly much larger) peak of the harness that forked us.
    """
    own = None
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    own = int(line.split()[1])  # KiB
                    break
    except OSError:
        pass
    if own is None:
        own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return round((own + kids) / 1024, 1)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser()
    p.add_argument("solver", choices=("engine", "greedy", "cpsat"))
    p.add_argument("instance")
    p.add_argument("out")
    p.add_argument("--time-limit", type=float, default=10.0)
    p.add_argument("--seed", type=int, default=0)
    a = p.parse_args(argv)
    with open(a.instance, encoding="utf-8") as fh:
        instance = json.load(fh)
    report: dict = {"status": "ok", "solver": a.solver}
    try:
        if a.solver == "engine":
            try:
                from matchmaking.scheduling import InvalidInstance, solve
            except ImportError as exc:
                report.update(status="unavailable", error=f"engine not importable: {exc}")
                return _write(a.out, report)
            t0 = time.perf_counter()
            try:
                result = solve(instance, time_limit=a.time_limit, seed=a.seed)
            except InvalidInstance as exc:
                report.update(status="invalid-instance", error=str(exc),
                              seconds=time.perf_counter() - t0)
                return _write(a.out, report)
        elif a.solver == "greedy":
            from bench.baselines import greedy

            t0 = time.perf_counter()
            result = greedy(instance)
        else:
            from bench.baselines import NoSolution, NotInstalled, cpsat

            t0 = time.perf_counter()
            try:
                result = cpsat(instance, time_limit=a.time_limit, seed=a.seed)
            except NotInstalled as exc:
                report.update(status="unavailable", error=str(exc))
                return _write(a.out, report)
            except NoSolution as exc:
                report.update(status="no-solution", error=str(exc),
                              seconds=round(time.perf_counter() - t0, 3))
                return _write(a.out, report)
        report["seconds"] = round(time.perf_counter() - t0, 3)
        report["result"] = result
    except Exception as exc:  # reported to the harness, which fails loudly
        report.update(status="error", error=f"{type(exc).__name__}: {exc}",
                      traceback=traceback.format_exc())
    return _write(a.out, report)


def _write(path: str, report: dict) -> int:
    report["peak_rss_mb"] = _peak_mb()
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(report, fh)
    return 0


if __name__ == "__main__":
    sys.exit(main())
