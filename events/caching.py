"""Reads kept in the cache (CACHE_URL: Redis in production) between requests.

Each cached read has one key function beside it, and the service that changes what it
reads forgets the key, inside its transaction: at once, and again after the commit, so a
request that read the old rows meanwhile cannot keep them cached. Keys hold ids, never
translated text: a value is the same for every language and every reader allowed to ask.
A timeout bounds what a write outside the services (a shell, a data migration) leaves
stale.
"""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core import checks
from django.core.cache import cache
from django.db import transaction

TIMEOUT = 300
_MISSING = object()


def remember(key: str, compute: Callable[[], Any], timeout: int = TIMEOUT) -> Any:
    """The cached value of `key`, computed and stored when absent (None is a value)."""
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = compute()
        cache.set(key, value, timeout)
    return value


def forget(*keys: str) -> None:
    cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys))


@checks.register(checks.Tags.caches, deploy=True)
def check_shared_cache(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """Sessions and cached reads are forgotten in the process that changed them; another
    process with its own cache would keep serving its stale copy."""
    backend = settings.CACHES["default"]["BACKEND"]
    if backend.endswith(("LocMemCache", "DummyCache")):
        return [checks.Warning(
            "CACHE_URL is a per-process cache: with several web processes, sessions and "
            "cached reads go stale. Point CACHE_URL at Redis (a database of its own).",
            id="events.W001")]
    return []
