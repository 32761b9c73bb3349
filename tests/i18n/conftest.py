import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _restore_active_language():
    """A request under /zh-hans/ leaves Chinese active in the thread; put back what was there."""
    previous = translation.get_language()
    yield
    if previous:
        translation.activate(previous)
    else:
        translation.deactivate()
