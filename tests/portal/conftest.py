import datetime as dt

import pytest
from django.utils import timezone

from tests.factories import (
    CompanyUserFactory,
    ConferenceFactory,
    SupplierFactory,
    approved,
)


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    # Factories hash a password per user; the default hasher makes big lists slow.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def conference(db):
    """A conference still ahead, so its slots can be booked."""
    start = timezone.localdate() + dt.timedelta(days=30)
    return ConferenceFactory(start_date=start, end_date=start + dt.timedelta(days=1))


@pytest.fixture
def buyer(conference):
    return approved(conference).enterprise


@pytest.fixture
def supplier(conference):
    return approved(conference, SupplierFactory(legal_name="Suzhou Taihu Software",
                                                name_zh="苏州太湖软件")).enterprise


def company_user(enterprise=None, **kw):
    """A company user whose password is saved (the factory leaves it unsaved)."""
    user = CompanyUserFactory(enterprise=enterprise, **kw)
    user.save()
    return user


def client_for(client, enterprise):
    client.force_login(company_user(enterprise))
    return client


@pytest.fixture
def buyer_client(client, buyer):
    return client_for(client, buyer)


@pytest.fixture
def supplier_client(client, supplier):
    return client_for(client, supplier)
