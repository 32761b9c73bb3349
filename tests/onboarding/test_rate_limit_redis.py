"""The application form's rate limit counts in a shared Redis cache, so every web worker
sees the same count."""

import os

import pytest
import redis

from events.models import ConferenceStatus
from tests.conftest import require
from tests.factories import IndustryFieldFactory
from tests.onboarding.helpers import application_data

pytestmark = [pytest.mark.redis, pytest.mark.django_db]


@pytest.fixture
def shared_cache(settings):
    url = os.environ.get("REDIS_URL", "")
    try:
        answers = bool(url) and redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.RedisError:
        answers = False
    require(answers, "needs Redis at REDIS_URL")
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                                   "LOCATION": url, "KEY_PREFIX": "onboarding-test"}}
    server = redis.Redis.from_url(url)
    stale = server.keys("onboarding-test:*")
    if stale:
        server.delete(*stale)
    yield server
    left = server.keys("onboarding-test:*")
    if left:
        server.delete(*left)


def test_the_limit_is_counted_in_redis(client, conference, shared_cache, settings):
    conference.status = ConferenceStatus.REGISTRATION_OPEN
    conference.save()
    settings.APPLICATION_RATE_PER_HOUR = 1
    data = application_data(IndustryFieldFactory(), **{"enterprise-consent": None})
    path = f"/apply/{conference.slug}/"

    first = client.post(path, data)
    second = client.post(path, data)

    assert first.status_code == 400 and second.status_code == 429
    (key,) = shared_cache.keys("onboarding-test:*apply-rate:*")
    assert int(shared_cache.get(key)) == 2
