import pytest


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    # Factories hash a password per organizer; the default hasher makes that the slowest
    # part of these tests, and none is about passwords.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
