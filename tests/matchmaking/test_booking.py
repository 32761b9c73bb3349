import threading
import time

import pytest
from django.db import connection, transaction

from events.errors import DomainError
from matchmaking.models import Meeting, MeetingStatus, SlotBooking, Unavailability
from matchmaking.services import booking
from matchmaking.services import requests as svc
from tests.conftest import require, uses_postgres
from tests.factories import SupplierFactory, approved, slots

pytestmark = pytest.mark.django_db


def accepted_request(conference, buyer=None, supplier=None):
    buyer = buyer or approved(conference).enterprise
    supplier = supplier or approved(conference, SupplierFactory()).enterprise
    request = svc.send_meeting_request(conference=conference, sender=supplier, recipient=buyer,
                                       purpose="investment")
    return svc.accept_meeting_request(request=request, enterprise=buyer)


@pytest.fixture
def published(conference):
    conference.status = "scheduled"
    conference.save()
    return conference


def test_book_meeting_takes_a_table_and_both_seats(published):
    first, _second = slots(published, 2)
    request = accepted_request(published)

    meeting = booking.book_meeting(request=request, slot=first, enterprise=request.sender)

    assert meeting.table.number == 1
    assert set(meeting.bookings.values_list("enterprise", flat=True)) == {
        request.sender_id, request.recipient_id}


def test_book_meeting_rejects_a_slot_where_one_side_is_busy(published):
    first, _second = slots(published, 2)
    buyer = approved(published).enterprise
    one = accepted_request(published, buyer=buyer)
    two = accepted_request(published, buyer=buyer)
    booking.book_meeting(request=one, slot=first, enterprise=buyer)

    with pytest.raises(DomainError) as error:
        booking.book_meeting(request=two, slot=first, enterprise=buyer)

    assert error.value.code == "busy"
    assert Meeting.objects.count() == 1


def test_delegation_with_two_seats_holds_two_meetings_at_once(published):
    first, _second = slots(published, 2)
    registration = approved(published)
    registration.parallel_meetings = 2
    registration.save()
    buyer = registration.enterprise
    for request in (accepted_request(published, buyer=buyer),
                    accepted_request(published, buyer=buyer)):
        booking.book_meeting(request=request, slot=first, enterprise=buyer)

    assert sorted(SlotBooking.objects.filter(enterprise=buyer).values_list("seat", flat=True)) \
        == [1, 2]


def test_book_meeting_rejects_when_tables_are_full(published):
    (only,) = slots(published, 1, tables=1)
    booking.book_meeting(request=(r := accepted_request(published)), slot=only,
                         enterprise=r.sender)

    with pytest.raises(DomainError) as error:
        booking.book_meeting(request=(r2 := accepted_request(published)), slot=only,
                             enterprise=r2.sender)

    assert error.value.code == "tables_full"


def test_book_meeting_respects_unavailability(published):
    first, _ = slots(published, 2)
    request = accepted_request(published)
    Unavailability.objects.create(enterprise=request.recipient, slot=first)

    with pytest.raises(DomainError) as error:
        booking.book_meeting(request=request, slot=first, enterprise=request.sender)

    assert error.value.code == "unavailable"


def test_booking_needs_a_published_schedule(conference):
    first, _ = slots(conference, 2)
    request = accepted_request(conference)

    with pytest.raises(DomainError) as error:
        booking.book_meeting(request=request, slot=first, enterprise=request.sender)

    assert error.value.code == "not_published"


def test_move_and_cancel_free_the_old_seats(published):
    first, second = slots(published, 2)
    request = accepted_request(published)
    meeting = booking.book_meeting(request=request, slot=first, enterprise=request.sender)

    booking.move_meeting(meeting=meeting, slot=second, enterprise=request.recipient)
    assert set(SlotBooking.objects.values_list("slot", flat=True)) == {second.pk}

    booking.cancel_meeting(meeting=meeting, enterprise=request.sender, reason="Flight")
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CANCELLED
    assert not SlotBooking.objects.exists()
    again = booking.book_meeting(request=request, slot=first, enterprise=request.sender)
    assert again.status == MeetingStatus.SCHEDULED


def test_withdrawing_an_accepted_request_cancels_its_meeting(published):
    first, _ = slots(published, 2)
    request = accepted_request(published)
    meeting = booking.book_meeting(request=request, slot=first, enterprise=request.sender)

    svc.withdraw_meeting_request(request=request, enterprise=request.sender)

    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CANCELLED


@pytest.mark.django_db(transaction=True)
def test_concurrent_bookings_of_one_seat_let_exactly_one_win(conference):
    conference.status = "scheduled"
    conference.save()
    (slot,) = slots(conference, 1, tables=20)
    buyer = approved(conference).enterprise
    requests = [accepted_request(conference, buyer=buyer) for _ in range(8)]
    outcomes, barrier = [], threading.Barrier(len(requests))

    def attempt(request):
        barrier.wait()
        try:
            booking.book_meeting(request=request, slot=slot, enterprise=buyer)
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
    assert set(outcomes) - {"won"} <= {"busy", "slot_taken"}
    assert SlotBooking.objects.filter(enterprise=buyer, slot=slot).count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_cancel_waiting_on_a_concurrent_move_cancels_the_moved_meeting(conference):
    require(uses_postgres(), "row locks need DATABASE_URL pointing at PostgreSQL")
    conference.status = "scheduled"
    conference.save()
    first, second = slots(conference, 2)
    request = accepted_request(conference)
    meeting = booking.book_meeting(request=request, slot=first, enterprise=request.sender)
    moving, outcome = threading.Event(), []

    def move_then_wait():
        try:
            with transaction.atomic():
                booking.move_meeting(meeting=meeting, slot=second, enterprise=request.sender)
                moving.set()
                time.sleep(0.5)  # the cancel below is now waiting for this row's lock
        finally:
            moving.set()
            connection.close()

    def cancel():
        try:
            moving.wait(timeout=30)
            outcome.append(booking.cancel_meeting(meeting=meeting, enterprise=request.recipient,
                                                  reason="Flight").status)
        finally:
            connection.close()

    threads = [threading.Thread(target=move_then_wait), threading.Thread(target=cancel)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert outcome == [MeetingStatus.CANCELLED]
    meeting.refresh_from_db()
    assert (meeting.status, meeting.slot_id) == (MeetingStatus.CANCELLED, second.pk)
    assert not SlotBooking.objects.exists()
