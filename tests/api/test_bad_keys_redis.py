"""Invalid keys counted in a shared Redis cache: failures recorded by another process (a
second gunicorn worker) slow this one's caller down."""

import json
import os
import subprocess
import sys

import pytest

from tests.api.conftest import bearer, error_of
from tests.conftest import redis_cache

pytestmark = [pytest.mark.redis, pytest.mark.django_db]
PREFIX = "abuse-test"
OTHER_WORKER = """
import json, os, sys, django
os.environ["DJANGO_SETTINGS_MODULE"] = "matchmaking.settings"
django.setup()
from django.test.utils import override_settings
from matchmaking import abuse
with override_settings(CACHES=json.loads(sys.argv[1]), API_KEY_FAILURES_SLOW=3):
    for _ in range(3):
        abuse.record_failure(abuse.api_key_policy(), "203.0.113.50")
"""


@pytest.fixture
def shared_cache(settings):
    yield from redis_cache(settings, PREFIX)


def test_failures_counted_by_another_process_slow_this_one(shared_cache, settings):
    settings.API_KEY_FAILURES_SLOW = 3
    subprocess.run([sys.executable, "-c", OTHER_WORKER, json.dumps(settings.CACHES)], check=True,
                   env={**os.environ, "CELERY_TASK_ALWAYS_EAGER": "true"}, timeout=120)

    response = bearer("mk_guess").get("/api/v1/conferences/", REMOTE_ADDR="203.0.113.50")
    other = bearer("mk_guess").get("/api/v1/conferences/", REMOTE_ADDR="203.0.113.51")

    assert response.status_code == 429
    assert error_of(response)["code"] == "throttled"
    assert other.status_code == 401
