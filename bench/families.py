"""Targets judged over a whole family of rows, not one instance at a time.

* b2b (the brokerage family): every event 100% scheduled; breaks equal to the
  engine's proven lower bound (`objective_bounds.breaks`) on at least 18 of
  20 events and within +1 on the rest; total breaks at most half of what a
  reference engine (`--reference PATH`: another checkout, e.g. main) gets on
  the events it accepts.
* perturb: moved <= forced moves + 1% of the published meetings; weight >=
  99.5% of a from-scratch run on the same changed instance.
"""

from __future__ import annotations

PROVEN_AT_LEAST = 18
HALF = 0.5
MOVED_SLACK = 0.01
SCRATCH_SHARE = 0.995


def _line(ok: bool, text: str) -> str:
    return f"{'PASS' if ok else 'MISS'} {text}"


def b2b_targets(rows: list) -> list[str]:
    """Family lines from the b2b rows of the engine (and of the reference, if run)."""
    engine = [r for r in rows if r.kind == "b2b" and r.solver == "engine" and r.objective]
    if not engine:
        return []
    proven = sum(1 for r in engine if r.breaks_bound == r.objective["breaks"])
    near = all(r.breaks_bound is not None and r.objective["breaks"] <= r.breaks_bound + 1
               for r in engine)
    total = sum(r.objective["breaks"] for r in engine)
    out = [
        _line(proven >= min(PROVEN_AT_LEAST, len(engine)) and near,
              f"b2b family [engine]: breaks equal the proven bound on {proven} of {len(engine)} "
              f"events (target >= {PROVEN_AT_LEAST} of 20), the rest within +1: "
              f"{'yes' if near else 'no'}; total breaks {total}, total bound "
              f"{sum(r.breaks_bound or 0 for r in engine)}"),
    ]
    reference = {r.scenario: r for r in rows if r.kind == "b2b" and r.solver == "reference"}
    accepted = [r for r in engine if reference.get(r.scenario) and reference[r.scenario].objective]
    if not reference:
        return out + ["NOTE b2b family: no --reference engine given, total breaks not compared"]
    ours = sum(r.objective["breaks"] for r in accepted)
    theirs = sum(reference[r.scenario].objective["breaks"] for r in accepted)
    refused = len(engine) - len(accepted)
    out.append(_line(ours <= HALF * theirs,
                     f"b2b family [engine]: total breaks {ours} against {theirs} for the reference "
                     f"engine on the {len(accepted)} events it accepts (target <= half; it refused "
                     f"{refused})"))
    return out


def perturbation_targets(label: str, row, scratch, info: dict) -> list[str]:
    if row.objective is None or row.violations or scratch is None or scratch.objective is None:
        return [f"MISS {label} [engine]: no valid result"]
    moved, forced, published = row.objective["moved"], info["forced_moves"], info["published"]
    limit = forced + MOVED_SLACK * published
    weight, reference = row.objective["weight"], scratch.objective["weight"]
    share = 100.0 * weight / reference if reference else 100.0
    return [
        _line(moved <= limit, f"{label} [engine]: moved {moved} <= forced {forced} + 1% of "
                              f"{published} published = {limit:.1f}"),
        _line(share >= 100 * SCRATCH_SHARE,
              f"{label} [engine]: weight {weight} = {share:.2f}% of the from-scratch run's "
              f"{reference} (target >= 99.5%)"),
    ]
