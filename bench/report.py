"""Tables and the markdown report of the benchmark harness (bench/run.py)."""

from __future__ import annotations

import os
import platform
from datetime import datetime


def fmt_row(r, bound: int) -> list[str]:
    if r.objective is None:
        return [r.scenario, r.solver, str(r.requests), "-", "-", "-", "-", "-", "-", "-", "-",
                num(r.seconds), num(r.peak_mb, 0), r.status]
    o = r.objective
    pct = 100.0 * o["scheduled"] / r.requests if r.requests else 100.0
    wpct = 100.0 * o["weight"] / bound if bound else 100.0
    status = "INVALID" if r.violations else r.status
    if r.optimal:
        status += " (optimal)"
    return [r.scenario, r.solver, str(r.requests), str(o["scheduled"]), f"{pct:.2f}%",
            f"{o['weight']}/{bound} ({wpct:.2f}%)", str(o["moved"]), str(o["fairness"]),
            str(o["idle_slots"]), str(o["breaks"]),
            "-" if r.breaks_bound is None else str(r.breaks_bound),
            num(r.seconds, 2), num(r.peak_mb, 0), status]


def num(x: float | None, digits: int = 2) -> str:
    return "-" if x is None else f"{x:.{digits}f}"


HEADER = ["instance", "solver", "requests", "scheduled", "sched %", "weight / bound (%)",
          "moved", "fairness", "idle slots", "breaks", "breaks bound", "seconds", "peak MB",
          "status"]


def text_table(rows: list[list[str]]) -> str:
    widths = [max(len(x[i]) for x in [HEADER, *rows]) for i in range(len(HEADER))]
    lines = ["  ".join(h.ljust(w) for h, w in zip(HEADER, widths, strict=False))]
    lines.append("  ".join("-" * w for w in widths))
    for row in rows:
        lines.append("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=False)))
    return "\n".join(lines)


def md_table(rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def loadavg() -> str:
    try:
        return f"{os.getloadavg()[0]:.2f}"
    except OSError:
        return "?"


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            for ln in fh:
                if ln.startswith("model name"):
                    cpu = ln.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    try:
        import ortools

        ort = f"ortools {ortools.__version__}"
    except ImportError:
        ort = "ortools not installed (CP-SAT baseline and LP bound skipped)"
    return (f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, "
            f"{platform.system()} {platform.release()}, {ort}")


def write_markdown(path: str, cmd: str, settings: str, load_start: str, parts: tuple) -> None:
    table, target_lines, notes, failures = parts
    md = [
        "# Scheduling benchmark results",
        "",
        f"- date: {datetime.now().astimezone().isoformat(timespec='seconds')}",
        f"- machine: {machine()}",
        f"- load average (1 min) at start / end: {load_start} / {loadavg()} "
        "(other processes on the machine skew the seconds column)",
        f"- command: `{cmd.strip()}`",
        f"- time limit per solver: {settings}",
        "- weight bound: the smallest of the combinatorial bound (bench/bounds.py), the LP "
        "relaxation (Lagrangian bound from PDLP duals, when ortools is installed) and "
        "CP-SAT's proven bound; `seconds` is the solve call alone, `peak MB` the solver "
        "process's peak RSS",
        "",
        md_table(table),
        "",
        "## Targets",
        "",
    ]
    md += [f"- {t}" for t in target_lines]
    if notes:
        md += ["", "## Notes", ""] + [f"- {n}" for n in notes]
    md += ["", "## Failures", ""]
    md += [f"- {f}" for f in failures] if failures else ["none"]
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("\n".join(md) + "\n")
