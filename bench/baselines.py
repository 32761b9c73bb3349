"""Baseline solvers for the benchmark.

* ``greedy(instance)``: first-fit. Fixed meetings first, then requests by
  weight (heaviest first, ties by id), each in the earliest slot where the
  request and both companies are available, both have a free seat and are
  under their cap, and a table is free.
* ``lp_bound(instance)``: a rigorous upper bound from the LP relaxation.
* ``cpsat(instance, time_limit)``: OR-Tools CP-SAT, one boolean per (request,
  usable slot), maximising the total weight, with the proven bound reported
  as ``upper_bound``. Raises :class:`NotInstalled` when ``ortools`` is missing.

Both return a spec-format result (tables numbered 1.. in each slot).
"""

from __future__ import annotations

import math
import time
from collections import defaultdict
from datetime import datetime

from bench.validate import RESULT_FORMAT, compute_objective


class NotInstalled(RuntimeError):
    pass


class NoSolution(RuntimeError):
    """The solver stopped at its time limit without any solution."""


class _Model:
    def __init__(self, instance: dict):
        self.slots = sorted(instance["slots"], key=lambda s: datetime.fromisoformat(s["start"]))
        self.slot_ids = [s["id"] for s in self.slots]
        self.pos = {sid: i for i, sid in enumerate(self.slot_ids)}
        self.tables = [s["tables"] for s in self.slots]
        n = len(self.slots)
        all_mask = list(range(n))
        self.cidx = {c["id"]: i for i, c in enumerate(instance["companies"])}
        self.avail = []
        for c in instance["companies"]:
            if c.get("available") is None:
                self.avail.append(set(all_mask))
            else:
                self.avail.append({self.pos[s] for s in c["available"] if s in self.pos})
        self.seats = [int(c.get("seats", 1)) for c in instance["companies"]]
        self.cap = [c.get("max_meetings") for c in instance["companies"]]
        self.requests = instance["requests"]
        self.usable: list[list[int]] = []
        for r in self.requests:
            a, b = self.cidx[r["a"]], self.cidx[r["b"]]
            ok = self.avail[a] & self.avail[b]
            if r.get("available") is not None:
                ok &= {self.pos[s] for s in r["available"] if s in self.pos}
            self.usable.append(sorted(s for s in ok if self.tables[s] > 0))
        self.fixed = {f["request"]: self.pos[f["slot"]] for f in instance.get("fixed") or []}


def _result(instance: dict, m: _Model, chosen: dict[int, int], seconds: float, **extra) -> dict:
    meetings = []
    next_table = defaultdict(int)
    for ri in sorted(chosen, key=lambda i: (chosen[i], i)):
        s = chosen[ri]
        next_table[s] += 1
        meetings.append({"request": m.requests[ri]["id"], "slot": m.slot_ids[s],
                         "table": next_table[s]})
    unscheduled = [r["id"] for i, r in enumerate(m.requests) if i not in chosen]
    res = {
        "format": RESULT_FORMAT,
        "meetings": meetings,
        "unscheduled": unscheduled,
        "objective": compute_objective(instance, meetings),
        "seconds": round(seconds, 3),
    }
    res.update(extra)
    return res


def greedy(instance: dict, **_ignored) -> dict:
    t0 = time.perf_counter()
    m = _Model(instance)
    n_slots = len(m.slot_ids)
    load = defaultdict(int)  # (company, slot) -> meetings
    held = defaultdict(int)
    used = [0] * n_slots
    chosen: dict[int, int] = {}

    def fits(a: int, b: int, s: int) -> bool:
        return (used[s] < m.tables[s] and load[a, s] < m.seats[a] and load[b, s] < m.seats[b]
                and (m.cap[a] is None or held[a] < m.cap[a])
                and (m.cap[b] is None or held[b] < m.cap[b]))

    def put(ri: int, a: int, b: int, s: int) -> None:
        chosen[ri] = s
        used[s] += 1
        for c in (a, b):
            load[c, s] += 1
            held[c] += 1

    rid_index = {r["id"]: i for i, r in enumerate(m.requests)}
    for rid, s in m.fixed.items():
        ri = rid_index[rid]
        r = m.requests[ri]
        put(ri, m.cidx[r["a"]], m.cidx[r["b"]], s)
    order = sorted(range(len(m.requests)),
                   key=lambda i: (-m.requests[i].get("weight", 1), m.requests[i]["id"]))
    for ri in order:
        if ri in chosen:
            continue
        r = m.requests[ri]
        a, b = m.cidx[r["a"]], m.cidx[r["b"]]
        for s in m.usable[ri]:
            if fits(a, b, s):
                put(ri, a, b, s)
                break
    return _result(instance, m, chosen, time.perf_counter() - t0, optimal=False)


