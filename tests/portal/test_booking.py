import threading

import pytest
from django.db import connection
from django.test import Client

from matchmaking.models import Meeting, Unavailability
from matchmaking.services.booking import book_meeting
from tests.factories import approved, slots
from tests.portal.conftest import client_for
from tests.portal.helpers import accepted, publish

pytestmark = pytest.mark.django_db


def offered(response) -> list[int]:
    return [slot.pk for _date, day in response.context["days"] for slot in day]


def test_booking_page_offers_only_slots_where_both_sides_and_a_table_are_free(
        supplier_client, conference, buyer, supplier, django_assert_max_num_queries):
    first, second, third = slots(conference, 3, tables=1)
    request = accepted(conference, buyer, supplier)
    publish(conference)
    Unavailability.objects.create(enterprise=buyer, slot=first)
    other = accepted(conference, approved(conference).enterprise)
    book_meeting(request=other, slot=second, enterprise=other.sender)  # the only table

    with django_assert_max_num_queries(17):  # +1: unread messages in the nav
        response = supplier_client.get(f"/portal/requests/{request.pk}/book/")

    assert offered(response) == [third.pk]


def test_booking_before_publication_is_refused_clearly(supplier_client, conference, buyer,
                                                       supplier):
    (slot,) = slots(conference, 1)
    request = accepted(conference, buyer, supplier)

    response = supplier_client.post(f"/portal/requests/{request.pk}/book/", {"slot": slot.pk})

    assert response.status_code == 409
    assert "once the schedule is published" in response.content.decode()
    assert not Meeting.objects.exists()


def test_supplier_books_and_both_agendas_show_the_meeting(conference, buyer, supplier):
    first, _second = slots(conference, 2)
    request = accepted(conference, buyer, supplier)
    publish(conference)
    supplier_client = client_for(Client(), supplier)

    booked = supplier_client.post(f"/portal/requests/{request.pk}/book/", {"slot": first.pk})
    agendas = [client_for(Client(), side).get("/portal/agenda/") for side in (buyer, supplier)]

    assert booked["Location"] == "/portal/agenda/"
    for agenda, counterpart in zip(agendas, (supplier, buyer), strict=True):
        [day] = [d for d in agenda.context["days"] if d.meetings]
        assert [m.counterpart for m in day.meetings] == [counterpart]
        assert "09:00–09:30" in agenda.content.decode()


def test_a_taken_slot_gets_a_clear_message_not_an_error(supplier_client, conference, buyer,
                                                       supplier):
    (slot,) = slots(conference, 1, tables=1)
    request = accepted(conference, buyer, supplier)
    publish(conference)
    rival = accepted(conference, approved(conference).enterprise)
    book_meeting(request=rival, slot=slot, enterprise=rival.sender)

    response = supplier_client.post(f"/portal/requests/{request.pk}/book/", {"slot": slot.pk})

    assert response.status_code == 409
    assert "Every table is taken at that time." in response.content.decode()
    assert Meeting.objects.count() == 1


def test_a_slot_that_is_not_the_conferences_is_a_clear_error(supplier_client, conference,
                                                             buyer, supplier):
    slots(conference, 1)
    request = accepted(conference, buyer, supplier)
    publish(conference)

    response = supplier_client.post(f"/portal/requests/{request.pk}/book/", {"slot": "abc"})

    assert response.status_code == 409
    assert "Choose one of the free slots." in response.content.decode()


def test_move_to_another_slot_and_cancel(supplier_client, conference, buyer, supplier):
    first, second = slots(conference, 2)
    request = accepted(conference, buyer, supplier)
    publish(conference)
    meeting = book_meeting(request=request, slot=first, enterprise=supplier)

    page = supplier_client.get(f"/portal/meetings/{meeting.pk}/move/")
    supplier_client.post(f"/portal/meetings/{meeting.pk}/move/", {"slot": second.pk})
    meeting.refresh_from_db()
    moved_to = meeting.slot
    supplier_client.post(f"/portal/meetings/{meeting.pk}/cancel/", {"reason": "Flight"})
    meeting.refresh_from_db()

    assert offered(page) == [second.pk]
    assert moved_to == second
    assert (meeting.status, meeting.cancelled_reason) == ("cancelled", "Flight")


def test_another_company_cannot_move_or_cancel_the_meeting(client, conference, buyer,
                                                           supplier):
    (slot,) = slots(conference, 1)
    request = accepted(conference, buyer, supplier)
    publish(conference)
    meeting = book_meeting(request=request, slot=slot, enterprise=supplier)
    client_for(client, approved(conference).enterprise)

    assert client.post(f"/portal/meetings/{meeting.pk}/cancel/").status_code == 404
    meeting.refresh_from_db()
    assert meeting.status == "scheduled"


@pytest.mark.django_db(transaction=True)
def test_concurrent_clicks_book_once_and_the_others_get_a_message(conference):
    (slot,) = slots(conference, 1, tables=5)
    buyer = approved(conference).enterprise
    requests = [accepted(conference, buyer) for _ in range(5)]
    publish(conference)
    clients = [client_for(Client(), r.sender) for r in requests]
    barrier, results = threading.Barrier(len(requests)), []

    def click(client, request):
        try:
            barrier.wait()
            response = client.post(f"/portal/requests/{request.pk}/book/", {"slot": slot.pk})
            results.append((response.status_code, response.content.decode()))
        finally:
            connection.close()

    threads = [threading.Thread(target=click, args=pair) for pair in zip(clients, requests,
                                                                           strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    codes = sorted(code for code, _body in results)
    assert codes == [302, 409, 409, 409, 409]
    assert all("already has a meeting at that time" in body or "Someone else just took" in body
               for code, body in results if code == 409)
    assert Meeting.objects.count() == 1
