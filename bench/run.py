"""Benchmark the scheduling engine against baselines, with independent checks.

    python -m bench.run [--quick] [--scenarios a,b] [--time-limit S]
                        [--solvers engine,greedy,cpsat] [--markdown bench/RESULTS.md]

For each scenario: generate the instance (deterministic by seed), run every
solver in a fresh subprocess (``bench._solve``: wall time of the solve call,
peak RSS of the process), validate every result with ``bench.validate`` and
print one table plus PASS/MISS lines for the targets. Any rule violation,
misreported objective, untrue bound or solver crash is printed loudly and
makes the exit status 1. A MISS on a target does not change the exit status.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field

from bench.bounds import weight_upper_bound
from bench.families import b2b_targets, perturbation_targets
from bench.generate import SCENARIOS, generate
from bench.perturb import from_scratch, perturb
from bench.report import fmt_row, loadavg, num, text_table, write_markdown
from bench.validate import compute_objective, validate

ALL_SOLVERS = ("engine", "greedy", "cpsat")
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CPU_CLOCK = False  # --cpu-clock: solvers run through bench/cpu_clock.py


@dataclass
class Row:
    scenario: str
    kind: str
    solver: str
    requests: int
    status: str = "ok"
    objective: dict | None = None
    seconds: float | None = None
    peak_mb: float | None = None
    reported_bound: int | None = None
    breaks_bound: int | None = None
    optimal: bool | None = None
    violations: list = field(default_factory=list)
    note: str = ""


def run_solver(solver: str, path: str, time_limit: float, seed: int,
               engine_root: str = ROOT) -> dict:
    """One solver in a fresh process; `engine_root` is the checkout whose engine runs, with
    that checkout's own interpreter when it has one (its own install: a reference engine
    is measured as installed there, for example without OR-Tools)."""
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as fh:
        out = fh.name
    python = os.path.join(engine_root, ".venv", "bin", "python")
    if engine_root == ROOT or not os.path.exists(python):
        python = sys.executable
    entry = [os.path.join(ROOT, "bench", "cpu_clock.py")] if CPU_CLOCK else ["-m", "bench._solve"]
    cmd = [python, *entry, solver, path, out, "--time-limit", str(time_limit), "--seed", str(seed)]
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([engine_root, ROOT, env.get("PYTHONPATH", "")])
    t0 = time.perf_counter()
    try:
        # The working directory comes first on sys.path: it picks the engine's checkout.
        proc = subprocess.run(cmd, cwd=engine_root, env=env, capture_output=True, text=True,
                              timeout=time_limit * 4 + 120)
        with open(out, encoding="utf-8") as fh:
            report = json.load(fh)
        if proc.returncode != 0:
            report.setdefault("error", proc.stderr[-2000:])
    except subprocess.TimeoutExpired:
        report = {"status": "error", "error": f"timed out after {time.perf_counter() - t0:.0f}s"}
    except (OSError, ValueError) as exc:
        stderr = locals().get("proc").stderr[-2000:] if locals().get("proc") else ""
        report = {"status": "error", "error": f"no report ({exc}); stderr: {stderr}"}
    finally:
        if os.path.exists(out):
            os.unlink(out)
    report["wall"] = time.perf_counter() - t0
    return report


def lp_bound_or_none(instance: dict, max_requests: int, time_limit: float = 60) -> int | None:
    if len(instance["requests"]) > max_requests:
        return None
    try:
        from bench.baselines import NotInstalled, lp_bound
    except ImportError:
        return None
    try:
        return lp_bound(instance, time_limit=time_limit)["weight"]
    except (NotInstalled, RuntimeError):
        return None


def targets(label: str, scenario: str, kind: str, row: Row, bound: int, best: tuple[int, str],
            bound_src: str) -> list[str]:
    """PASS/MISS lines for one solver's row on one scenario."""
    tag = f"{label} [{row.solver}]"
    if row.objective is None or row.violations:
        return [f"MISS {tag}: no valid result ({row.status})"]
    o = row.objective
    out = []
    complete = o["scheduled"] == row.requests
    pct = 100.0 * o["scheduled"] / row.requests if row.requests else 100.0

    def line(ok: bool, text: str) -> str:
        return f"{'PASS' if ok else 'MISS'} {tag}: {text}"

    if kind == "konig":
        out.append(line(complete, f"100% scheduled (got {pct:.2f}%)"))
        if scenario == "konig-20k" and row.solver != "engine":
            out.append(line(complete and row.seconds is not None and row.seconds < 1.0,
                            f"100% in < 1 s at 20k (took {num(row.seconds)} s with a "
                            f"{row.solver.partition('@')[2] or 'full'} limit)"))
    elif kind in ("realistic", "seats_fixed"):
        wpct = 100.0 * o["weight"] / bound if bound else 100.0
        best_pct = 100.0 * best[0] / bound if bound else 100.0
        out.append(line(wpct >= 99.5,
                        f">= 99.5% of bound (got {wpct:.2f}% of {bound} [{bound_src}]; "
                        f"best solution known {best_pct:.2f}% by {best[1]})"))
    elif kind == "brokerage":
        out.append(line(complete, f"100% scheduled (got {pct:.2f}%); "
                                  f"breaks {o['breaks']} (aim 0), idle slots {o['idle_slots']}"))
    elif kind == "b2b":
        out.append(line(complete, f"100% scheduled (got {pct:.2f}%); breaks {o['breaks']}, "
                                  f"proven bound {row.breaks_bound}"))
    elif kind == "scale":
        out.append(line(row.seconds is not None and row.seconds < 10.0,
                        f"< 10 s (took {num(row.seconds)} s)"))
        out.append(line(row.peak_mb is not None and row.peak_mb < 1024,
                        f"< 1 GB peak RSS (got {num(row.peak_mb, 0)} MB)"))
    return out


