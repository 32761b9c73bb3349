"""The same message published twice to a real worker (two pool processes, so both copies
run at once): a schedule run computed once, one e-mail, one webhook POST."""

import shutil
import uuid

import pytest

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
from tests.conftest import require
from tests.faults.workers import CeleryOn, RedisServer, start_worker, stop_worker
from tests.matchmaking.scheduling_helpers import small_event
from tests.matchmaking.test_worker_kill import wait_for
from tests.outbox.helpers import messages_written

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def broker(tmp_path):
    require(shutil.which("redis-server") is not None, "needs redis-server")
    server = RedisServer(tmp_path)
    server.start()
    yield server.url()
    server.stop()


def publish_twice(task, pk) -> None:
    task_id = str(uuid.uuid4())
    for _ in range(2):
        task.apply_async((pk,), task_id=task_id)


def test_each_task_published_twice_to_a_real_worker_has_one_result(conference, broker,
                                                                     tmp_path):
    small_event(conference, buyers=3, suppliers=4)
    run = scheduling.start_schedule_run(conference=conference, time_limit=2,
                                        enqueue_job=False)
    partner, _raw = partner_key(conference)
    mails = tmp_path / "mails"
    mails.mkdir()
    worker = start_worker(tmp_path / "worker.log", broker, concurrency=2,
                          env={"EMAIL_URL": f"filemail:///{mails}"})
    with Receiver(delay=0.5) as receiver, CeleryOn(broker):
        WebhookSubscription.objects.create(partner=partner, url=receiver.url, secret="s")
        with relay.holding(deliver_webhook, send_email):
            webhooks.emit(conference=conference, event_type="registration.decided",
                          payload={"registration": 1, "status": "approved"})
            email = queue_email(template="password_reset",
                                recipient=Recipient("twice@example.com", "", "en"),
                                key="published-twice",
                                context={"email": "twice@example.com",
                                         "reset_url": "https://x.example/r/"})
        delivery = WebhookDelivery.objects.get()
        try:
            publish_twice(compute_schedule, run.pk)
            publish_twice(send_email, email.pk)
            publish_twice(deliver_webhook, delivery.pk)
            log = tmp_path / "worker.log"
            wait_for(lambda: log.read_text().count(" succeeded in ") >= 6, 120,
                     "the worker to run all six messages")
        finally:
            stop_worker(worker)

    run.refresh_from_db()
    delivery.refresh_from_db()
    email = OutgoingEmail.objects.get(pk=email.pk)
    assert (run.status, run.attempts) == (RunStatus.SUCCEEDED, 1)
    assert len(run.result["meetings"]) == 12 and ScheduleRun.objects.count() == 1
    assert (email.status, email.attempts) == (EmailStatus.SENT, 1)
    assert messages_written(mails.iterdir()) == 1
    assert len(receiver.calls) == 1 and (delivery.status, delivery.attempts) == ("succeeded", 1)
    assert "'skipped'" in log.read_text()  # the second copy of the run found it taken
