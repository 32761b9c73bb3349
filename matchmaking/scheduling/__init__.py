"""Meeting-scheduling engine: pure Python, no Django; python-sat (installed by default)
proves the fewest breaks, and without it the engine still runs on the standard library.

    from matchmaking.scheduling import solve
    result = solve(instance_dict, time_limit=10.0, seed=0)

The instance and result formats, validity rules and objective order are described in
docs/schedule-format.md (with an example instance in docs/examples/).
"""

from .instance import InvalidInstance, parse_instance
from .solver import solve

__all__ = ["InvalidInstance", "parse_instance", "solve"]
