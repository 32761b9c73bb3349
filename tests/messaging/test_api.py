"""Threads through the API: company users for their enterprise, partners for the
enterprises they registered, nobody else."""

import pytest

from accounts.models import Registration
from matchmaking.messaging.models import Message
from tests.api.conftest import bearer, company_client, error_of, partner_key

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_throttle():
    from django.core.cache import cache

    cache.clear()


def open_via(client, pair):
    return client.post("/api/v1/threads/", {"request": pair.request.pk}, format="json")


def test_a_company_opens_writes_and_the_other_reads(pair):
    buyer, supplier = company_client(pair.buyer), company_client(pair.supplier)

    opened = open_via(buyer, pair)
    again = open_via(supplier, pair)
    thread = opened.json()["id"]
    written = buyer.post(f"/api/v1/threads/{thread}/messages/", {"body": "Hello <b>there</b>"},
                         format="json")

    assert (opened.status_code, again.status_code, again.json()["id"]) == (201, 200, thread)
    assert written.status_code == 201 and written.json()["body"] == "Hello <b>there</b>"
    listed = supplier.get("/api/v1/threads/").json()["results"]
    assert listed[0]["unread"] == {str(pair.supplier.pk): 1}
    read = supplier.post(f"/api/v1/threads/{thread}/read/", {}, format="json")
    assert read.json()["unread"] == {str(pair.supplier.pk): 0}
    messages = supplier.get(f"/api/v1/threads/{thread}/messages/").json()["results"]
    assert [(m["sender"]["id"], m["sent_by_partner"]) for m in messages] == [
        (pair.buyer.pk, False)]


def test_a_company_cannot_write_as_the_other_side(pair):
    buyer = company_client(pair.buyer)
    thread = open_via(buyer, pair).json()["id"]

    response = buyer.post(f"/api/v1/threads/{thread}/messages/",
                          {"body": "Forged", "sender": pair.supplier.pk}, format="json")

    assert response.status_code == 400 and "sender" in error_of(response)["fields"]
    assert not Message.objects.exists()


def test_an_overlong_message_is_a_400_in_the_error_shape(pair):
    buyer = company_client(pair.buyer)
    thread = open_via(buyer, pair).json()["id"]

    response = buyer.post(f"/api/v1/threads/{thread}/messages/", {"body": "x" * 2001},
                          format="json")

    assert response.status_code == 400 and "body" in error_of(response)["fields"]


def test_a_company_without_a_request_sees_and_opens_nothing(pair):
    buyer = company_client(pair.buyer)
    thread = open_via(buyer, pair).json()["id"]
    stranger = company_client(pair.stranger)

    assert stranger.get("/api/v1/threads/").json()["results"] == []
    assert stranger.get(f"/api/v1/threads/{thread}/messages/").status_code == 404
    refused = open_via(stranger, pair)
    assert refused.status_code == 400 and "request" in error_of(refused)["fields"]


def test_a_partner_writes_for_the_enterprise_it_registered(pair):
    partner, raw = partner_key(pair.conference)
    Registration.objects.filter(enterprise=pair.supplier).update(submitted_by_partner=partner)
    api = bearer(raw)

    thread = open_via(api, pair).json()["id"]
    written = api.post(f"/api/v1/threads/{thread}/messages/", {"body": "From our CRM"},
                       format="json")
    forged = api.post(f"/api/v1/threads/{thread}/messages/",
                      {"body": "As the buyer", "sender": pair.buyer.pk}, format="json")

    assert written.status_code == 201
    assert written.json()["sender"]["id"] == pair.supplier.pk
    assert written.json()["sent_by_partner"] is True
    assert forged.status_code == 400
    message = Message.objects.get()
    assert (message.partner, message.author) == (partner, None)


def test_a_partner_acting_for_neither_side_sees_no_thread(pair):
    buyer = company_client(pair.buyer)
    thread = open_via(buyer, pair).json()["id"]
    _partner, raw = partner_key(pair.conference)
    api = bearer(raw)

    assert api.get("/api/v1/threads/").json()["results"] == []
    assert api.get(f"/api/v1/threads/{thread}/messages/").status_code == 404
    assert api.post(f"/api/v1/threads/{thread}/messages/", {"body": "x", "sender":
                    pair.buyer.pk}, format="json").status_code == 404


def test_a_read_key_cannot_write(pair):
    from accounts import keys

    thread = open_via(company_client(pair.buyer), pair).json()["id"]
    _key, raw = keys.create_api_key(name="read", scope="read", user=pair.users["buyer"])

    response = bearer(raw).post(f"/api/v1/threads/{thread}/messages/", {"body": "x"},
                                format="json")

    assert response.status_code == 403 and error_of(response)["code"]
    assert not Message.objects.exists()


def test_a_company_back_in_review_reads_but_cannot_write(pair):
    buyer = company_client(pair.buyer)
    thread = open_via(buyer, pair).json()["id"]
    Registration.objects.filter(enterprise=pair.buyer).update(
        status="under_review", reopened_at="2026-01-01T00:00:00Z")

    written = buyer.post(f"/api/v1/threads/{thread}/messages/", {"body": "Still there?"},
                         format="json")

    assert written.status_code == 403 and error_of(written)["code"] == "forbidden"
    assert buyer.get(f"/api/v1/threads/{thread}/messages/").status_code == 200
    assert not Message.objects.exists()
