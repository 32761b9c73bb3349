"""Figures of a load run: percentiles, per-endpoint summaries, ratios and the verdicts."""

import math
from dataclasses import dataclass

# The targets: throughput at least 60 % of the bare app's, p95 under twice its p95.
THROUGHPUT_TARGET = 0.60
P95_FACTOR = 2.0


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile: the smallest value with at least p % of values at or below
    it. `values` need not be sorted; empty gives NaN."""
    if not values:
        return math.nan
    if not 0 < p <= 100:
        raise ValueError("p must be in (0, 100]")
    ordered = sorted(values)
    rank = math.ceil(p / 100 * len(ordered))
    return ordered[max(rank, 1) - 1]


@dataclass(frozen=True)
class Sample:
    endpoint: str
    seconds: float  # latency of the operation
    ok: bool
    requests: int = 1  # HTTP requests the operation made
    detail: str = ""


@dataclass(frozen=True)
class Summary:
    endpoint: str
    operations: int
    requests: int
    errors: int
    ops_per_second: float
    requests_per_second: float
    p50_ms: float
    p95_ms: float
    p99_ms: float


def summarize(endpoint: str, samples: list[Sample], wall_seconds: float) -> Summary:
    """Throughput over `wall_seconds` of load; latencies of all operations, failed ones
    included (a slow error is still slow)."""
    latencies = [s.seconds * 1000 for s in samples]
    requests = sum(s.requests for s in samples)
    return Summary(
        endpoint=endpoint, operations=len(samples), requests=requests,
        errors=sum(not s.ok for s in samples),
        ops_per_second=len(samples) / wall_seconds if wall_seconds else 0.0,
        requests_per_second=requests / wall_seconds if wall_seconds else 0.0,
        p50_ms=percentile(latencies, 50), p95_ms=percentile(latencies, 95),
        p99_ms=percentile(latencies, 99),
    )


def summaries(samples: list[Sample], wall_seconds: float, endpoints: list[str]) -> list[Summary]:
    """One summary per endpoint in the given order, then "all"."""
    rows = [summarize(name, [s for s in samples if s.endpoint == name], wall_seconds)
            for name in endpoints]
    rows.append(summarize("all", samples, wall_seconds))
    return rows


def ratio(product: float, bare: float) -> float:
    return product / bare if bare else math.nan


@dataclass(frozen=True)
class Verdict:
    target: str
    measured: str
    passed: bool

    @property
    def word(self) -> str:
        return "PASS" if self.passed else "MISS"


def verdicts(product: Summary, bare: Summary) -> list[Verdict]:
    """The issue's three targets, on the whole mix."""
    share = ratio(product.requests_per_second, bare.requests_per_second)
    p95 = ratio(product.p95_ms, bare.p95_ms)
    return [
        Verdict(f"requests/s >= {THROUGHPUT_TARGET:.0%} of bare",
                f"{share:.0%} ({product.requests_per_second:.1f} vs "
                f"{bare.requests_per_second:.1f})", share >= THROUGHPUT_TARGET),
        Verdict(f"p95 < {P95_FACTOR:g}x bare p95",
                f"{p95:.2f}x ({product.p95_ms:.0f} vs {bare.p95_ms:.0f} ms)",
                p95 < P95_FACTOR),
        Verdict("0 errors", f"{product.errors} product, {bare.errors} bare",
                product.errors == 0),
    ]
