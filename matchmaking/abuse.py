"""Failures counted per client address, in the shared cache: first slowed, then blocked.

Guessing (unknown API keys, password spraying: one try on each of many accounts from one
address) is invisible per key or per account, so it is counted per address. Within a
window of `window` seconds, `slow_after` failures make the address wait until the window
ends (429 with Retry-After); attempts while it should be waiting count too, and
`block_after` of them block the address for `block_for` seconds. Counts live in the
default cache (CACHE_URL): a shared Redis counts across gunicorn workers and hosts.
"""

import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

OK, SLOWED, BLOCKED = "ok", "slowed", "blocked"


@dataclass(frozen=True)
class Policy:
    scope: str
    slow_after: int
    block_after: int
    window: int  # seconds
    block_for: int  # seconds


@dataclass(frozen=True)
class Verdict:
    state: str  # OK, SLOWED or BLOCKED
    retry_after: int = 0  # seconds

    @property
    def refused(self) -> bool:
        return self.state != OK


def api_key_policy() -> Policy:
    """Requests with an invalid or unknown API key."""
    return Policy("api-key", settings.API_KEY_FAILURES_SLOW, settings.API_KEY_FAILURES_BLOCK,
                  settings.API_KEY_FAILURE_WINDOW_MINUTES * 60,
                  settings.API_KEY_BLOCK_MINUTES * 60)


def sign_in_policy() -> Policy:
    """Failed sign-ins on any account, portal and admin alike."""
    return Policy("sign-in", settings.SIGN_IN_FAILURES_SLOW, settings.SIGN_IN_FAILURES_BLOCK,
                  settings.SIGN_IN_FAILURE_WINDOW_MINUTES * 60,
                  settings.SIGN_IN_BLOCK_MINUTES * 60)


def client_address(request) -> str:
    """The address counted: the peer of the connection (the proxy in front must set
    REMOTE_ADDR, as it does for the application form's limit)."""
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def increment(key: str, *, timeout: int) -> int:
    """Add one to the counter `key` in the shared cache (created with `timeout` seconds to
    live) and return its new value; safe across processes."""
    cache.add(key, 0, timeout=timeout)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=timeout)
        return 1


def _count_key(policy: Policy, address: str, now: float) -> str:
    return f"abuse:{policy.scope}:{address}:{int(now // policy.window)}"


def _block_key(policy: Policy, address: str) -> str:
    return f"abuse:{policy.scope}:blocked:{address}"


def verdict(policy: Policy, address: str, *, now: float | None = None) -> Verdict:
    """Whether the address may try now, without counting anything."""
    now = time.time() if now is None else now
    until = cache.get(_block_key(policy, address))
    if until is not None and until > now:
        return Verdict(BLOCKED, max(1, int(until - now)))
    if (cache.get(_count_key(policy, address, now)) or 0) >= policy.slow_after:
        return Verdict(SLOWED, max(1, int(policy.window - now % policy.window)))
    return Verdict(OK)


def record_failure(policy: Policy, address: str, *, now: float | None = None) -> Verdict:
    """Count one failure (or one attempt made while refused) and return the new verdict."""
    now = time.time() if now is None else now
    count = increment(_count_key(policy, address, now), timeout=policy.window)
    if count >= policy.block_after:
        cache.set(_block_key(policy, address), now + policy.block_for,
                  timeout=policy.block_for)
    return verdict(policy, address, now=now)
