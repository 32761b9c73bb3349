import datetime as dt

import pytest
from django.utils import timezone, translation

from events.models import IndustryField
from matchmaking.services import requests as request_services
from matchmaking.services.booking import book_meeting
from tests.factories import (
    CompanyUserFactory,
    ConferenceFactory,
    EnterpriseFactory,
    IndustryFieldFactory,
    SupplierFactory,
    approved,
    slots,
    took_place,
)


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def conference(db):
    start = timezone.localdate() + dt.timedelta(days=30)
    return ConferenceFactory(start_date=start, end_date=start + dt.timedelta(days=1))


@pytest.fixture
def fields(db):
    return {"software": IndustryFieldFactory(),
            "pharma": IndustryFieldFactory(slug="pharma-rd", name="Pharmaceutical R&D",
                                           name_zh="医药研发")}


def company_client(client, enterprise):
    user = CompanyUserFactory(enterprise=enterprise)
    user.save()
    client.force_login(user)
    return client


class Meetings:
    """Meetings that took place, between fresh pairs of a buyer and a supplier."""

    def __init__(self, conference, count: int):
        self.conference = conference
        self.slots = slots(conference, count, tables=1)
        conference.status = "scheduled"
        conference.save()
        self.made = 0

    def make(self, *, buyer_country: str = "US", buyer=None, supplier=None,
             started: bool = True):
        buyer = buyer or approved(self.conference, EnterpriseFactory(
            country=buyer_country)).enterprise
        supplier = supplier or approved(self.conference, SupplierFactory()).enterprise
        request = request_services.send_meeting_request(
            conference=self.conference, sender=supplier, recipient=buyer, purpose="investment")
        request_services.accept_meeting_request(request=request, enterprise=buyer)
        slot = self.slots[self.made]
        self.made += 1
        meeting = book_meeting(request=request, slot=slot, enterprise=supplier)
        if started:
            took_place(slot, hours_ago=self.made)
        meeting.refresh_from_db()
        return meeting, buyer, supplier


@pytest.fixture
def meetings(conference):
    return lambda count: Meetings(conference, count)


def field(slug: str) -> IndustryField:
    return IndustryField.objects.get(slug=slug)


@pytest.fixture(autouse=True)
def _restore_active_language():
    """A request under /zh-hans/ leaves Chinese active in the thread; put back what was there."""
    previous = translation.get_language()
    yield
    if previous:
        translation.activate(previous)
    else:
        translation.deactivate()
