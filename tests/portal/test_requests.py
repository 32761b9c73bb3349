import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from matchmaking.models import MeetingRequest
from matchmaking.services.requests import accept_meeting_request, send_meeting_request
from tests.factories import SupplierFactory, approved
from tests.portal.conftest import client_for

pytestmark = pytest.mark.django_db


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def test_supplier_sends_a_request_through_the_form(supplier_client, buyer, supplier):
    response = supplier_client.post(f"/portal/requests/new/{buyer.pk}/", {
        "purpose": "outsourcing_purchase", "message": "We test software."})

    request = MeetingRequest.objects.get()
    assert response["Location"] == "/portal/requests/"
    assert (request.sender, request.recipient, request.message) == (
        supplier, buyer, "We test software.")


def test_a_second_request_to_the_same_company_is_a_form_error(supplier_client, buyer):
    url = f"/portal/requests/new/{buyer.pk}/"
    supplier_client.post(url, {"purpose": "investment"})

    response = supplier_client.post(url, {"purpose": "investment"})

    assert response.status_code == 400
    assert "There is already a request between" in str(response.context["form"].errors)
    assert MeetingRequest.objects.count() == 1


def test_unknown_purpose_is_a_field_error_and_writes_nothing(supplier_client, buyer):
    response = supplier_client.post(f"/portal/requests/new/{buyer.pk}/", {"purpose": "fun"})

    assert response.status_code == 400
    assert "purpose" in response.context["form"].errors
    assert not MeetingRequest.objects.exists()


def test_request_to_a_company_one_may_not_meet_is_refused(buyer_client, conference):
    other_buyer = approved(conference).enterprise

    response = buyer_client.post(f"/portal/requests/new/{other_buyer.pk}/",
                                 {"purpose": "investment"})

    assert response.status_code == 400
    assert "buyers meet suppliers" in str(response.context["form"].errors)


def test_buyer_accepts_and_the_supplier_sees_it(conference, buyer, supplier):
    request = send_meeting_request(conference=conference, sender=supplier, recipient=buyer,
                                   purpose="investment")
    buyer_client = client_for(Client(), buyer)

    response = buyer_client.post(f"/portal/requests/{request.pk}/accept/", follow=True)
    sent = client_for(Client(), supplier).get("/portal/requests/").context["sent"]

    assert messages_of(response) == [f"You accepted the request of {supplier}."]
    assert [row.status for row in sent] == ["accepted"]


def test_decline_keeps_the_optional_reason(buyer_client, conference, buyer, supplier):
    request = send_meeting_request(conference=conference, sender=supplier, recipient=buyer,
                                   purpose="investment")

    buyer_client.post(f"/portal/requests/{request.pk}/decline/", {"reason": "Not our field"})

    request.refresh_from_db()
    assert (request.status, request.decline_reason) == ("declined", "Not our field")


def test_the_sender_cannot_accept_its_own_request(supplier_client, conference, buyer, supplier):
    request = send_meeting_request(conference=conference, sender=supplier, recipient=buyer,
                                   purpose="investment")

    response = supplier_client.post(f"/portal/requests/{request.pk}/accept/", follow=True)

    request.refresh_from_db()
    assert request.status == "pending"
    assert messages_of(response) == ["Only the recipient of this request may do that."]


def test_a_third_company_cannot_touch_the_request(client, conference, buyer, supplier):
    request = send_meeting_request(conference=conference, sender=supplier, recipient=buyer,
                                   purpose="investment")
    client_for(client, approved(conference).enterprise)

    response = client.post(f"/portal/requests/{request.pk}/withdraw/")

    assert response.status_code == 404
    request.refresh_from_db()
    assert request.status == "pending"


def test_withdraw_an_accepted_request(supplier_client, conference, buyer, supplier):
    request = send_meeting_request(conference=conference, sender=supplier, recipient=buyer,
                                   purpose="investment")
    accept_meeting_request(request=request, enterprise=buyer)

    supplier_client.post(f"/portal/requests/{request.pk}/withdraw/")

    request.refresh_from_db()
    assert request.status == "withdrawn"


def test_an_overdue_request_shows_as_expired_and_cannot_be_accepted(buyer_client, conference,
                                                                    buyer, supplier):
    request = send_meeting_request(conference=conference, sender=supplier, recipient=buyer,
                                   purpose="investment")
    MeetingRequest.objects.filter(pk=request.pk).update(
        expires_at=timezone.now() - dt.timedelta(minutes=1))

    page = buyer_client.get("/portal/requests/")
    answer = buyer_client.post(f"/portal/requests/{request.pk}/accept/", follow=True)

    assert page.context["received"][0].is_overdue
    assert "Accept" not in page.content.decode().split('id="received"')[1].split("</table>")[0]
    assert messages_of(answer) == ["This request is expired and can no longer be answered."]


def test_request_lists_take_a_fixed_number_of_queries(buyer_client, conference, buyer,
                                                      django_assert_max_num_queries):
    for _ in range(8):
        supplier = approved(conference, SupplierFactory()).enterprise
        send_meeting_request(conference=conference, sender=supplier, recipient=buyer,
                             purpose="investment")

    with django_assert_max_num_queries(11):  # +1: unread messages in the nav
        response = buyer_client.get("/portal/requests/")

    assert len(response.context["received"]) == 8
