import pytest

from events.errors import DomainError
from matchmaking.models import SlotBooking
from matchmaking.onsite import selectors
from matchmaking.onsite.models import Attendance
from matchmaking.onsite.services import mark_attendance
from matchmaking.places import occupancy
from tests.factories import SupplierFactory, approved
from tests.onsite.helpers import booked_meeting, day_grid, running
from tests.portal.conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(conference, buyer_registration):
    first, *_rest = day_grid(conference)
    meeting = booked_meeting(conference, buyer_registration.enterprise, first)
    running(first)
    return meeting


def test_staff_mark_a_meeting_held(meeting, organizer):
    attendance = mark_attendance(meeting=meeting, status="held", actor=organizer)

    assert attendance.status == "held"
    assert attendance.marked_by == organizer
    assert meeting.table is not None
    assert selectors.attendance_count(conference=meeting.conference) == {
        "held": 1, "no_show": 0, "unmarked": 0}


def test_a_no_show_frees_its_table_and_both_seats_for_the_rest_of_the_slot(meeting, organizer):
    table = meeting.table

    mark_attendance(meeting=meeting, status="no_show", actor=organizer)

    meeting.refresh_from_db()
    assert meeting.table is None
    assert meeting.attendance.released_table == table
    assert not SlotBooking.objects.filter(meeting=meeting).exists()
    used = occupancy(conference=meeting.conference, slot_ids=[meeting.slot_id])
    assert sum(used[meeting.slot_id].values()) == 0


def test_a_side_marking_a_no_show_names_the_other_side_absent(meeting, organizer):
    buyer, supplier = meeting.request.recipient, meeting.request.sender

    mark_attendance(meeting=meeting, status="no_show", actor=organizer, enterprise=buyer)

    assert Attendance.objects.get().absent == supplier
    figures = {row["enterprise_id"]: row
               for row in selectors.attendance_by_company(conference=meeting.conference)}
    assert figures[supplier.pk]["no_show"] == 1
    assert figures[buyer.pk]["no_show"] == 0
    assert figures[buyer.pk]["other_side_absent"] == 1


def test_a_no_show_is_final(meeting, organizer):
    mark_attendance(meeting=meeting, status="no_show", actor=organizer)

    with pytest.raises(DomainError) as error:
        mark_attendance(meeting=meeting, status="held", actor=organizer)

    assert error.value.code == "no_show_final"
    assert Attendance.objects.get().status == "no_show"


def test_a_meeting_cannot_be_marked_before_it_begins(conference, buyer_registration, organizer):
    _first, second, *_rest = day_grid(conference)
    meeting = booked_meeting(conference, buyer_registration.enterprise, second)

    with pytest.raises(DomainError) as error:
        mark_attendance(meeting=meeting, status="held", actor=organizer)

    assert error.value.code == "not_started"
    assert not Attendance.objects.exists()


def test_only_the_two_sides_may_mark_a_meeting(meeting, conference, organizer):
    stranger = approved(conference, SupplierFactory()).enterprise

    with pytest.raises(DomainError) as error:
        mark_attendance(meeting=meeting, status="no_show", actor=organizer, enterprise=stranger)

    assert error.value.code == "forbidden"
    assert meeting.table is not None


def test_a_company_marks_a_no_show_from_its_agenda(client, meeting):
    buyer = meeting.request.recipient
    client = client_for(client, buyer)

    agenda = client.get("/portal/agenda/")
    assert b"/attendance/" in agenda.content
    response = client.post(f"/onsite/meetings/{meeting.pk}/attendance/", {"status": "no_show"},
                           follow=True)

    assert "no-show" in str(list(response.context["messages"])[0])
    attendance = Attendance.objects.get(meeting=meeting)
    assert attendance.absent == meeting.request.sender
    assert attendance.marked_by.enterprise == buyer
