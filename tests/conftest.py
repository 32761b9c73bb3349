import os

import pytest
import redis
from django.conf import settings
from django.utils import translation

from accounts.roles import ORGANIZERS, REVIEWERS
from tests import factories

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def require(condition: bool, reason: str) -> None:
    """Skip a test whose real service is missing; under CI a missing service fails it."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"CI needs this service: {reason}")
    pytest.skip(reason)


def redis_url() -> str:
    """REDIS_URL when a Redis server answers there; otherwise skip (fail under CI)."""
    url = os.environ.get("REDIS_URL", "")
    try:
        answers = bool(url) and redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.RedisError:
        answers = False
    require(answers, "needs Redis at REDIS_URL")
    return url


def redis_cache(settings, prefix: str):
    """For a fixture: the default cache in that Redis under `prefix`, its keys deleted
    before and after the test; yields the Redis client."""
    url = redis_url()
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                                   "LOCATION": url, "KEY_PREFIX": prefix}}
    server = redis.Redis.from_url(url)
    _delete_prefixed(server, prefix)
    yield server
    _delete_prefixed(server, prefix)


def _delete_prefixed(server, prefix: str) -> None:
    keys = server.keys(f"{prefix}:*")
    if keys:
        server.delete(*keys)


def uses_postgres() -> bool:
    return settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"


@pytest.fixture(autouse=True)
def webhooks_to_loopback(settings):
    """Test receivers listen on 127.0.0.1, which production settings refuse."""
    settings.WEBHOOK_ALLOW_PRIVATE_ADDRESSES = True


@pytest.fixture(autouse=True)
def celery_joins_allowed():
    """Celery's eager `apply_async` sets a process-wide "joins would block" flag around
    each call and puts back what it found; two threads doing so at once (the concurrency
    and duplicate-delivery tests) can leave it set, and every later `result.get()` in the
    process would refuse. Each test starts with it cleared, as a fresh process has it."""
    from celery._state import _set_task_join_will_block

    _set_task_join_will_block(False)


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: sessions, cached reads and the failure counts
    per address (every test client is 127.0.0.1) of a test never reach the next one."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the default language: a request served in Chinese leaves its
    language active in the thread, and code run outside a request would read it."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def conference(db):
    return factories.ConferenceFactory()


@pytest.fixture
def organizer(db):
    return factories.StaffFactory(groups=[ORGANIZERS])


@pytest.fixture
def reviewer(db):
    return factories.StaffFactory(groups=[REVIEWERS])


@pytest.fixture
def organizer_client(client, organizer):
    client.force_login(organizer)
    return client


@pytest.fixture
def reviewer_client(client, reviewer):
    client.force_login(reviewer)
    return client


@pytest.fixture
def broker_down():
    """A real, non-eager Celery whose broker is a closed port; eager again afterwards."""
    from matchmaking.celery import app
    from tests.outbox.helpers import closed_port

    def forget_connections():
        app._pool = None
        app.amqp._producer_pool = None

    saved = app.conf.task_always_eager, app.conf.broker_url
    app.conf.task_always_eager = False
    app.conf.broker_url = f"redis://127.0.0.1:{closed_port()}/0"
    forget_connections()
    yield app
    app.conf.task_always_eager, app.conf.broker_url = saved
    forget_connections()
