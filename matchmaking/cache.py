"""The cache fails open: with Redis away, pages and the API keep working.

The cache counts rate limits (the API's fair-use throttle, the application form) and
holds copies of sessions, which are written through to the database (`cached_db`). A
Redis outage must therefore never become a 500: every call answers as if the key were
missing (a read gives its default, a write is dropped, logged), so sessions are read from
the database and limits are not enforced until Redis is back. Short socket timeouts keep
a hung Redis from holding requests.
"""

import logging

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

TIMEOUTS = {"socket_connect_timeout": 1, "socket_timeout": 1}


def _unavailable(operation: str, error: Exception) -> None:
    logger.warning("cache unavailable, %s skipped (rate limits not counted): %s",
                   operation, error)


class FailOpenRedisCache(RedisCache):
    def __init__(self, server, params):
        params = {**params, "OPTIONS": {**TIMEOUTS, **params.get("OPTIONS", {})}}
        super().__init__(server, params)

    def get(self, key, default=None, version=None):
        try:
            return super().get(key, default, version)
        except RedisError as error:
            _unavailable("get", error)
            return default

    def get_many(self, keys, version=None):
        try:
            return super().get_many(keys, version)
        except RedisError as error:
            _unavailable("get_many", error)
            return {}

    def has_key(self, key, version=None):
        try:
            return super().has_key(key, version)
        except RedisError as error:
            _unavailable("has_key", error)
            return False

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().add(key, value, timeout, version)
        except RedisError as error:
            _unavailable("add", error)
            return False

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().set(key, value, timeout, version)
        except RedisError as error:
            _unavailable("set", error)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().set_many(data, timeout, version)
        except RedisError as error:
            _unavailable("set_many", error)
            return list(data)

    def incr(self, key, delta=1, version=None):
        try:
            return super().incr(key, delta, version)
        except RedisError as error:
            _unavailable("incr", error)
            # What a missing key raises: callers start counting afresh (and the set that
            # follows is dropped too).
            raise ValueError(f"Key '{key}' not found (the cache is unavailable).") from error

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().touch(key, timeout, version)
        except RedisError as error:
            _unavailable("touch", error)
            return False

    def delete(self, key, version=None):
        try:
            return super().delete(key, version)
        except RedisError as error:
            _unavailable("delete", error)
            return False

    def delete_many(self, keys, version=None):
        try:
            return super().delete_many(keys, version)
        except RedisError as error:
            _unavailable("delete_many", error)

    def clear(self):
        try:
            return super().clear()
        except RedisError as error:
            _unavailable("clear", error)
            return False
