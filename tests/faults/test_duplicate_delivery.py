"""The same task delivered twice at once (a broker redelivery, a sweeper and the
after-commit hand-over racing): one result, no second e-mail or webhook.

Here two threads run each task with the same id at the same moment, on whichever
database the pass uses (row locks on PostgreSQL, IMMEDIATE transactions on SQLite);
`test_duplicate_messages.py` publishes the same message twice to a real worker."""

import threading
import uuid

import pytest
from django.db import connection

from matchmaking import webhooks
from matchmaking.models import RunStatus, ScheduleRun, WebhookDelivery, WebhookSubscription
from matchmaking.outbox import relay
from matchmaking.outbox.models import EmailStatus, OutgoingEmail
from matchmaking.outbox.selectors import Recipient
from matchmaking.outbox.services import queue_email
from matchmaking.outbox.tasks import send_email
from matchmaking.services import scheduling
from matchmaking.tasks.scheduling import compute_schedule
from matchmaking.tasks.webhooks import deliver_webhook
from tests.api.conftest import partner_key
from tests.api.receiver import Receiver
from tests.matchmaking.scheduling_helpers import small_event
from tests.outbox.backends import SlowBackend

pytestmark = pytest.mark.django_db(transaction=True)


def twice_at_once(task, pk) -> list:
    """Run `task(pk)` in two threads released together, with one task id."""
    task_id, start, results = str(uuid.uuid4()), threading.Barrier(2), []

    def run():
        try:
            start.wait()
            # The other thread's eager hand-overs flip Celery's process-wide "joins would
            # block" flag; reading this eager result blocks on nothing.
            results.append(task.apply(args=(pk,), task_id=task_id).get(
                disable_sync_subtasks=False))
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_a_schedule_run_delivered_twice_at_once_is_computed_once(conference):
    small_event(conference, buyers=3, suppliers=4)
    run = scheduling.start_schedule_run(conference=conference, time_limit=2,
                                        enqueue_job=False)

    results = twice_at_once(compute_schedule, run.pk)

    run.refresh_from_db()
    assert sorted(results) == ["skipped", RunStatus.SUCCEEDED]
    assert run.attempts == 1 and len(run.result["meetings"]) == 12
    assert ScheduleRun.objects.count() == 1


def test_a_webhook_delivered_twice_at_once_reaches_the_partner_once(conference):
    partner, _raw = partner_key(conference)
    with Receiver(delay=0.5) as receiver:  # the first POST is still open when the copy runs
        WebhookSubscription.objects.create(partner=partner, url=receiver.url, secret="s")
        with relay.holding(deliver_webhook):
            webhooks.emit(conference=conference, event_type="registration.decided",
                          payload={"registration": 1, "status": "approved"})
        delivery = WebhookDelivery.objects.get()

        twice_at_once(deliver_webhook, delivery.pk)

    delivery.refresh_from_db()
    assert len(receiver.calls) == 1
    assert (delivery.status, delivery.attempts) == ("succeeded", 1)


def test_an_email_delivered_twice_at_once_is_sent_once(settings):
    settings.EMAIL_BACKEND = "tests.outbox.backends.SlowBackend"
    SlowBackend.accepted = 0
    with relay.holding(send_email):
        email = queue_email(template="password_reset",
                            recipient=Recipient("twice@example.com", "", "en"), key="twice",
                            context={"email": "twice@example.com",
                                     "reset_url": "https://x.example/r/"})

    twice_at_once(send_email, email.pk)

    email = OutgoingEmail.objects.get(pk=email.pk)
    assert SlowBackend.accepted == 1
    assert (email.status, email.attempts) == (EmailStatus.SENT, 1)
