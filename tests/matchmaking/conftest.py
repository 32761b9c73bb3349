import pytest


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    # Every approval in the factories creates an organizer with a hashed password; the
    # default hasher makes that the slowest part of these tests, and none is about passwords.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
