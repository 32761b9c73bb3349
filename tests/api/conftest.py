"""Callers of the partner API: partner keys, company users, and a client per caller."""

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from accounts import keys
from accounts.models import Partner
from tests import factories


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    # Factories hash a password per user; the production hasher makes that the slowest
    # part of these tests, and no test here is about passwords.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def fresh_throttle():
    # Throttle counters live in the cache, which outlives each test's database.
    cache.clear()
    yield
    cache.clear()


def partner_key(conference, *, scope="write", organizer=False, name=None):
    """(partner, raw key) for a partner of `conference`."""
    partner = Partner.objects.create(name=name or f"Partner {Partner.objects.count() + 1}",
                                     is_organizer=organizer)
    partner.conferences.add(conference)
    _key, raw = keys.create_api_key(name="test", scope=scope, partner=partner,
                                    conferences=[conference])
    return partner, raw


def bearer(raw: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    return client


def company_client(enterprise) -> APIClient:
    """A company user of `enterprise`, signed in with a personal write key."""
    user = factories.CompanyUserFactory(enterprise=enterprise)
    _key, raw = keys.create_api_key(name="personal", scope="write", user=user)
    return bearer(raw)


@pytest.fixture
def buyer(conference):
    return factories.approved(conference).enterprise


@pytest.fixture
def supplier(conference):
    return factories.approved(conference, factories.SupplierFactory()).enterprise


@pytest.fixture
def partner(conference):
    return partner_key(conference)


@pytest.fixture
def partner_api(partner):
    return bearer(partner[1])


@pytest.fixture
def buyer_api(buyer):
    return company_client(buyer)


@pytest.fixture
def supplier_api(supplier):
    return company_client(supplier)


def error_of(response) -> dict:
    """The error object, after checking the one error shape."""
    body = response.json()
    assert set(body) == {"error"}, body
    assert {"code", "message"} <= set(body["error"]), body
    return body["error"]
