"""Property-based checks of the live OpenAPI schema (schemathesis): no server errors, and
every response matches what the schema documents. Bounded to keep CI to about a minute."""

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

schemathesis = pytest.importorskip("schemathesis")

from schemathesis.checks import (  # noqa: E402 (after the import check above)
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from accounts import keys  # noqa: E402
from matchmaking.services import booking  # noqa: E402
from matchmaking.services import requests as svc  # noqa: E402
from matchmaking.wsgi import application  # noqa: E402
from tests.api.conftest import partner_key  # noqa: E402
from tests.factories import CompanyUserFactory, SupplierFactory, approved, slots  # noqa: E402

# Loaded once at import: schemathesis 4's fixture loader broke with pytest 9.2.
schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", application)
CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance,
          status_code_conformance]
BOUNDED = settings(max_examples=10, deadline=None, derandomize=True,
                   suppress_health_check=list(HealthCheck))


@pytest.fixture
def keep_connection():
    # The raw WSGI app closes database connections when a request ends, which would close
    # the test's transaction; Django's test client disconnects the same handler.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def populated(conference, settings, keep_connection):
    """A conference with a few of everything, and callers of both kinds."""
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK,
                               "DEFAULT_THROTTLE_RATES": {"api": "100000/min"}}
    conference.status = "scheduled"
    conference.save()
    (slot,) = slots(conference, 1)
    buyer = approved(conference).enterprise
    seller = approved(conference, SupplierFactory()).enterprise
    request = svc.accept_meeting_request(request=svc.send_meeting_request(
        conference=conference, sender=seller, recipient=buyer, purpose="investment"),
        enterprise=buyer)
    booking.book_meeting(request=request, slot=slot, enterprise=buyer)
    _partner, organizer_key = partner_key(conference, organizer=True)
    _key, personal_key = keys.create_api_key(
        name="personal", scope="write", user=CompanyUserFactory(enterprise=buyer))
    return {"organizer": organizer_key, "company": personal_key}


@pytest.mark.django_db
@schema.parametrize()
@BOUNDED
def test_api_as_an_organizer_key(case, populated):
    case.call_and_validate(headers={"Authorization": f"Bearer {populated['organizer']}"},
                           checks=CHECKS)


@pytest.mark.django_db
@schema.parametrize()
@BOUNDED
def test_api_as_a_company_user(case, populated):
    case.call_and_validate(headers={"Authorization": f"Bearer {populated['company']}"},
                           checks=CHECKS)
