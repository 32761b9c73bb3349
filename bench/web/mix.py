"""The request mix of issue 13 and a seeded picker."""

import bisect
import itertools
import random

# Operations and their shares of the mix, in percent.
MIX: tuple[tuple[str, int], ...] = (
    ("agenda", 50),
    ("directory", 20),
    ("api list", 15),
    ("booking", 15),
)
ENDPOINTS = [name for name, _share in MIX]


class MixPicker:
    """Draws operations with the mix's weights from its own random generator."""

    def __init__(self, rng: random.Random, mix=MIX):
        self.rng = rng
        self.names = [name for name, _share in mix]
        self.bounds = list(itertools.accumulate(share for _name, share in mix))

    def pick(self) -> str:
        point = self.rng.random() * self.bounds[-1]
        return self.names[bisect.bisect_right(self.bounds, point)]
