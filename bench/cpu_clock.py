"""`bench._solve` with the engine's clock replaced by this process's CPU time.

    python bench/cpu_clock.py SOLVER INSTANCE.json OUT.json [--time-limit S] [--seed N]
    (what `python -m bench.run --cpu-clock` runs for each solver)

On a machine shared with other work, a 10 s wall limit gives the engine
whatever CPU the others leave (at load 7 on 2 cores, about 3 s), so results
measure the load, not the engine. With this clock the engine's time limit
counts its own CPU seconds: the figures are those of a quiet machine with a
core per solve, and they repeat whatever the load. The engine's budgets are
counted in work (attempts, moves, SAT conflicts) anyway; the clock only
decides where the safety net falls. Works for any checkout's engine (the
`--reference` one too): every scheduling module that imported `time` sees it.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
import time
import types


def _cpu_time_module() -> types.ModuleType:
    shim = types.ModuleType("time")
    shim.__dict__.update(time.__dict__)
    shim.monotonic = time.process_time
    shim.perf_counter = time.process_time
    return shim


def main(argv: list[str]) -> int:
    import matchmaking.scheduling as package

    shim = _cpu_time_module()
    for info in pkgutil.iter_modules(package.__path__):
        if info.name == "__main__":
            continue
        module = importlib.import_module(f"matchmaking.scheduling.{info.name}")
        if getattr(module, "time", None) is time:
            module.time = shim
    from bench import _solve

    return _solve.main(argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
