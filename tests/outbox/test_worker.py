"""A real Celery worker on Redis sends a queued e-mail after commit, and once only when
the task is delivered again (eager mode skips serialization and the broker)."""

import os
import signal
import subprocess
import sys
import uuid

import pytest
from django.db import transaction

from matchmaking.celery import app
from matchmaking.outbox.models import EmailStatus, OutgoingEmail
from matchmaking.outbox.selectors import Recipient
from matchmaking.outbox.services import queue_email
from matchmaking.outbox.tasks import send_email
from tests.conftest import redis_url
from tests.matchmaking.test_worker_kill import database_url, forget_connections, wait_for
from tests.outbox.helpers import messages_written

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def worker(tmp_path):
    url = redis_url()
    saved = app.conf.task_always_eager, app.conf.broker_url
    app.conf.task_always_eager, app.conf.broker_url = False, url
    forget_connections()
    env = {**os.environ, "DATABASE_URL": database_url(), "CELERY_BROKER_URL": url,
           "CELERY_TASK_ALWAYS_EAGER": "false", "EMAIL_URL": f"filemail:///{tmp_path}"}
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "matchmaking", "worker", "--pool=solo",
         "--loglevel=INFO", "-n", f"outbox-{uuid.uuid4().hex[:6]}@%h", "--without-gossip",
         "--without-mingle"], env=env, stdout=open(tmp_path / "worker.log", "ab"),  # noqa: SIM115 (open while the worker runs)
        stderr=subprocess.STDOUT, start_new_session=True)
    yield tmp_path
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=30)
    app.conf.task_always_eager, app.conf.broker_url = saved
    forget_connections()


def test_real_worker_sends_after_commit_and_ignores_a_second_delivery(worker):
    with transaction.atomic():
        email = queue_email(template="password_reset",
                            recipient=Recipient("w@example.com", "", "en"),
                            key=f"worker-{uuid.uuid4().hex}",
                            context={"email": "w@example.com",
                                     "reset_url": "https://x.example/from-the-worker/"})

    def status():
        return OutgoingEmail.objects.values_list("status", flat=True).get(pk=email.pk)

    wait_for(lambda: status() == EmailStatus.SENT, 120, "the worker to send the e-mail")
    send_email.delay(email.pk)  # a redelivered message
    log = worker / "worker.log"
    wait_for(lambda: log.read_text().count("outbox.send_email") >= 2 and
             log.read_text().count("succeeded") >= 2, 60, "the second delivery to run")

    files = [p for p in worker.iterdir() if p.suffix == ".log" and p.name != "worker.log"]
    assert messages_written(files) == 1
    assert "https://x.example/from-the-worker/" in files[0].read_text()
    assert OutgoingEmail.objects.get(pk=email.pk).attempts == 1
