import pytest

from events.errors import DomainError
from matchmaking.agenda.ics import agenda_calendar
from matchmaking.agenda.selectors import agenda_meetings
from matchmaking.outbox.kinds.rows import meeting_rows, snapshot
from matchmaking.places import occupancy
from matchmaking.services import booking
from matchmaking.services import requests as svc
from tests.factories import SupplierFactory, approved
from tests.onsite.helpers import day_grid
from tests.portal.conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def online_conference(conference):
    conference.online_meetings = True
    conference.online_link_pattern = "https://meet.example.com/cisocc-{meeting}"
    conference.save()
    return conference


def online_request(conference, buyer=None):
    buyer = buyer or approved(conference).enterprise
    supplier = approved(conference, SupplierFactory()).enterprise
    request = svc.send_meeting_request(conference=conference, sender=supplier, recipient=buyer,
                                       purpose="investment", online=True)
    return svc.accept_meeting_request(request=request, enterprise=buyer)


def test_a_conference_without_online_meetings_refuses_an_online_request(conference):
    with pytest.raises(DomainError) as error:
        online_request(conference)

    assert error.value.code == "online"


def test_an_online_meeting_needs_no_table_and_gets_the_pattern_link(online_conference):
    (slot,) = day_grid(online_conference, count=1, tables=0)
    request = online_request(online_conference)

    meeting = booking.book_meeting(request=request, slot=slot, enterprise=request.sender)

    assert meeting.is_online and meeting.table is None and meeting.booth is None
    assert meeting.online_link == f"https://meet.example.com/cisocc-{meeting.pk}"
    assert occupancy(conference=online_conference, slot_ids=[slot.pk]) == {}


def test_an_online_meeting_still_needs_both_sides_free(online_conference):
    (slot,) = day_grid(online_conference, count=1, tables=0)
    buyer = approved(online_conference).enterprise
    first = online_request(online_conference, buyer)
    booking.book_meeting(request=first, slot=slot, enterprise=buyer)

    with pytest.raises(DomainError) as error:
        booking.book_meeting(request=online_request(online_conference, buyer), slot=slot,
                             enterprise=buyer)

    assert error.value.code == "busy"


def test_a_side_pastes_its_own_link_and_a_stranger_cannot(online_conference):
    (slot,) = day_grid(online_conference, count=1, tables=0)
    request = online_request(online_conference)
    meeting = booking.book_meeting(request=request, slot=slot, enterprise=request.sender)
    stranger = approved(online_conference, SupplierFactory()).enterprise

    booking.set_online_link(meeting=meeting, link="https://zoom.example/j/42",
                            enterprise=request.recipient)
    with pytest.raises(DomainError) as bad:
        booking.set_online_link(meeting=meeting, link="javascript:alert(1)",
                                enterprise=request.recipient)
    with pytest.raises(DomainError) as forbidden:
        booking.set_online_link(meeting=meeting, link="https://evil.example",
                                enterprise=stranger)

    meeting.refresh_from_db()
    assert meeting.online_link == "https://zoom.example/j/42"
    assert (bad.value.code, forbidden.value.code) == ("invalid", "forbidden")


def test_the_link_shows_in_the_agenda_ics_and_e_mail_rows(online_conference):
    (slot,) = day_grid(online_conference, count=1, tables=0)
    request = online_request(online_conference)
    booking.book_meeting(request=request, slot=slot, enterprise=request.sender)
    [meeting] = agenda_meetings(conference=online_conference, enterprise=request.recipient)
    link = meeting.online_link

    calendar = agenda_calendar(conference=online_conference, enterprise=request.recipient,
                               meetings=[meeting], language="en").decode()
    [row] = meeting_rows([snapshot(meeting)], request.recipient)

    assert str(meeting.where) == "Online"
    assert f"URL:{link}" in calendar.replace("\r\n ", "")
    assert row["table"] == f"online, {link}"


def test_the_portal_offers_online_only_where_the_conference_allows(client, online_conference):
    buyer = approved(online_conference).enterprise
    supplier = approved(online_conference, SupplierFactory()).enterprise
    client = client_for(client, supplier)

    page = client.get(f"/portal/requests/new/{buyer.pk}/")
    client.post(f"/portal/requests/new/{buyer.pk}/", {"purpose": "investment", "online": "on"})

    assert "online" in page.context["form"].fields
    assert supplier.sent_requests.get().online


def test_a_published_schedule_puts_online_requests_online(online_conference,
                                                          django_capture_on_commit_callbacks):
    from matchmaking.models import Meeting
    from matchmaking.services.publishing import publish_schedule_run
    from tests.matchmaking.scheduling_helpers import small_event
    from tests.matchmaking.test_schedule_runs import run_now

    _grid, _buyers, _suppliers, requests = small_event(online_conference, buyers=2, suppliers=2)
    requests[0].online = True
    requests[0].save()

    publish_schedule_run(run=run_now(online_conference, django_capture_on_commit_callbacks))

    meeting = Meeting.objects.get(request=requests[0])
    assert meeting.is_online and meeting.table is None
    assert meeting.online_link == f"https://meet.example.com/cisocc-{meeting.pk}"
    assert Meeting.objects.exclude(pk=meeting.pk).filter(table__isnull=True).count() == 0
