import datetime as dt

import pytest
from django.utils import timezone

from matchmaking.services import booking
from matchmaking.services import requests as svc
from tests.factories import (
    CompanyUserFactory,
    ConferenceFactory,
    EnterpriseFactory,
    SupplierFactory,
    approved,
    slots,
)


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def site(settings):
    settings.SITE_URL = "https://match.example.com"


class World:
    """A conference a month ahead with a buyer and a supplier that have a booked meeting."""

    def __init__(self):
        start = timezone.localdate() + dt.timedelta(days=30)
        self.conference = ConferenceFactory(
            name="Service Outsourcing Conference", name_zh="服务外包合作大会",
            start_date=start, end_date=start + dt.timedelta(days=1))
        self.buyer = approved(self.conference, EnterpriseFactory(
            legal_name="Maple Analytics Inc.", name_zh="枫叶分析公司")).enterprise
        self.supplier = approved(self.conference, SupplierFactory(
            legal_name="Suzhou Taihu Software", name_zh="苏州太湖软件")).enterprise
        self.slots = slots(self.conference, count=4)
        self.buyer_user = CompanyUserFactory(enterprise=self.buyer, email="anna@maple.example",
                                             full_name="Anna Smith", language="en")
        self.supplier_user = CompanyUserFactory(enterprise=self.supplier,
                                                email="li@taihu.example", full_name="李伟",
                                                language="zh-hans")
        self.request = svc.send_meeting_request(
            conference=self.conference, sender=self.supplier, recipient=self.buyer,
            purpose="outsourcing_purchase", message="We test mobile apps in 12 languages.")
        svc.accept_meeting_request(request=self.request, enterprise=self.buyer)
        self.conference.status = "scheduled"
        self.conference.save()
        self.meeting = booking.book_meeting(request=self.request, slot=self.slots[0],
                                            enterprise=self.supplier)


@pytest.fixture
def world(db):
    return World()
