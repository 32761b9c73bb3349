"""Project-level promises: configuration is documented and deployable."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import require

ROOT = Path(__file__).resolve().parent.parent


def test_env_example_lists_every_setting_read_from_the_environment():
    settings = (ROOT / "matchmaking" / "settings.py").read_text()
    read = set(re.findall(r'env(?:\.\w+)?\(\s*"([A-Z_]+)"', settings))
    documented = set(re.findall(r"^([A-Z_]+)=", (ROOT / ".env.example").read_text(), re.M))

    assert read, "no environment variables found in settings"
    assert read - documented == set()


def test_production_settings_pass_the_deploy_check():
    # Browser tests set DJANGO_ALLOW_ASYNC_UNSAFE in this process; a deployment never has it.
    inherited = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {**inherited, "DEBUG": "false", "SECRET_KEY": secrets.token_urlsafe(50),
           "ALLOWED_HOSTS": "matchmaking.example.com", "SECURE_SSL_REDIRECT": "true",
           "SECURE_COOKIES": "true", "SECURE_HSTS_SECONDS": "31536000",
           "CACHE_URL": "redis://127.0.0.1:6379/1"}

    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_deploy_check_warns_of_a_per_process_cache():
    inherited = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {**inherited, "DEBUG": "false", "CACHE_URL": "locmemcache://"}

    result = subprocess.run([sys.executable, "manage.py", "check", "--deploy"], cwd=ROOT,
                            env=env, capture_output=True, text=True, timeout=120)

    assert "events.W001" in result.stdout + result.stderr


@pytest.mark.django_db
def test_liveness_answers_without_asking_the_broker(client, broker_down):
    response = client.get("/healthz")

    assert response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_readiness_reports_a_broker_that_is_down(client, broker_down):
    response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json() == {"status": "unavailable",
                               "checks": {"database": "ok", "broker": "down"}}


@pytest.mark.redis
@pytest.mark.django_db
def test_readiness_is_ok_with_the_database_and_a_real_broker(client, settings):
    from matchmaking.celery import app

    require(bool(os.environ.get("REDIS_URL")), "needs REDIS_URL pointing at Redis")
    eager, app.conf.task_always_eager = app.conf.task_always_eager, False
    try:
        response = client.get("/readyz")
    finally:
        app.conf.task_always_eager = eager

    assert response.status_code == 200
    assert response.json()["checks"] == {"database": "ok", "broker": "ok"}
