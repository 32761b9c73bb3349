import pytest

from matchmaking.services import requests as svc
from tests.factories import CompanyUserFactory, SupplierFactory, approved


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


class Pair:
    """Two approved companies of a conference open for matchmaking, with a request between
    them and a user each, and a third approved company with no request."""

    def __init__(self, conference):
        conference.status = "matchmaking_open"
        conference.save()
        self.conference = conference
        self.buyer = approved(conference).enterprise
        self.supplier = approved(conference, SupplierFactory()).enterprise
        self.stranger = approved(conference, SupplierFactory()).enterprise
        self.request = svc.send_meeting_request(conference=conference, sender=self.supplier,
                                                recipient=self.buyer, purpose="investment")
        self.users = {}
        for name in ("buyer", "supplier", "stranger"):
            user = CompanyUserFactory(enterprise=getattr(self, name),
                                      email=f"{name}@{name}.example", language="en")
            user.save()
            self.users[name] = user


@pytest.fixture
def pair(conference):
    return Pair(conference)
