"""Webhook delivery against a real HTTP receiver: signing, retries, no duplicates."""

import datetime as dt
import hashlib
import hmac
import json
import socket

import pytest
from django.utils import timezone

from matchmaking import webhooks
from matchmaking.models import WebhookDelivery, WebhookSubscription
from matchmaking.services import requests as svc
from matchmaking.tasks.webhooks import (
    MAX_ATTEMPTS,
    attempt,
    backoff,
    deliver_webhook,
    redeliver,
    retry_due_webhooks,
)
from tests.api.conftest import error_of
from tests.api.receiver import Receiver

pytestmark = pytest.mark.django_db


def subscribe(partner, url, events=()):
    return WebhookSubscription.objects.create(partner=partner, url=url, secret="s3cret",
                                              events=list(events))


def emit(conference, capture, event_type="registration.decided", payload=None):
    with capture(execute=True):
        webhooks.emit(conference=conference, event_type=event_type,
                      payload=payload or {"registration": 7, "status": "approved"})


def verify(call, secret="s3cret") -> bool:
    """What a partner does (docs/api.md): HMAC-SHA256 of "<timestamp>.<body>"."""
    timestamp = call["headers"]["X-Matchmaking-Timestamp"]
    expected = hmac.new(secret.encode(), f"{timestamp}.".encode() + call["body"],
                        hashlib.sha256).hexdigest()
    given = call["headers"]["X-Matchmaking-Signature"].removeprefix("sha256=")
    return hmac.compare_digest(expected, given)


def test_delivery_is_signed_and_carries_the_event(conference, partner,
                                                  django_capture_on_commit_callbacks):
    with Receiver() as receiver:
        subscribe(partner[0], receiver.url)
        emit(conference, django_capture_on_commit_callbacks)

    (call,) = receiver.calls
    body = json.loads(call["body"])
    delivery = WebhookDelivery.objects.get()
    assert verify(call) and not verify(call, secret="wrong")
    assert body["type"] == "registration.decided" and body["data"]["status"] == "approved"
    assert body["id"] == str(delivery.event_id) and "+00:00" in body["created"]
    assert call["headers"]["X-Matchmaking-Event"] == "registration.decided"
    assert call["headers"]["X-Matchmaking-Delivery"] == str(delivery.pk)
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == ("succeeded", 1, 200)


def test_server_errors_are_retried_with_growing_waits_until_delivered(
        conference, partner, django_capture_on_commit_callbacks):
    with Receiver([500, 503, 429]) as receiver:
        subscribe(partner[0], receiver.url)
        emit(conference, django_capture_on_commit_callbacks)
        delivery = WebhookDelivery.objects.get()
        waits = [attempt(delivery.pk) for _ in range(3)]

    delivery.refresh_from_db()
    assert len(receiver.calls) == 4
    assert {c["headers"]["X-Matchmaking-Delivery"] for c in receiver.calls} == {str(delivery.pk)}
    assert waits[2] is None
    assert 60 <= waits[0] <= 66 and 120 <= waits[1] <= 132
    assert (delivery.status, delivery.attempts, delivery.next_attempt_at) == ("succeeded", 4, None)


def test_task_asks_celery_to_retry_with_the_backoff(conference, partner, monkeypatch,
                                                     django_capture_on_commit_callbacks):
    asked = []

    def retry(**kwargs):
        asked.append(kwargs)
        return RuntimeError("retry")

    monkeypatch.setattr(deliver_webhook, "retry", retry)
    with Receiver([502, 502]) as receiver:
        subscribe(partner[0], receiver.url)
        emit(conference, django_capture_on_commit_callbacks)
        deliver_webhook.push_request(retries=0, is_eager=False)
        try:
            with pytest.raises(RuntimeError):
                deliver_webhook.run(WebhookDelivery.objects.get().pk)
        finally:
            deliver_webhook.pop_request()

    assert len(receiver.calls) == 2
    assert 60 <= asked[0]["countdown"] <= 66


def test_overdue_pending_deliveries_are_requeued(conference, partner,
                                                 django_capture_on_commit_callbacks):
    with Receiver([500]) as receiver:
        subscribe(partner[0], receiver.url)
        emit(conference, django_capture_on_commit_callbacks)
        WebhookDelivery.objects.update(next_attempt_at=timezone.now() - dt.timedelta(hours=1))

        requeued = retry_due_webhooks()

    assert requeued == 1 and len(receiver.calls) == 2
    assert WebhookDelivery.objects.get().status == "succeeded"


def test_a_refusal_is_final_and_not_retried(conference, partner,
                                            django_capture_on_commit_callbacks):
    with Receiver([410]) as receiver:
        subscribe(partner[0], receiver.url)
        emit(conference, django_capture_on_commit_callbacks)

    delivery = WebhookDelivery.objects.get()
    assert len(receiver.calls) == 1
    assert (delivery.status, delivery.last_status_code) == ("failed", 410)
    assert "410" in delivery.last_error


def free_port_url() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/hook"


def test_unreachable_receiver_is_retried_then_marked_failed(conference, partner,
                                                            django_capture_on_commit_callbacks):
    subscribe(partner[0], free_port_url())

    emit(conference, django_capture_on_commit_callbacks)
    waits = [attempt(WebhookDelivery.objects.get().pk) for _ in range(MAX_ATTEMPTS - 1)]

    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts) == ("failed", MAX_ATTEMPTS)
    assert "refused" in delivery.last_error.lower()
    assert waits[-2] == 1800 and waits[-1] is None


