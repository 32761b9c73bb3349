"""The application form's rate limit counts in a shared Redis cache, so every web worker
sees the same count."""


import pytest

from events.models import ConferenceStatus
from tests.conftest import redis_cache
from tests.factories import IndustryFieldFactory
from tests.onboarding.helpers import application_data

pytestmark = [pytest.mark.redis, pytest.mark.django_db]


@pytest.fixture
def shared_cache(settings):
    yield from redis_cache(settings, "onboarding-test")


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
