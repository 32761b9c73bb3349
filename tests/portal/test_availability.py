import pytest

from events.models import SessionPlan
from matchmaking.models import Unavailability
from matchmaking.services.booking import book_meeting
from tests.factories import slots
from tests.portal.helpers import accepted, publish

pytestmark = pytest.mark.django_db


def test_unticking_a_session_blocks_its_slots_and_ticking_frees_them(buyer_client, conference,
                                                                      buyer):
    morning = slots(conference, 3)
    session = SessionPlan.objects.get()

    buyer_client.post("/portal/availability/", {})
    blocked = set(Unavailability.objects.filter(enterprise=buyer)
                  .values_list("slot_id", flat=True))
    buyer_client.post("/portal/availability/", {f"session_{session.pk}": "on"})

    assert blocked == {slot.pk for slot in morning}
    assert not Unavailability.objects.exists()


def test_a_session_with_a_booked_meeting_cannot_be_blocked(buyer_client, conference, buyer,
                                                           supplier):
    (slot,) = slots(conference, 1)
    request = accepted(conference, buyer, supplier)
    publish(conference)
    book_meeting(request=request, slot=slot, enterprise=supplier)

    response = buyer_client.post("/portal/availability/", {})

    assert response.status_code == 400
    assert "Cancel or move it" in response.content.decode()
    assert not Unavailability.objects.exists()
