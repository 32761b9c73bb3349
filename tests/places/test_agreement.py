"""The slot picker offers exactly the slots the booking service accepts, whatever the state."""

import contextlib
import datetime as dt
import random

import pytest
from django.db import transaction
from django.utils import timezone

from accounts.models import Registration
from events.errors import DomainError
from events.models import Table, TimeSlot
from matchmaking.models import Meeting, MeetingStatus, Unavailability
from matchmaking.portal.slots import free_slots
from matchmaking.services import booking
from tests.factories import SupplierFactory, approved, slots
from tests.portal.helpers import accepted, publish

pytestmark = pytest.mark.django_db


class Rollback(Exception):
    pass


def company(conference, rng, *, supplier):
    registration = approved(conference, SupplierFactory() if supplier else None,
                           delegates=rng.randint(1, 3))
    Registration.objects.filter(pk=registration.pk).update(parallel_meetings=rng.randint(1, 2))
    return registration.enterprise


def random_state(conference, rng):
    """Four slots (one already begun), tables of random size and state, companies with
    random delegations, availability and meetings; returns the request to book."""
    grid = slots(conference, 3, tables=3)
    TimeSlot.objects.create(conference=conference, start=timezone.now() - dt.timedelta(hours=1),
                            end=timezone.now() - dt.timedelta(minutes=30))
    for table in Table.objects.filter(conference=conference):
        table.seats, table.is_active = rng.choice([2, 3, 4, 6]), rng.random() < 0.8
        table.save()
    buyers = [company(conference, rng, supplier=False) for _ in range(2)]
    suppliers = [company(conference, rng, supplier=True) for _ in range(2)]
    for enterprise in buyers + suppliers:
        for slot in rng.sample(grid, rng.randint(0, 1)):
            Unavailability.objects.create(enterprise=enterprise, slot=slot)
    target = accepted(conference, buyers[0], suppliers[0])
    others = [accepted(conference, b, s) for b in buyers for s in suppliers
              if (b, s) != (buyers[0], suppliers[0])]
    publish(conference)
    for request in others + [target]:
        with contextlib.suppress(DomainError):
            booking.book_meeting(request=request, slot=rng.choice(grid), enterprise=request.sender)
    return target


def accepted_by_booking(request, moving) -> set[int]:
    accepted_slots = set()
    for slot in TimeSlot.objects.filter(conference=request.conference):
        try:
            with transaction.atomic():
                if moving is None:
                    booking.book_meeting(request=request, slot=slot, enterprise=request.sender)
                else:
                    booking.move_meeting(meeting=moving, slot=slot, enterprise=request.sender)
                raise Rollback
        except Rollback:
            accepted_slots.add(slot.pk)
        except DomainError:
            pass
    return accepted_slots


@pytest.mark.parametrize("seed", range(12))
def test_picker_offers_exactly_the_slots_booking_accepts(conference, seed):
    rng = random.Random(seed)
    request = random_state(conference, rng)
    moving = Meeting.objects.filter(request=request, status=MeetingStatus.SCHEDULED).first()
    if moving is not None:
        moving.request = request  # the picker and the service load the same request

    offered = {slot.pk for slot in free_slots(request=request, moving=moving)}

    assert offered == accepted_by_booking(request, moving)