def cpsat(instance: dict, *, time_limit: float = 10.0, seed: int = 0, workers: int = 0) -> dict:
    try:
        from ortools.sat.python import cp_model
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise NotInstalled("ortools is not installed") from exc
    t0 = time.perf_counter()
    m = _Model(instance)
    model = cp_model.CpModel()
    x: dict[tuple[int, int], object] = {}
    by_slot = defaultdict(list)
    by_cs = defaultdict(list)
    by_c = defaultdict(list)
    obj = []
    for ri, r in enumerate(m.requests):
        a, b = m.cidx[r["a"]], m.cidx[r["b"]]
        w = int(r.get("weight", 1))
        fixed_slot = m.fixed.get(r["id"])
        vs = []
        for s in m.usable[ri]:
            v = model.NewBoolVar("")
            if fixed_slot is not None:
                model.Add(v == (1 if s == fixed_slot else 0))
            x[ri, s] = v
            vs.append(v)
            by_slot[s].append(v)
            by_cs[a, s].append(v)
            by_cs[b, s].append(v)
            obj.append((w, v))
        if vs:
            model.AddAtMostOne(vs)
            by_c[a].extend(vs)
            by_c[b].extend(vs)
    for s, vs in by_slot.items():
        if len(vs) > m.tables[s]:
            model.Add(sum(vs) <= m.tables[s])
    for (c, _s), vs in by_cs.items():
        if len(vs) > m.seats[c]:
            if m.seats[c] == 1:
                model.AddAtMostOne(vs)
            else:
                model.Add(sum(vs) <= m.seats[c])
    for c, vs in by_c.items():
        if m.cap[c] is not None and len(vs) > m.cap[c]:
            model.Add(sum(vs) <= m.cap[c])
    model.Maximize(sum(w * v for w, v in obj))
    # Greedy solution as a hint helps on large instances.
    hint = greedy(instance)
    hinted = {(h["request"], h["slot"]) for h in hint["meetings"]}
    for (ri, s), v in x.items():
        model.AddHint(v, (m.requests[ri]["id"], m.slot_ids[s]) in hinted)
    solver = cp_model.CpSolver()
    build = time.perf_counter() - t0
    solver.parameters.max_time_in_seconds = max(0.5, time_limit - build)
    solver.parameters.random_seed = seed
    if workers:
        solver.parameters.num_workers = workers
    status = solver.Solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        raise NoSolution(f"CP-SAT found no solution in {time_limit:g} s "
                         f"(model build took {build:.1f} s; {solver.StatusName(status)})")
    chosen = {ri: s for (ri, s), v in x.items() if solver.BooleanValue(v)}
    return _result(
        instance, m, chosen, time.perf_counter() - t0,
        upper_bound={"weight": int(solver.BestObjectiveBound() + 1e-6)},
        optimal=status == cp_model.OPTIMAL,
        status=solver.StatusName(status),
        build_seconds=round(build, 3),
    )


def lp_bound(instance: dict, *, time_limit: float = 60.0) -> dict:
    """Upper bound on the total weight from the LP relaxation of the CP-SAT
    model, solved approximately with PDLP (fast on large instances).

    The bound is made rigorous without trusting the LP solver's accuracy: for
    ANY multipliers ``y >= 0`` of the rows ``A x <= b``, the Lagrangian
    ``b.y + sum_j max over x_j in [l_j, 1] of (w_j - (A^T y)_j) x_j`` bounds the
    LP from above, hence every schedule. PDLP's duals (clipped at 0) are just a
    good choice of ``y``. Raises :class:`NotInstalled` without ``ortools``.
    """
    try:
        from ortools.linear_solver import pywraplp
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise NotInstalled("ortools is not installed") from exc
    t0 = time.perf_counter()
    m = _Model(instance)
    weights: list[float] = []
    lower: list[int] = []
    rows: list[tuple[list[int], float]] = []
    by_slot = defaultdict(list)
    by_cs = defaultdict(list)
    by_c = defaultdict(list)
    for ri, r in enumerate(m.requests):
        a, b = m.cidx[r["a"]], m.cidx[r["b"]]
        fixed_slot = m.fixed.get(r["id"])
        mine = []
        for s in m.usable[ri]:
            if fixed_slot is not None and s != fixed_slot:
                continue
            j = len(weights)
            weights.append(float(r.get("weight", 1)))
            lower.append(1 if fixed_slot is not None else 0)
            mine.append(j)
            by_slot[s].append(j)
            by_cs[a, s].append(j)
            by_cs[b, s].append(j)
            by_c[a].append(j)
            by_c[b].append(j)
        if len(mine) > 1:
            rows.append((mine, 1.0))
    groups = [(js, m.tables[s]) for s, js in by_slot.items()]
    groups += [(js, m.seats[c]) for (c, _s), js in by_cs.items()]
    groups += [(js, m.cap[c]) for c, js in by_c.items() if m.cap[c] is not None]
    rows += [(js, float(limit)) for js, limit in groups if len(js) > limit]

    lp = pywraplp.Solver.CreateSolver("PDLP")
    lp.SetTimeLimit(int(time_limit * 1000))
    xs = [lp.NumVar(lo, 1, "") for lo in lower]
    objective = lp.Objective()
    for x, w in zip(xs, weights, strict=True):
        objective.SetCoefficient(x, w)
    cons = []
    for js, rhs in rows:
        c = lp.Constraint(-lp.infinity(), rhs)
        for j in js:
            c.SetCoefficient(xs[j], 1)
        cons.append(c)
    objective.SetMaximization()
    status = lp.Solve()
    if status not in (pywraplp.Solver.OPTIMAL, pywraplp.Solver.FEASIBLE,
                      pywraplp.Solver.NOT_SOLVED):
        raise RuntimeError(f"LP solver failed (status {status})")
    reduced = list(weights)
    bound = 0.0
    for c, (js, rhs) in zip(cons, rows, strict=True):
        y = max(0.0, c.dual_value())
        if y:
            bound += y * rhs
            for j in js:
                reduced[j] -= y
    for j, rc in enumerate(reduced):
        bound += rc if rc > 0 else rc * lower[j]
    # Weights are whole numbers, so the floor is a bound too (1e-3 absorbs
    # float rounding in the sum, which can only make it looser).
    return {"weight": math.floor(bound + 1e-3), "lp_value": objective.Value(), "status": status,
            "seconds": round(time.perf_counter() - t0, 3)}
