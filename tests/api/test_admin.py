"""Partners, keys and webhook deliveries in the admin."""

import hashlib
import re

import pytest
from django.contrib.messages import get_messages

from accounts.models import ApiKey, Partner
from matchmaking import webhooks
from matchmaking.models import WebhookDelivery, WebhookSubscription
from tests.api.receiver import Receiver

pytestmark = pytest.mark.django_db


def messages_of(response) -> str:
    return " ".join(str(m) for m in get_messages(response.wsgi_request))


def test_admin_issues_a_key_and_shows_it_once(organizer_client, conference):
    partner = Partner.objects.create(name="CRM")

    response = organizer_client.post("/admin/accounts/apikey/add/", {
        "name": "CRM sync", "partner": partner.pk, "scope": "read",
        "conferences": [conference.pk]}, follow=True)

    raw = re.search(r"mk_\w+_[\w-]+", messages_of(response)).group(0)
    key = ApiKey.objects.get()
    assert key.key_hash == hashlib.sha256(raw.encode()).hexdigest()
    assert list(key.conferences.all()) == [conference]
    page = organizer_client.get(f"/admin/accounts/apikey/{key.pk}/change/").content.decode()
    assert key.prefix in page and raw not in page


def test_admin_refuses_a_key_with_two_owners(organizer_client, conference):
    from tests.factories import CompanyUserFactory

    response = organizer_client.post("/admin/accounts/apikey/add/", {
        "name": "x", "partner": Partner.objects.create(name="P").pk,
        "user": CompanyUserFactory().pk, "scope": "read"})

    assert response.status_code == 200 and not ApiKey.objects.exists()


def test_admin_revokes_keys(organizer_client, conference):
    from accounts import keys

    key, raw = keys.create_api_key(name="k", scope="read",
                                   partner=Partner.objects.create(name="P"))

    organizer_client.post("/admin/accounts/apikey/", {
        "action": "revoke", "_selected_action": [key.pk]})

    key.refresh_from_db()
    assert key.revoked_at is not None and keys.authenticate(raw) is None


def test_admin_redelivers_a_delivery(organizer_client, conference,
                                     django_capture_on_commit_callbacks):
    partner = Partner.objects.create(name="P")
    partner.conferences.add(conference)
    with Receiver([400]) as receiver:
        WebhookSubscription.objects.create(partner=partner, url=receiver.url, secret="s")
        with django_capture_on_commit_callbacks(execute=True):
            webhooks.emit(conference=conference, event_type="meeting.booked", payload={"id": 1})
        delivery = WebhookDelivery.objects.get()
        assert delivery.status == "failed"

        with django_capture_on_commit_callbacks(execute=True):
            organizer_client.post("/admin/matchmaking/webhookdelivery/", {
                "action": "redeliver_selected", "_selected_action": [delivery.pk]})

    delivery.refresh_from_db()
    assert len(receiver.calls) == 2
    assert (delivery.status, delivery.attempts) == ("succeeded", 1)
    changelist = organizer_client.get("/admin/matchmaking/webhookdelivery/")
    assert changelist.status_code == 200 and b"Delivered" in changelist.content
