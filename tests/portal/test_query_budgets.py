"""Query budgets of the busiest portal requests (issue 13), each over the whole request:
middleware, session, the portal's context, the view and the template.

Each is measured the second time a company user who has accepted the privacy notice
opens a page, as every visit after the first: the session and the per-page reads are
then in the cache.
"""

import pytest
from django.conf import settings
from django.test import Client

from events.models import ConferenceDay
from matchmaking.models import Meeting, MeetingStatus
from matchmaking.privacy.services import record_consent
from matchmaking.services.booking import book_meeting
from tests.factories import DelegateFactory, SupplierFactory, approved, slots
from tests.portal.conftest import company_user
from tests.portal.helpers import accepted, publish

pytestmark = pytest.mark.django_db
# Issue 13 asks for booking <= 12: not met yet. A write also locks and re-reads the slot
# and the request, checks the slot as the picker does (party sizes, availability, seats,
# tables, booths, the slot's meetings), and writes its audit entry, webhook event and
# e-mails (one insert) in the same transaction; these pins keep it from growing.
AGENDA, DIRECTORY, BOOK, MOVE, CANCEL = 6, 7, 21, 23, 15


def regular(enterprise) -> Client:
    """A signed-in company user of the enterprise who accepted the privacy notice."""
    user = company_user(enterprise)
    record_consent(user=user, version=settings.PRIVACY_NOTICE_VERSION)
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def schedule(conference, buyer, supplier):
    """A published conference over two days with three meetings on the buyer's agenda."""
    ConferenceDay.objects.get_or_create(conference=conference, date=conference.end_date)
    free = slots(conference, 6, tables=3)
    DelegateFactory(enterprise=supplier, full_name="Wang Fang")
    requests = [accepted(conference, buyer, supplier)] + [
        accepted(conference, buyer) for _ in range(3)]
    publish(conference)
    for request, slot in zip(requests[1:], free, strict=False):
        book_meeting(request=request, slot=slot, enterprise=request.sender)
    return requests[0], free


def test_agenda_page_stays_within_its_query_budget(buyer, schedule,
                                                   django_assert_max_num_queries):
    client = regular(buyer)
    client.get("/portal/agenda/")

    with django_assert_max_num_queries(AGENDA):
        response = client.get("/portal/agenda/")

    assert sum(len(day.meetings) for day in response.context["days"]) == 3


def test_directory_page_stays_within_its_query_budget(buyer, conference,
                                                      django_assert_max_num_queries):
    for number in range(30):
        approved(conference, SupplierFactory(legal_name=f"Supplier {number:02}"))
    client = regular(buyer)
    client.get("/portal/directory/")

    with django_assert_max_num_queries(DIRECTORY):
        response = client.get("/portal/directory/")

    assert len(response.context["cards"]) == 25


def test_booking_stays_within_its_query_budget(conference, buyer, supplier, schedule,
                                               django_assert_max_num_queries):
    request, free = schedule
    client = regular(supplier)
    client.get("/portal/agenda/")

    with django_assert_max_num_queries(BOOK):
        response = client.post(f"/portal/requests/{request.pk}/book/", {"slot": free[4].pk})

    assert response["Location"] == "/portal/agenda/"
    assert Meeting.objects.get(request=request).slot == free[4]


def test_moving_stays_within_its_query_budget(conference, supplier, schedule,
                                              django_assert_max_num_queries):
    request, free = schedule
    meeting = book_meeting(request=request, slot=free[4], enterprise=supplier)
    client = regular(supplier)
    client.get("/portal/agenda/")

    with django_assert_max_num_queries(MOVE):
        response = client.post(f"/portal/meetings/{meeting.pk}/move/", {"slot": free[5].pk})

    assert response["Location"] == "/portal/agenda/"
    meeting.refresh_from_db()
    assert meeting.slot == free[5]


def test_cancelling_stays_within_its_query_budget(conference, supplier, schedule,
                                                  django_assert_max_num_queries):
    request, free = schedule
    meeting = book_meeting(request=request, slot=free[4], enterprise=supplier)
    client = regular(supplier)
    client.get("/portal/agenda/")

    with django_assert_max_num_queries(CANCEL):
        response = client.post(f"/portal/meetings/{meeting.pk}/cancel/", {"reason": "ill"})

    assert response["Location"] == "/portal/agenda/"
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CANCELLED
