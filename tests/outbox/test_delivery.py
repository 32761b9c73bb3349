"""Sending: once per key whatever runs twice, retries with backoff on transient errors,
final failure on a refusal, and nothing lost while the broker is down."""

import threading

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from matchmaking.celery import app
from matchmaking.outbox import delivery
from matchmaking.outbox.models import EmailStatus, OutgoingEmail
from matchmaking.outbox.selectors import Recipient
from matchmaking.outbox.services import queue_email
from matchmaking.outbox.tasks import send_email, sweep_outbox
from matchmaking.services import requests as request_services
from tests.conftest import require, uses_postgres
from tests.factories import SupplierFactory, approved
from tests.outbox.backends import GreylistingBackend, SlowBackend
from tests.outbox.helpers import closed_port, time_passes

ANNA = Recipient("anna@maple.example", "Anna Smith", "en")
RESET_URL = "https://x.example/reset/words/"


def queue(key="k1", **kw):
    return queue_email(template="password_reset", recipient=ANNA, key=key,
                       context={"email": ANNA.email, "reset_url": RESET_URL}, **kw)


@pytest.mark.django_db
def test_queued_email_is_sent_after_commit_with_text_and_html(
        django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        email = queue()
        assert mail.outbox == []  # nothing leaves before the commit

    email.refresh_from_db()
    assert email.status == EmailStatus.SENT and email.attempts == 1 and email.sent_at
    (message,) = mail.outbox
    assert message.to == ["anna@maple.example"] and "password" in message.subject.lower()
    assert RESET_URL in message.body and RESET_URL in message.alternatives[0].content
    assert message.extra_headers["Message-ID"] == delivery.message_id("k1")


@pytest.mark.django_db
def test_the_same_key_queues_one_email():
    first = queue()
    again = queue()

    assert again.pk == first.pk and OutgoingEmail.objects.count() == 1


@pytest.mark.django_db
def test_send_task_run_twice_sends_once():
    email = queue()

    send_email.apply(args=(email.pk,))
    send_email.apply(args=(email.pk,))

    assert len(mail.outbox) == 1
    email.refresh_from_db()
    assert email.status == EmailStatus.SENT and email.attempts == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_send_task_running_twice_at_once_sends_once_on_postgres(settings):
    require(uses_postgres(), "needs DATABASE_URL pointing at PostgreSQL")
    settings.EMAIL_BACKEND = "tests.outbox.backends.SlowBackend"
    SlowBackend.accepted = 0
    email = queue()
    start = threading.Barrier(4)

    def run():
        try:
            start.wait()
            send_email.apply(args=(email.pk,))
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert SlowBackend.accepted == 1
    email.refresh_from_db()
    assert email.status == EmailStatus.SENT and email.attempts == 1


@pytest.mark.django_db
def test_unreachable_mail_server_is_retried_with_growing_backoff(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", closed_port()
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 2
    email = queue()

    waits = []
    for _attempt in range(3):
        before = timezone.now()
        send_email.apply(args=(email.pk,))
        email.refresh_from_db()
        waits.append((email.next_attempt_at - before).total_seconds())
        time_passes(minutes=31)

    assert email.status == EmailStatus.PENDING and email.attempts == 3
    assert "ConnectionRefusedError" in email.last_error
    assert 59 <= waits[0] <= 67 and 119 <= waits[1] <= 133 and 239 <= waits[2] <= 265

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert sweep_outbox.apply().get()["queued"] == 1
    email.refresh_from_db()
    assert email.status == EmailStatus.SENT and len(mail.outbox) == 1


@pytest.mark.django_db
def test_temporary_refusal_is_retried_and_a_permanent_one_is_final(settings):
    settings.EMAIL_BACKEND = "tests.outbox.backends.GreylistingBackend"
    GreylistingBackend.calls = 0
    greylisted = queue("grey")
    for _attempt in range(3):
        send_email.apply(args=(greylisted.pk,))
        time_passes(minutes=31)
    settings.EMAIL_BACKEND = "tests.outbox.backends.RefusingBackend"
    refused = queue("refused")
    send_email.apply(args=(refused.pk,))

    greylisted.refresh_from_db()
    refused.refresh_from_db()
    assert greylisted.status == EmailStatus.SENT and greylisted.attempts == 3
    assert refused.status == EmailStatus.FAILED and refused.attempts == 1
    assert "550" in refused.last_error and refused.next_attempt_at is None


@pytest.mark.django_db
def test_transient_failures_give_up_after_the_last_attempt(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", closed_port()
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    email = queue()

    for _attempt in range(delivery.MAX_ATTEMPTS + 2):
        send_email.apply(args=(email.pk,))
        time_passes(minutes=31)

    email.refresh_from_db()
    assert email.status == EmailStatus.FAILED and email.attempts == delivery.MAX_ATTEMPTS


@pytest.mark.django_db
def test_a_sender_that_died_mid_send_is_released_by_the_sweeper():
    email = queue()
    assert delivery.claim(email.pk, timezone.now()) is not None  # then the worker dies

    sweep_outbox.apply()
    assert mail.outbox == []  # not yet: another worker may still be talking to the server
    time_passes(minutes=11)
    assert sweep_outbox.apply().get() == {"queued": 1, "released": 1}

    email.refresh_from_db()
    assert email.status == EmailStatus.SENT and len(mail.outbox) == 1


@pytest.mark.django_db
def test_with_the_broker_down_the_change_is_saved_and_beat_sends_the_email_later(
        broker_down, django_capture_on_commit_callbacks, conference, caplog):
    buyer = approved(conference).enterprise
    supplier = approved(conference, SupplierFactory()).enterprise
    OutgoingEmail.objects.all().delete()  # the approvals' e-mails are not this test's

    with django_capture_on_commit_callbacks(execute=True):
        request = request_services.send_meeting_request(
            conference=conference, sender=supplier, recipient=buyer, purpose="investment",
            message="Let us talk.")

    request.refresh_from_db()
    email = OutgoingEmail.objects.get(template="request_received")
    assert email.status == EmailStatus.PENDING and email.attempts == 0
    assert mail.outbox == []
    assert "broker unreachable" in caplog.text

    app.conf.task_always_eager = True  # the broker is back (eager stands in for it)
    time_passes(minutes=2)
    sweep_outbox.apply()

    email.refresh_from_db()
    assert email.status == EmailStatus.SENT
    assert [m.to for m in mail.outbox] == [[email.recipient]]
    assert "Let us talk." in mail.outbox[0].body
