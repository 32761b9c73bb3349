import threading

import pytest
from django.db import connection

from events.errors import DomainError
from matchmaking.models import Meeting, MeetingStatus, Unavailability
from matchmaking.onsite.models import CheckIn
from matchmaking.onsite.services import book_walk_in, mark_attendance
from matchmaking.places import places_of
from matchmaking.services import booking
from tests.conftest import require, uses_postgres
from tests.factories import SupplierFactory, approved
from tests.onsite.helpers import booked_meeting, day_grid, running
from tests.portal.helpers import accepted

pytestmark = pytest.mark.django_db


def arrived(conference, *enterprises):
    for enterprise in enterprises:
        CheckIn.objects.create(conference=conference, delegate=enterprise.delegates.first())
    return enterprises


@pytest.fixture
def day(conference):
    """Four slots, two tables; the first slot is running now."""
    first, *rest = day_grid(conference)
    return [running(first), *rest]


def company(conference, supplier=False):
    return approved(conference, SupplierFactory() if supplier else None).enterprise


def table(conference, number):
    return next(p for p in places_of(conference=conference) if p.number == number)


def grid_post(client, conference, action, data):
    return client.post(f"/onsite/{conference.edition}/grid/{action}/", data, follow=True)


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def test_walk_in_seats_two_checked_in_companies_in_the_running_slot(conference, day, organizer):
    buyer, supplier = arrived(conference, company(conference), company(conference, True))

    meeting = book_walk_in(conference=conference, first=buyer, second=supplier, slot=day[0],
                           purpose="investment", actor=organizer, at=table(conference, 2))

    assert (meeting.slot, meeting.table.number) == (day[0], 2)
    assert meeting.request.status == "accepted"
    assert meeting.bookings.count() == 2


def test_walk_in_needs_both_companies_checked_in(conference, day, organizer):
    (buyer,) = arrived(conference, company(conference))
    supplier = company(conference, True)

    with pytest.raises(DomainError) as error:
        book_walk_in(conference=conference, first=buyer, second=supplier, slot=day[0],
                     purpose="investment", actor=organizer)

    assert error.value.code == "not_checked_in"
    assert not Meeting.objects.exists()


def test_walk_in_takes_only_the_running_or_the_next_slot(conference, day, organizer):
    buyer, supplier = arrived(conference, company(conference), company(conference, True))

    with pytest.raises(DomainError) as error:
        book_walk_in(conference=conference, first=buyer, second=supplier, slot=day[2],
                     purpose="investment", actor=organizer)

    assert error.value.code == "not_now"


def test_walk_in_takes_the_table_a_no_show_gave_back(conference, organizer):
    (slot,) = day_grid(conference, count=1, tables=1)
    absent = booked_meeting(conference, company(conference), slot)
    running(slot)
    buyer, supplier = arrived(conference, company(conference), company(conference, True))
    with pytest.raises(DomainError) as full:
        book_walk_in(conference=conference, first=buyer, second=supplier, slot=slot,
                     purpose="investment", actor=organizer)
    assert full.value.code == "tables_full"

    mark_attendance(meeting=absent, status="no_show", actor=organizer)
    meeting = book_walk_in(conference=conference, first=buyer, second=supplier, slot=slot,
                           purpose="investment", actor=organizer)

    assert meeting.table == absent.attendance.released_table


def test_walk_in_is_refused_when_a_side_is_busy_in_that_slot(conference, day, organizer):
    buyer = company(conference)
    booked = booked_meeting(conference, buyer, day[1])
    supplier = company(conference, True)
    arrived(conference, buyer, supplier)

    with pytest.raises(DomainError) as error:
        book_walk_in(conference=conference, first=buyer, second=supplier, slot=booked.slot,
                     purpose="investment", actor=organizer)

    assert error.value.code == "busy"


def test_grid_move_to_a_taken_table_is_refused_and_to_a_free_one_done(
        organizer_client, conference, day):
    one = booked_meeting(conference, company(conference), day[1])
    two = booked_meeting(conference, company(conference), day[1])
    assert {one.table.number, two.table.number} == {1, 2}

    refused = grid_post(organizer_client, conference, "move", {
        "meeting": one.pk, "slot": day[1].pk, "place": table(conference, two.table.number).token})
    moved = grid_post(organizer_client, conference, "move", {
        "meeting": one.pk, "slot": day[2].pk, "place": table(conference, 2).token})

    assert "is taken at that time" in messages_of(refused)[0]
    one.refresh_from_db()
    assert (one.slot, one.table.number) == (day[2], 2)
    assert "moved" in messages_of(moved)[0]


def test_grid_refuses_a_slot_where_a_side_is_unavailable(organizer_client, conference, day):
    meeting = booked_meeting(conference, company(conference), day[1])
    Unavailability.objects.create(enterprise=meeting.request.sender, slot=day[3])

    response = grid_post(organizer_client, conference, "move",
                         {"meeting": meeting.pk, "slot": day[3].pk, "place": ""})

    assert "not available" in messages_of(response)[0]
    meeting.refresh_from_db()
    assert meeting.slot == day[1]


