import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def site(settings, tmp_path):
    settings.SITE_URL = "https://match.example.com"
    settings.PRIVATE_STORAGE_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _restore_active_language():
    """A request under /zh-hans/ leaves Chinese active in the thread; put back English."""
    yield
    translation.activate("en")
