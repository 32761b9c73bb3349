import pytest
from django.utils import translation

from tests.portal.conftest import buyer, buyer_client, conference, fast_passwords, supplier  # noqa: F401 - shared fixtures


@pytest.fixture(autouse=True)
def _restore_active_language():
    """A request under /zh-hans/ leaves Chinese active in the thread; put back what was there."""
    previous = translation.get_language()
    yield
    translation.activate(previous) if previous else translation.deactivate()
