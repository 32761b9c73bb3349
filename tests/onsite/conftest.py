import pytest

from tests.factories import ConferenceFactory, SupplierFactory, approved


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    # The factories hash a password for every organizer they create; none of these
    # tests is about passwords.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def buyer_registration(conference):
    return approved(conference, delegates=2)


@pytest.fixture
def supplier_registration(conference):
    return approved(conference, SupplierFactory())


@pytest.fixture
def other_conference(db):
    return ConferenceFactory()
