"""With the broker unreachable, a saved action is never an error and nothing is lost:
webhooks and task starts are rows that the beat sweepers hand over later."""

import datetime as dt

import pytest
from django.utils import timezone

from matchmaking.models import ScheduleRun, WebhookDelivery, WebhookSubscription
from matchmaking.services.scheduling import sweep_stale_runs
from matchmaking.tasks.webhooks import retry_due_webhooks
from tests.api.conftest import bearer, partner_key
from tests.api.receiver import Receiver
from tests.matchmaking.scheduling_helpers import small_event

pytestmark = pytest.mark.django_db


def test_a_request_sent_while_the_broker_is_down_is_saved_and_its_webhook_sent_later(
        conference, buyer, supplier, partner, supplier_api, broker_down,
        django_capture_on_commit_callbacks, caplog):
    with Receiver() as receiver:
        WebhookSubscription.objects.create(partner=partner[0], url=receiver.url, secret="s",
                                           events=["meeting_request.created"])
        with django_capture_on_commit_callbacks(execute=True):
            response = supplier_api.post("/api/v1/meeting-requests/", {
                "conference": conference.slug, "recipient": buyer.pk,
                "purpose": "investment"}, format="json")

        assert response.status_code == 201
        delivery = WebhookDelivery.objects.get()
        assert delivery.status == "pending" and delivery.next_attempt_at is not None
        assert "broker unreachable" in caplog.text and receiver.calls == []

        broker_down.conf.task_always_eager = True  # the broker is back
        WebhookDelivery.objects.update(next_attempt_at=timezone.now() - dt.timedelta(hours=1))
        assert retry_due_webhooks() == 1

    assert len(receiver.calls) == 1
    assert WebhookDelivery.objects.get().status == "succeeded"


def test_a_run_started_while_the_broker_is_down_is_queued_and_the_sweeper_starts_it(
        conference, broker_down, django_capture_on_commit_callbacks):
    small_event(conference, buyers=2, suppliers=2)
    api = bearer(partner_key(conference, organizer=True)[1])

    with django_capture_on_commit_callbacks(execute=True):
        response = api.post("/api/v1/schedule-runs/", {"conference": conference.slug,
                                                       "time_limit": 1}, format="json")

    assert response.status_code == 202
    run = ScheduleRun.objects.get()
    assert run.status == "queued"

    broker_down.conf.task_always_eager = True
    with django_capture_on_commit_callbacks(execute=True):
        swept = sweep_stale_runs(now=timezone.now() + dt.timedelta(seconds=31))

    run.refresh_from_db()
    assert swept["requeued"] == [run.pk] and run.status == "succeeded"
