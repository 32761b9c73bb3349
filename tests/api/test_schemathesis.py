"""Property-based checks of the live OpenAPI schema (schemathesis) with every check it has,
as each kind of caller: no server errors, responses as documented, schema-valid requests
accepted and schema-violating ones refused. Bounded to keep CI to about a minute; the
schemathesis CLI runs the same checks with many more cases (docs/RELIABILITY.md)."""

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

schemathesis = pytest.importorskip("schemathesis")

from schemathesis.checks import CHECKS, load_all_checks  # noqa: E402 (after the import check)
from schemathesis.generation import GenerationMode  # noqa: E402

from accounts import keys  # noqa: E402
from matchmaking.services import booking  # noqa: E402
from matchmaking.services import requests as svc  # noqa: E402
from matchmaking.wsgi import application  # noqa: E402
from tests.api.conftest import partner_key  # noqa: E402
from tests.factories import CompanyUserFactory, SupplierFactory, approved, slots  # noqa: E402


# Loaded once at import: schemathesis 4's fixture loader broke with pytest 9.2. The
# project's schemathesis.toml (read by the CLI too) says which refusals are business rules.
def load_schema(phases: list[str]):
    loaded = schemathesis.openapi.from_wsgi("/api/v1/schema/", application)
    loaded.config.generation.update(modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
    loaded.config.phases.update(phases=phases)
    return loaded


# The coverage phase (every boundary and every kind of wrong value, a few hundred cases
# an operation) runs as the widest caller; every caller gets the examples and fuzzing.
schema = load_schema(["examples", "fuzzing"])
boundaries = load_schema(["coverage"])
load_all_checks()
ALL_CHECKS = CHECKS.get_all()
assert len(ALL_CHECKS) >= 14, ALL_CHECKS
BOUNDED = settings(max_examples=4, deadline=None, derandomize=True,
                   suppress_health_check=list(HealthCheck))
CALLERS = ["anonymous", "company", "partner_read", "partner_write", "organizer"]


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
    """A conference with a few of everything, and a key of every kind of caller."""
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
    _key, personal_key = keys.create_api_key(
        name="personal", scope="write", user=CompanyUserFactory(enterprise=buyer))
    return {
        "anonymous": None,
        "company": personal_key,
        "partner_read": partner_key(conference, scope="read")[1],
        "partner_write": partner_key(conference, scope="write")[1],
        "organizer": partner_key(conference, organizer=True)[1],
    }


@pytest.mark.django_db
@pytest.mark.parametrize("caller", CALLERS)
@schema.parametrize()
@BOUNDED
def test_api_holds_every_check_for_every_caller(case, caller, populated):
    key = populated[caller]
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    case.call_and_validate(headers=headers, checks=ALL_CHECKS)


@pytest.mark.django_db
@boundaries.parametrize()
@BOUNDED
def test_api_boundaries_hold_every_check_as_an_organizer(case, populated):
    headers = {"Authorization": f"Bearer {populated['organizer']}"}
    case.call_and_validate(headers=headers, checks=ALL_CHECKS)
