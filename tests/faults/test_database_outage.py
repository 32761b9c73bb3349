"""The database goes away under the running service (a restart, a fail-over): every page,
API call and health check answers a clean 503 with Retry-After, never a 500 or a
traceback, and the next request after it is back succeeds without a restart.

The outage is real: the connection is pointed at a port nothing listens on (PostgreSQL)
or a file that cannot be opened (SQLite), so every request fails to connect, as it does
while PostgreSQL restarts. `bench/faults/postgres_restart.py` restarts a real cluster
under gunicorn."""

import contextlib

import pytest
from django.db import connection
from django.test import Client

from tests import factories
from tests.api.conftest import bearer, partner_key
from tests.outbox.helpers import closed_port

pytestmark = pytest.mark.django_db(transaction=True)


@contextlib.contextmanager
def database_away():
    saved = dict(connection.settings_dict)
    connection.close()
    if connection.vendor == "postgresql":
        connection.settings_dict["PORT"] = closed_port()
    else:
        connection.settings_dict["NAME"] = "/nonexistent-directory/away.sqlite3"
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict.update(saved)


@pytest.fixture
def callers(conference):
    company = factories.CompanyUserFactory(enterprise=factories.approved(conference).enterprise)
    portal = Client(raise_request_exception=False)
    portal.force_login(company)
    api = bearer(partner_key(conference)[1])
    api.raise_request_exception = False
    return portal, api, Client(raise_request_exception=False)


def assert_clean_503_page(response, words):
    text = response.content.decode()
    assert response.status_code == 503 and response["Retry-After"] == "5"
    assert response["Content-Type"].startswith("text/html")
    assert words in text and "Traceback" not in text and "Server Error" not in text


def test_pages_api_and_readiness_answer_503_while_the_database_is_away_then_recover(
        conference, callers):
    portal, api, anonymous = callers

    with database_away():
        landing = anonymous.get("/")
        chinese = anonymous.get("/zh-hans/")
        dashboard = portal.get("/portal/")  # the session itself cannot be read
        listing = api.get("/api/v1/conferences/")
        write = api.post("/api/v1/meeting-requests/", {"conference": conference.slug},
                         format="json")
        ready = anonymous.get("/readyz")
        alive = anonymous.get("/healthz")

    assert_clean_503_page(landing, "Briefly unavailable")
    assert_clean_503_page(chinese, "暂时无法使用")
    assert_clean_503_page(dashboard, "Briefly unavailable")
    for response in (listing, write):
        assert response.status_code == 503 and response["Retry-After"] == "5"
        assert response.json()["error"]["code"] == "unavailable"
        assert "try again" in response.json()["error"]["message"]
    assert ready.status_code == 503 and ready.json()["checks"]["database"] == "down"
    assert alive.status_code == 200

    # Back: the very next requests succeed, in the same process.
    assert anonymous.get("/readyz").json()["checks"]["database"] == "ok"
    assert portal.get("/portal/").status_code == 200
    back = api.get("/api/v1/conferences/")
    assert back.status_code == 200 and back.json()["results"][0]["slug"] == conference.slug
