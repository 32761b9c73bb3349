"""A company whose approval went back to review after a vetted change keeps reading its
agenda, meetings and requests, but cannot act until it is approved again."""

import icalendar
import pytest
from django.test import Client
from django.urls import reverse

from accounts import services
from accounts.models import Registration
from matchmaking.agenda.services import issue_feed_token
from matchmaking.models import MeetingRequest, RequestStatus
from matchmaking.services import requests as svc
from matchmaking.services.booking import book_meeting
from tests.factories import StaffFactory, SupplierFactory, approved, slots
from tests.portal.helpers import accepted, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def reopened(conference, buyer, supplier):
    """The buyer with a published meeting and a pending request, back in review."""
    first, _second = slots(conference, 2)
    request = accepted(conference, buyer, supplier)
    publish(conference)
    meeting = book_meeting(request=request, slot=first, enterprise=supplier)
    other = approved(conference, SupplierFactory(legal_name="Wuxi Data Services")).enterprise
    pending = svc.send_meeting_request(conference=conference, sender=other, recipient=buyer,
                                       purpose="investment")
    services.update_enterprise(enterprise=buyer, actor=None,
                               data={"contract_value_usd": 9_000_000})
    return meeting, pending


def test_agenda_pages_stay_open_with_the_meeting_and_a_notice(buyer_client, reopened):
    meeting, _pending = reopened

    page = buyer_client.get("/portal/agenda/").content.decode()
    ics = buyer_client.get("/portal/agenda/agenda.ics")
    pdf = buyer_client.get("/portal/agenda/agenda.pdf")

    assert "Suzhou Taihu Software" in page and "back under review" in page
    assert reverse("portal:move", args=[meeting.pk]) not in page
    assert reverse("portal:cancel", args=[meeting.pk]) not in page
    events = icalendar.Calendar.from_ical(ics.content).walk("VEVENT")
    assert len(events) == 1 and "Suzhou Taihu Software" in str(events[0]["SUMMARY"])
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_calendar_feed_keeps_the_meetings(client, buyer, conference, reopened):
    token = issue_feed_token(conference=conference, enterprise=buyer, actor=None)

    feed = client.get(reverse("portal:agenda_feed", args=[token.secret]))

    assert len(icalendar.Calendar.from_ical(feed.content).walk("VEVENT")) == 1


def test_requests_stay_readable_without_answer_buttons(buyer_client, reopened):
    _meeting, pending = reopened

    response = buyer_client.get("/portal/requests/")

    page = response.content.decode()
    assert response.status_code == 200
    assert "Wuxi Data Services" in page and "back under review" in page
    assert reverse("portal:accept_request", args=[pending.pk]) not in page


def test_answering_and_requesting_are_refused_with_the_reason(buyer_client, conference,
                                                              reopened, supplier):
    _meeting, pending = reopened

    accept = buyer_client.post(reverse("portal:accept_request", args=[pending.pk]))
    send = buyer_client.get(reverse("portal:send_request", args=[supplier.pk]))
    directory = buyer_client.get("/portal/directory/")

    for response in (accept, send, directory):
        assert response.status_code == 403
        assert "back under review because details the organizers vetted changed" in (
            response.content.decode())
    assert MeetingRequest.objects.get(pk=pending.pk).status == RequestStatus.PENDING


def test_dashboard_explains_and_links_the_agenda(buyer_client, reopened):
    page = buyer_client.get("/portal/").content.decode()

    assert "Back under review because details the organizers vetted changed" in page
    assert reverse("portal:agenda") in page


def test_reapproval_gives_back_every_right(buyer_client, buyer, reopened):
    _meeting, pending = reopened
    registration = Registration.objects.get(enterprise=buyer)
    services.approve_registration(registration=registration,
                                  actor=StaffFactory(groups=["Organizers"]))

    accept = buyer_client.post(reverse("portal:accept_request", args=[pending.pk]))

    assert accept.status_code == 302
    assert MeetingRequest.objects.get(pk=pending.pk).status == RequestStatus.ACCEPTED
    assert "back under review" not in buyer_client.get("/portal/agenda/").content.decode()


def test_counterpart_still_sees_the_meeting(client, supplier, reopened):
    from tests.portal.conftest import client_for

    client_for(client, supplier)

    page = client.get("/portal/agenda/").content.decode()

    assert "Enterprise" in page and "back under review" not in page


def test_a_company_that_never_was_approved_still_gets_no_agenda(conference):
    from tests.factories import registered
    from tests.portal.conftest import client_for

    registration = registered(conference)
    client = client_for(Client(), registration.enterprise)

    assert client.get("/portal/agenda/").status_code == 403
