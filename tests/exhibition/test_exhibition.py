import pytest
from django.test import Client

from events.errors import DomainError
from matchmaking.agenda.ics import agenda_calendar
from matchmaking.agenda.selectors import agenda_meetings
from matchmaking.exhibition import selectors
from matchmaking.exhibition.models import Booth, Hall
from matchmaking.exhibition.services import set_exhibitor
from matchmaking.places import places_of, slot_capacity
from matchmaking.services import booking
from tests.factories import ConferenceFactory, EnterpriseFactory, SupplierFactory, approved
from tests.onsite.helpers import booked_meeting, day_grid
from tests.portal.conftest import client_for
from tests.portal.helpers import accepted

pytestmark = pytest.mark.django_db


def booth(conference, number="A12", capacity=2):
    hall, _ = Hall.objects.get_or_create(conference=conference, name="Hall A")
    return Booth.objects.create(hall=hall, number=number, capacity=capacity)


def test_a_booth_holds_as_many_meetings_at_once_as_its_capacity(conference, organizer):
    (slot,) = day_grid(conference, count=1, tables=0)
    stand = booth(conference, capacity=2)
    place = next(p for p in places_of(conference=conference) if p.kind == "booth")
    buyer_meetings = [accepted(conference, approved(conference).enterprise) for _ in range(3)]

    first = booking.book_meeting(request=buyer_meetings[0], slot=slot, enterprise=None, at=place)
    second = booking.book_meeting(request=buyer_meetings[1], slot=slot, enterprise=None, at=place)
    with pytest.raises(DomainError) as error:
        booking.book_meeting(request=buyer_meetings[2], slot=slot, enterprise=None, at=place)

    assert first.booth == second.booth == stand
    assert first.table is None
    assert error.value.code == "place_taken"
    assert slot_capacity(places=places_of(conference=conference), slot_ids=[slot.pk],
                         chairs=4) == {slot.pk: 2}


def test_companies_booking_fill_tables_first_then_booths(conference):
    (slot,) = day_grid(conference, count=1, tables=1)
    booth(conference, capacity=1)
    one = booked_meeting(conference, approved(conference).enterprise, slot)
    two = booked_meeting(conference, approved(conference).enterprise, slot)

    assert one.table is not None and one.booth is None
    assert two.booth is not None and two.table is None
    with pytest.raises(DomainError) as error:
        booked_meeting(conference, approved(conference).enterprise, slot)
    assert error.value.code == "tables_full"


def test_a_booth_without_capacity_is_no_meeting_place(conference):
    booth(conference, capacity=0)

    assert [p.kind for p in places_of(conference=conference)] == []


def test_a_booth_meeting_shows_its_booth_in_the_agenda_and_ics(conference):
    (slot,) = day_grid(conference, count=1, tables=0)
    booth(conference, number="B7", capacity=1)
    buyer = approved(conference).enterprise
    booked_meeting(conference, buyer, slot)

    [meeting] = agenda_meetings(conference=conference, enterprise=buyer)
    calendar = agenda_calendar(conference=conference, enterprise=buyer, meetings=[meeting],
                               language="en").decode()

    assert str(meeting.where) == "Booth B7 (Hall A)"
    assert "Booth B7 (Hall A)" in calendar


def test_set_exhibitor_refuses_a_booth_of_another_conference_or_taken(conference, organizer):
    registration = approved(conference)
    other = booth(ConferenceFactory())
    with pytest.raises(DomainError) as error:
        set_exhibitor(registration=registration, booth=other, actor=organizer)
    assert error.value.code == "other_conference"

    stand = booth(conference)
    set_exhibitor(registration=registration, booth=stand, actor=organizer)
    with pytest.raises(DomainError) as taken:
        set_exhibitor(registration=approved(conference), booth=stand, actor=organizer)
    assert taken.value.code == "booth_taken"


def test_foreign_exhibitors_are_counted_apart(conference, organizer):
    set_exhibitor(registration=approved(conference, EnterpriseFactory(country="US")),
                  booth=None, actor=organizer)
    set_exhibitor(registration=approved(conference, SupplierFactory(country="CN")),
                  booth=None, actor=organizer)

    assert selectors.exhibitor_count(conference=conference) == 2
    assert selectors.foreign_exhibitor_count(conference=conference) == 1


def test_exhibitor_directory_searches_by_name_and_country(client, conference, organizer):
    maple = approved(conference, EnterpriseFactory(legal_name="Maple Leaf Animation",
                                                   country="CA"))
    taihu = approved(conference, SupplierFactory(legal_name="Suzhou Taihu Software"))
    set_exhibitor(registration=maple, booth=booth(conference, "C3"), actor=organizer)
    set_exhibitor(registration=taihu, booth=None, actor=organizer)
    client = client_for(client, taihu.enterprise)

    everyone = client.get("/portal/exhibitors/")
    by_name = client.get("/portal/exhibitors/", {"q": "maple"})
    by_country = client.get("/portal/exhibitors/", {"country": "CN"})

    names = [e.registration.enterprise.legal_name for e in everyone.context["page"]]
    assert names == ["Maple Leaf Animation", "Suzhou Taihu Software"]
    assert [e.booth.number for e in by_name.context["page"]] == ["C3"]
    assert [e.registration for e in by_country.context["page"]] == [taihu]
    assert b"C3: Maple Leaf Animation" in everyone.content


def test_exhibitor_directory_is_for_participants(conference):
    response = Client().get("/portal/exhibitors/")

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
