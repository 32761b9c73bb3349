"""Meeting-scheduling engine: pure Python, standard library only, no Django.

    from matchmaking.scheduling import solve
    result = solve(instance_dict, time_limit=10.0, seed=0)

The instance and result formats are described in shared/spec/schedule-format.md.
"""

from .instance import InvalidInstance, parse_instance
from .solver import solve

__all__ = ["InvalidInstance", "parse_instance", "solve"]
