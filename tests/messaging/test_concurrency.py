"""Racing messages: the thread row is locked, so a burst still makes one e-mail per reader
and unread counts add up."""

import threading

import pytest
from django.db import connections

from matchmaking.messaging.models import Message, ThreadReader
from matchmaking.messaging.services import open_thread, post_message
from matchmaking.outbox.models import OutgoingEmail
from tests.conftest import require, uses_postgres


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_racing_messages_make_one_email_and_count_every_message(pair):
    require(uses_postgres(), "needs DATABASE_URL pointing at PostgreSQL")
    thread = open_thread(conference=pair.conference, enterprise=pair.supplier,
                         counterpart=pair.buyer)
    start, errors = threading.Barrier(6), []

    def write(n):
        try:
            start.wait()
            post_message(thread=thread, sender=pair.supplier, body=f"Burst {n}")
        except Exception as error:  # noqa: BLE001 (reported below, never swallowed)
            errors.append(error)
        finally:
            connections.close_all()

    workers = [threading.Thread(target=write, args=(n,)) for n in range(6)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()

    assert errors == []
    assert Message.objects.count() == 6
    assert ThreadReader.objects.get(thread=thread, enterprise=pair.buyer).unread == 6
    assert OutgoingEmail.objects.filter(template="new_messages",
                                        recipient="buyer@buyer.example").count() == 1
