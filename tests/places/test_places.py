"""Where a meeting happens and how many fit: chairs, active tables, engine numbers."""

import datetime as dt
from collections import Counter

import pytest
from django.utils import timezone

from accounts.models import Registration
from events.errors import DomainError
from events.models import Table, TimeSlot
from matchmaking.places import Place, Wanted, assign_places, party_size
from matchmaking.portal.slots import free_slots
from matchmaking.services import booking
from tests.factories import SupplierFactory, approved, slots
from tests.portal.helpers import accepted, publish

pytestmark = pytest.mark.django_db


def tables(conference, *seats):
    """Tables 1..n with these seats, all in use (replacing those `slots` made)."""
    Table.objects.filter(conference=conference).delete()
    for number, count in enumerate(seats, start=1):
        Table.objects.create(conference=conference, number=number, seats=count)


def party(conference, enterprise=None, *, delegates=1, parallel=1, supplier=False):
    enterprise = enterprise or (SupplierFactory() if supplier else None)
    registration = approved(conference, enterprise, delegates=delegates)
    Registration.objects.filter(pk=registration.pk).update(parallel_meetings=parallel)
    return registration.enterprise


@pytest.mark.parametrize(("delegates", "parallel", "people"),
                         [(1, 1, 1), (3, 1, 3), (3, 2, 2), (4, 2, 2), (1, 3, 1), (0, 1, 1)])
def test_each_side_brings_its_delegates_shared_among_parallel_meetings(delegates, parallel,
                                                                       people):
    assert party_size(delegates=delegates, parallel=parallel) == people


def test_booking_skips_a_table_too_small_for_both_delegations(conference):
    (slot,) = slots(conference, 1)
    tables(conference, 2, 4)
    buyer = party(conference, delegates=2)
    request = accepted(conference, buyer, party(conference, supplier=True))
    publish(conference)

    meeting = booking.book_meeting(request=request, slot=slot, enterprise=buyer)

    assert meeting.table.number == 2  # three people do not sit at a table for two


def test_booking_refuses_when_only_too_small_tables_are_free(conference):
    (slot,) = slots(conference, 1)
    tables(conference, 2, 2)
    buyer = party(conference, delegates=2)
    request = accepted(conference, buyer, party(conference, supplier=True))
    publish(conference)

    with pytest.raises(DomainError) as error:
        booking.book_meeting(request=request, slot=slot, enterprise=buyer)

    assert error.value.code == "tables_full" and "3 seats" in error.value.message
    assert free_slots(request=request) == []


def test_inactive_tables_are_never_used(conference):
    first, second = slots(conference, 2)
    tables(conference, 4, 4)
    Table.objects.filter(conference=conference, number=1).update(is_active=False)
    buyer = party(conference)
    one, two = (accepted(conference, buyer), accepted(conference, buyer))
    publish(conference)

    meeting = booking.book_meeting(request=one, slot=first, enterprise=buyer)
    Table.objects.filter(conference=conference).update(is_active=False)

    assert meeting.table.number == 2
    assert free_slots(request=two) == []
    with pytest.raises(DomainError) as error:
        booking.book_meeting(request=two, slot=second, enterprise=buyer)
    assert error.value.code == "tables_full"


def test_booking_refuses_a_slot_that_has_begun(conference):
    slots(conference, 1)
    buyer, supplier = party(conference), party(conference, supplier=True)
    started = TimeSlot.objects.create(conference=conference,
                                      start=timezone.now() - dt.timedelta(minutes=5),
                                      end=timezone.now() + dt.timedelta(minutes=25))
    request = accepted(conference, buyer, supplier)
    publish(conference)

    with pytest.raises(DomainError) as error:
        booking.book_meeting(request=request, slot=started, enterprise=buyer)

    assert error.value.code == "past"
    assert started not in free_slots(request=request)


def place(number, seats, capacity=1):
    return Place(kind="table", pk=100 + number, number=number, seats=seats, capacity=capacity)


def test_assign_places_keeps_engine_numbers_and_moves_on_when_one_no_longer_fits():
    places = [place(1, 4), place(2, 2), place(3, 4), place(4, 6), place(5, 4)]

    chosen = assign_places(places=places, used=Counter(), wanted=[
        Wanted("a", 1, 2), Wanted("b", 2, 4), Wanted("c", 3, 3), Wanted("d", 4, 6)])

    # b was numbered 2, a table for two: the others keep their numbers first, then b takes
    # the next free table that fits.
    assert {key: p.number for key, p in chosen.items()} == {"a": 1, "b": 5, "c": 3, "d": 4}


def test_assign_places_wraps_around_and_never_overfills():
    places = [place(1, 4), place(2, 4), place(3, 2)]
    used = Counter({places[0].key: 1})

    chosen = assign_places(places=places, used=used,
                           wanted=[Wanted("x", 3, 4), Wanted("y", 2, 4)])

    assert chosen["y"].number == 2 and chosen["x"] is None
    assert used == Counter({places[0].key: 1, places[1].key: 1})


def test_a_meeting_staying_in_its_slot_keeps_its_table_before_engine_numbers_count():
    places = [place(1, 4), place(2, 4), place(3, 4)]

    chosen = assign_places(places=places, used=Counter(), wanted=[
        Wanted("new", 2, 2), Wanted("stays", 1, 2, current=places[1].key)])

    assert (chosen["stays"].number, chosen["new"].number) == (2, 3)