def test_grid_books_an_accepted_request_at_a_chosen_table(organizer_client, conference, day):
    request = accepted(conference, company(conference))

    grid_post(organizer_client, conference, "book", {
        "request": request.pk, "slot": day[2].pk, "place": table(conference, 2).token})

    meeting = Meeting.objects.get(request=request)
    assert (meeting.slot, meeting.table.number) == (day[2], 2)


def test_swap_exchanges_slots_and_tables(conference, day, organizer):
    one = booked_meeting(conference, company(conference), day[1])
    two = booked_meeting(conference, company(conference), day[2])
    where = {one.pk: (day[1], one.table), two.pk: (day[2], two.table)}

    booking.swap_meetings(first=one, second=two, actor=organizer)

    one.refresh_from_db()
    two.refresh_from_db()
    assert (one.slot, one.table) == where[two.pk]
    assert (two.slot, two.table) == where[one.pk]


def test_swap_that_would_double_book_a_company_changes_nothing(conference, day, organizer):
    buyer = company(conference)
    keep = booked_meeting(conference, buyer, day[1])
    other = booked_meeting(conference, company(conference), day[1])
    mine_later = booked_meeting(conference, buyer, day[2])

    with pytest.raises(DomainError) as error:
        booking.swap_meetings(first=other, second=mine_later, actor=organizer)

    assert error.value.code == "busy"
    for meeting, slot in ((keep, day[1]), (other, day[1]), (mine_later, day[2])):
        meeting.refresh_from_db()
        assert meeting.slot == slot and meeting.table is not None
        assert meeting.bookings.count() == 2


def test_grid_cancel_and_mark_held(organizer_client, conference, day):
    held = booked_meeting(conference, company(conference), day[0].__class__.objects.get(
        pk=day[1].pk))
    running(held.slot, minutes_ago=5)
    cancelled = booked_meeting(conference, company(conference), day[2])

    grid_post(organizer_client, conference, "attendance", {"meeting": held.pk, "status": "held"})
    grid_post(organizer_client, conference, "cancel", {"meeting": cancelled.pk, "reason": "ill"})

    held.refresh_from_db()
    cancelled.refresh_from_db()
    assert held.attendance.status == "held"
    assert cancelled.status == MeetingStatus.CANCELLED


def test_grid_shows_every_meeting_in_its_cell_in_few_queries(
        organizer_client, conference, day, django_assert_max_num_queries):
    meetings = [booked_meeting(conference, company(conference), slot) for slot in day[1:]]

    with django_assert_max_num_queries(12):
        response = organizer_client.get(f"/onsite/{conference.edition}/grid/",
                                        {"day": conference.start_date.isoformat()})

    shown = {m.pk for row in response.context["rows"] for _place, cell in row.cells
             for m in cell}
    assert shown == {m.pk for m in meetings}


def test_cell_editor_is_an_htmx_partial(organizer_client, conference, day):
    meeting = booked_meeting(conference, company(conference), day[1])
    place = table(conference, meeting.table.number)

    response = organizer_client.get(f"/onsite/{conference.edition}/grid/cell/",
                                    {"slot": day[1].pk, "place": place.token},
                                    HTTP_HX_REQUEST="true")

    assert response.context["meetings"] == [meeting]
    assert b"<html" not in response.content


def test_live_board_shows_the_running_and_the_next_slot(organizer_client, conference):
    day = day_grid(conference)
    now = booked_meeting(conference, company(conference), day[0])
    running(day[0], minutes_ago=1)
    running(day[1], minutes_ago=-29)

    response = organizer_client.get(f"/onsite/{conference.edition}/board/")

    sections = response.context["sections"]
    assert [slot for slot, _rows, _current in sections] == [day[0], day[1]]
    assert [m for _p, cell in sections[0][1] for m in cell] == [now]
    assert b'http-equiv="refresh"' in response.content
    assert b"<script" not in response.content


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_staff_booking_the_same_table_let_exactly_one_win(conference):
    require(uses_postgres(), "PostgreSQL (set DATABASE_URL)")
    conference.status = "scheduled"
    conference.save()
    (slot,) = day_grid(conference, count=1, tables=3)
    requests = [accepted(conference, company(conference)) for _ in range(6)]
    place = table(conference, 2)
    outcomes, barrier = [], threading.Barrier(len(requests))

    def attempt(request):
        barrier.wait()
        try:
            booking.book_meeting(request=request, slot=slot, enterprise=None, at=place)
            outcomes.append("won")
        except DomainError as error:
            outcomes.append(error.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(r,)) for r in requests]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert outcomes.count("won") == 1
    assert set(outcomes) - {"won"} <= {"place_taken", "slot_taken"}
    assert Meeting.objects.filter(slot=slot, table_id=place.pk).count() == 1
