import pytest

from accounts import services as accounts_services
from tests.factories import EnterpriseFactory, registered


@pytest.fixture
def join(organizer):
    """join(conference, enterprise=None) -> an approved enterprise (a buyer by default).

    One organizer approves everyone: `factories.approved` hashes a new organizer's password
    per call, which makes tests with ten companies slow."""

    def approve(conference, enterprise=None):
        registration = registered(conference, enterprise or EnterpriseFactory())
        accounts_services.approve_registration(registration=registration, actor=organizer)
        return registration.enterprise

    return approve