def parse_seeds(text: str) -> list[int]:
    seeds: list[int] = []
    try:
        for part in text.split(","):
            lo, _, hi = part.strip().partition("-")
            seeds += list(range(int(lo), int(hi) + 1)) if hi else [int(lo)]
    except ValueError:
        return []
    return seeds


def _write_json(folder: str, name: str, data: dict) -> str:
    path = os.path.join(folder, f"{name}.json")
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(data, fh)
    return path


def _runs(solvers: list[str], limit: float, cpsat_limit: float, scen: str, path: str) -> list:
    """(label, solver, time limit, instance path, engine checkout) for one scenario.

    CP-SAT skips the b2b family: it maximises weight only, and every b2b event
    holds all its meetings (20 more CP-SAT runs would show nothing)."""
    if SCENARIOS[scen].kind == "b2b":
        solvers = [s for s in solvers if s != "cpsat"]
    runs = [(s, s, cpsat_limit if s == "cpsat" else limit, path, ROOT) for s in solvers]
    if "engine" in solvers:
        runs += [(f"engine@{lim:g}s", "engine", lim, path, ROOT)
                 for lim in SCENARIOS[scen].engine_limits]
    return runs


def _published_change(instance: dict, path: str, limit: float, seed: int) -> tuple[dict, dict]:
    """Schedule the base event with the engine, publish it, and apply the late change."""
    rep = run_solver("engine", path, limit, seed)
    if rep["status"] != "ok":
        raise SystemExit(f"perturbation: the base event could not be scheduled: {rep}")
    return perturb(instance, rep["result"], seed)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n")[0])
    p.add_argument("--quick", action="store_true", help="small scenarios only, shorter limit")
    p.add_argument("--scenarios", help="comma-separated names (see python -m bench.generate)")
    p.add_argument("--solvers", default=",".join(ALL_SOLVERS))
    p.add_argument("--time-limit", type=float, help="seconds per solver (default 10, quick 5)")
    p.add_argument("--seed", default="0",
                   help="instance and solver seed; several: 0,3,7 or 0-4 (rows named NAME#SEED)")
    p.add_argument("--lp-max-requests", type=int, default=50000,
                   help="compute the LP bound (needs ortools) up to this many requests")
    p.add_argument("--lp-time-limit", type=float, default=60,
                   help="wall seconds for PDLP's LP bound (default 60); on a loaded machine it "
                        "may stop unsolved, and the looser combinatorial bound is then used")
    p.add_argument("--cpsat-time-limit", type=float,
                   help="seconds for CP-SAT (default: the same as --time-limit)")
    p.add_argument("--markdown", help="also write the table and targets to this file")
    p.add_argument("--reference", metavar="PATH",
                   help="another checkout (e.g. /work/main) whose engine also runs the b2b "
                        "family, for the total-breaks comparison")
    p.add_argument("--cpu-clock", action="store_true",
                   help="engines count their time limit in their own CPU seconds "
                        "(bench/cpu_clock.py): figures of a quiet machine, whatever the load")
    a = p.parse_args(argv)
    global CPU_CLOCK
    CPU_CLOCK = a.cpu_clock
    time_limit = a.time_limit if a.time_limit is not None else (5.0 if a.quick else 10.0)
    if a.scenarios:
        names = [s.strip() for s in a.scenarios.split(",") if s.strip()]
        unknown = [n for n in names if n not in SCENARIOS]
        if unknown:
            p.error(f"unknown scenario(s) {unknown}; known: {', '.join(SCENARIOS)}")
    else:
        names = [n for n, s in SCENARIOS.items() if s.quick or not a.quick]
    seeds = parse_seeds(a.seed)
    if not seeds:
        p.error("--seed: give a number, a list 0,3,7 or a range 0-4")
    solvers = [s.strip() for s in a.solvers.split(",") if s.strip()]
    bad = [s for s in solvers if s not in ALL_SOLVERS]
    if bad:
        p.error(f"unknown solver(s) {bad}")

    load_start = loadavg()
    failures: list[str] = []
    notes: list[str] = []
    table: list[list[str]] = []
    target_lines: list[str] = []
    engine_available = True
    all_rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        for scen, seed in [(n, s) for n in names for s in seeds]:
            name = scen if len(seeds) == 1 else f"{scen}#{seed}"
            t0 = time.perf_counter()
            instance, info = generate(scen, seed)
            path = _write_json(tmp, name, instance)
            runs = _runs(solvers, time_limit, a.cpsat_time_limit or time_limit, scen, path)
            if info["kind"] == "perturb":
                instance, pinfo = _published_change(instance, path, time_limit, seed)
                info.update(requests=len(instance["requests"]), pinfo=pinfo)
                runs = [("engine", "engine", time_limit, _write_json(tmp, name, instance), ROOT),
                        ("scratch", "engine", time_limit,
                         _write_json(tmp, name + "-scratch", from_scratch(instance)), ROOT)]
            if info["kind"] == "b2b" and a.reference:
                runs.append(("reference", "engine", time_limit, path, a.reference))
            ub = weight_upper_bound(instance)
            bound, bound_src = ub["weight"], "combinatorial"
            lp = None
            if not info["complete_exists"]:  # else the bound is the total weight
                lp = lp_bound_or_none(instance, a.lp_max_requests, a.lp_time_limit)
            if lp is not None and lp < bound:
                bound, bound_src = lp, "LP"
            print(f"== {name}: {info['companies']} companies, {info['requests']} requests, "
                  f"{info['slots']} slots, max degree {info['max_degree']}; "
                  f"generated in {time.perf_counter() - t0:.1f}s", file=sys.stderr, flush=True)
            rows: list[Row] = []
            for label, solver, limit, run_path, engine_root in runs:
                rep = run_solver(solver, run_path, limit, seed, engine_root)
                row = Row(name, info["kind"], label, info["requests"], status=rep["status"],
                          seconds=rep.get("seconds"), peak_mb=rep.get("peak_rss_mb"))
                if rep["status"] == "unavailable":
                    row.status = "not installed" if solver == "cpsat" else "not available"
                    if solver == "engine":
                        engine_available = False
                    note = f"{solver}: {rep.get('error')}"
                    if note not in notes:
                        notes.append(note)
                elif rep["status"] == "invalid-instance" and label == "reference":
                    row.status = "refused"
                    notes.append(f"{name} [reference]: {rep.get('error')}")
                elif rep["status"] == "no-solution" and solver == "cpsat":
                    row.status = "no solution"
                    notes.append(f"{name} [cpsat]: {rep.get('error')}")
                elif rep["status"] != "ok":
                    msg = f"{name} [{solver}] {rep['status']}: {rep.get('error')}"
                    failures.append(msg)
                    print(f"!!! FAILURE {msg}\n{rep.get('traceback', '')}", file=sys.stderr)
                else:
                    res = rep["result"]
                    # The scratch run solved the instance without `previous`: judge it on that.
                    checked = from_scratch(instance) if label == "scratch" else instance
                    row.violations = validate(checked, res)
                    row.objective = compute_objective(checked, res.get("meetings") or [])
                    row.reported_bound = (res.get("upper_bound") or {}).get("weight")
                    row.optimal = res.get("optimal") is True
                    row.breaks_bound = (res.get("objective_bounds") or {}).get("breaks")
                    for v in row.violations:
                        failures.append(f"{name} [{label}] {v}")
                rows.append(row)
                print(f"   {label:9} {row.status:14} "
                      f"{json.dumps(row.objective) if row.objective else ''} "
                      f"{num(row.seconds)} s  {num(row.peak_mb, 0)} MB",
                      file=sys.stderr, flush=True)
            valid = [r for r in rows if r.objective is not None and not r.violations]
            best = max(((r.objective["weight"], r.solver) for r in valid), default=(0, "-"))
            for r in valid:
                rb = r.reported_bound
                if rb is not None and r.solver == "cpsat" and rb < bound:
                    bound, bound_src = rb, "CP-SAT"
            # Cross-checks: claimed bounds and optimality against what others found.
            for r in valid:
                if r.reported_bound is not None and r.reported_bound < best[0]:
                    failures.append(f"{name} [{r.solver}] claims upper bound "
                                    f"{r.reported_bound} but {best[1]} found weight {best[0]}")
                if r.optimal and r.objective["weight"] < best[0]:
                    failures.append(f"{name} [{r.solver}] claims optimal with weight "
                                    f"{r.objective['weight']} but {best[1]} found {best[0]}")
            if best[0] > bound:
                failures.append(f"{name}: benchmark bound {bound} ({bound_src}) is below a "
                                f"valid solution {best[0]} ({best[1]}) - harness bug")
            for r in rows:
                table.append(fmt_row(r, bound))
            all_rows += rows
            judged = [r for r in rows if r.solver.startswith("engine") and engine_available]
            if not judged:
                judged = [r for r in rows if r.solver == "greedy"]
            for r in judged:
                target_lines += targets(name, scen, info["kind"], r, bound, best, bound_src)
            if info["kind"] == "perturb":
                scratch = next((r for r in rows if r.solver == "scratch"), None)
                target_lines += perturbation_targets(name, rows[0], scratch, info["pinfo"])
                notes.append(f"{name}: {json.dumps(info['pinfo'])}")
            if info.get("planted_weight") is not None and info["kind"] != "konig":
                gap = "complete" if info["complete_exists"] else "partial"
                notes.append(f"{name}: hidden {gap} schedule has {info['planted_scheduled']} "
                             f"meetings, weight {info['planted_weight']}; bound {bound} "
                             f"({bound_src})")

    target_lines += b2b_targets(all_rows)
    if not engine_available:
        target_lines.insert(0, "NOTE engine (matchmaking.scheduling) not available: targets "
                               "judged on the greedy baseline instead")
    out = ["", text_table(table), ""]
    out += target_lines
    if notes:
        out += ["", "notes:"] + [f"  {n}" for n in notes]
    if failures:
        banner = f"!!! {len(failures)} FAILURE(S): invalid results or crashes"
        out += ["", "!" * 72, banner, "!" * 72]
        out += [f"!!! {f}" for f in failures]
    print("\n".join(out))

    if a.markdown:
        cmd = "python -m bench.run " + " ".join(sys.argv[1:] if argv is None else argv)
        settings = (f"{time_limit:g} s (CP-SAT {a.cpsat_time_limit or time_limit:g} s), "
                    f"seed(s) {a.seed}")
        write_markdown(a.markdown, cmd, settings, load_start, (table, target_lines, notes,
                                                               failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