def test_backoff_doubles_from_30_seconds_and_is_capped_at_30_minutes():
    waits = [backoff(n) for n in range(1, MAX_ATTEMPTS)]

    assert [w - w % 30 if w < 1800 else w for w in waits][:4] == [30, 60, 120, 240]
    assert waits[0] < waits[1] < waits[2] < waits[3] < waits[4] < waits[5]
    assert max(waits) == 1800
    assert backoff(1, wait=600) == 600


def test_a_delivered_event_is_never_sent_twice(conference, partner,
                                               django_capture_on_commit_callbacks):
    with Receiver() as receiver:
        subscribe(partner[0], receiver.url)
        emit(conference, django_capture_on_commit_callbacks)
        delivery = WebhookDelivery.objects.get()
        deliver_webhook.delay(delivery.pk)
        deliver_webhook.delay(delivery.pk)

    assert len(receiver.calls) == 1


def test_redeliver_sends_a_delivered_event_again(conference, partner,
                                                 django_capture_on_commit_callbacks):
    with Receiver() as receiver:
        subscribe(partner[0], receiver.url)
        emit(conference, django_capture_on_commit_callbacks)
        with django_capture_on_commit_callbacks(execute=True):
            redeliver(deliveries=list(WebhookDelivery.objects.all()))

    assert len(receiver.calls) == 2
    assert WebhookDelivery.objects.get().status == "succeeded"


def test_inactive_subscription_gets_nothing(conference, partner,
                                            django_capture_on_commit_callbacks):
    with Receiver() as receiver:
        subscription = subscribe(partner[0], receiver.url)
        emit(conference, django_capture_on_commit_callbacks)
        subscription.is_active = False
        subscription.save()
        with django_capture_on_commit_callbacks(execute=True):
            redeliver(deliveries=list(WebhookDelivery.objects.all()))

    assert len(receiver.calls) == 1
    assert WebhookDelivery.objects.get().status == "failed"


def test_partner_subscribes_through_the_api_and_receives_an_accepted_request(
        conference, buyer, supplier, partner_api, buyer_api, django_capture_on_commit_callbacks):
    with Receiver() as receiver:
        created = partner_api.post("/api/v1/webhooks/", {
            "url": receiver.url, "events": ["meeting_request.answered"]}, format="json").json()
        request = svc.send_meeting_request(conference=conference, sender=supplier,
                                           recipient=buyer, purpose="investment")
        with django_capture_on_commit_callbacks(execute=True):
            buyer_api.post(f"/api/v1/meeting-requests/{request.pk}/accept/")

    (call,) = receiver.calls
    assert created["secret"].startswith("whsec_")
    assert verify(call, secret=created["secret"])
    assert json.loads(call["body"])["data"] == {
        "id": request.pk, "conference": conference.pk, "sender": supplier.pk,
        "recipient": buyer.pk, "purpose": "investment", "status": "accepted"}


def test_subscription_rejects_unknown_events_and_non_http_urls(partner_api):
    response = partner_api.post("/api/v1/webhooks/", {
        "url": "ftp://example.com/x", "events": ["meeting.exploded"]}, format="json")

    assert response.status_code == 400
    assert set(error_of(response)["fields"]) == {"url", "events.0"}
    assert not WebhookSubscription.objects.exists()


def test_partner_manages_only_its_own_subscriptions(conference, partner_api):
    from tests.api.conftest import bearer, partner_key

    other = bearer(partner_key(conference)[1])
    mine = partner_api.post("/api/v1/webhooks/", {"url": "https://a.example/h"},
                            format="json").json()

    assert other.get(f"/api/v1/webhooks/{mine['id']}/").status_code == 404
    assert other.delete(f"/api/v1/webhooks/{mine['id']}/").status_code == 404
    assert partner_api.patch(f"/api/v1/webhooks/{mine['id']}/", {"is_active": False},
                             format="json").json()["is_active"] is False
    assert "secret" not in partner_api.get(f"/api/v1/webhooks/{mine['id']}/").json()
    assert partner_api.delete(f"/api/v1/webhooks/{mine['id']}/").status_code == 204
    assert not WebhookSubscription.objects.exists()


def test_production_settings_never_post_into_the_local_network(
    conference, partner, settings, django_capture_on_commit_callbacks
):
    settings.WEBHOOK_ALLOW_PRIVATE_ADDRESSES = False
    with Receiver() as receiver:
        subscribe(partner[0], receiver.url)
        emit(conference, django_capture_on_commit_callbacks)

    delivery = WebhookDelivery.objects.get()
    assert receiver.calls == []
    assert delivery.status == WebhookDelivery.Status.FAILED
    assert "127.0.0.1 is not a public address" in delivery.last_error


def test_a_delivery_the_broker_missed_goes_a_minute_later_a_retry_only_when_late(
        conference, partner, broker_down, django_capture_on_commit_callbacks):
    with Receiver([500]) as receiver:
        subscribe(partner[0], receiver.url)
        emit(conference, django_capture_on_commit_callbacks)  # the broker refuses it
        missed = WebhookDelivery.objects.get()
        broker_down.conf.task_always_eager = True  # the broker is back
        assert retry_due_webhooks() == 0  # not yet a minute
        WebhookDelivery.objects.update(next_attempt_at=timezone.now() - dt.timedelta(minutes=1))

        assert retry_due_webhooks() == 1  # tried: 500, a retry due in 30 s
        WebhookDelivery.objects.update(next_attempt_at=timezone.now() - dt.timedelta(minutes=2))
        assert retry_due_webhooks() == 0  # its Celery retry is not late yet

    missed.refresh_from_db()
    assert len(receiver.calls) == 1 and (missed.status, missed.attempts) == ("pending", 1)
