"""Threads open once a request exists; messages are plain text; unread counts per company;
new messages are e-mailed at most once per interval and thread."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from events.errors import DomainError
from events.models import AuditEntry
from matchmaking.messaging import selectors
from matchmaking.messaging.models import MESSAGE_MAX_LENGTH, ThreadReader
from matchmaking.messaging.services import mark_thread_read, open_thread, post_message
from matchmaking.outbox.models import EmailStatus, OutgoingEmail
from matchmaking.outbox.tasks import sweep_outbox
from tests.outbox.helpers import time_passes

pytestmark = pytest.mark.django_db


def thread_of(pair):
    return open_thread(conference=pair.conference, enterprise=pair.supplier,
                       counterpart=pair.buyer)


def test_a_thread_needs_a_meeting_request_between_the_two(pair):
    with pytest.raises(DomainError) as refused:
        open_thread(conference=pair.conference, enterprise=pair.buyer,
                    counterpart=pair.stranger)

    assert refused.value.code == "no_request"


def test_either_side_opens_the_same_one_thread(pair):
    first = open_thread(conference=pair.conference, enterprise=pair.supplier,
                        counterpart=pair.buyer)
    second = open_thread(conference=pair.conference, enterprise=pair.buyer,
                         counterpart=pair.supplier)

    assert first == second
    assert AuditEntry.objects.filter(action="thread.open").count() == 1


def test_only_a_side_writes_in_a_thread(pair):
    thread = thread_of(pair)

    with pytest.raises(DomainError):
        post_message(thread=thread, sender=pair.stranger, body="Hello")

    assert thread.messages.count() == 0


@pytest.mark.parametrize("body", ["", "   \n ", "x" * (MESSAGE_MAX_LENGTH + 1)])
def test_blank_and_overlong_messages_are_refused_with_a_field(pair, body):
    with pytest.raises(DomainError) as refused:
        post_message(thread=thread_of(pair), sender=pair.buyer, body=body)

    assert "body" in refused.value.fields


def test_text_is_stored_plain_with_control_characters_dropped(pair):
    message = post_message(thread=thread_of(pair), sender=pair.buyer,
                           body="  <b>Hi</b>\r\nsecond line\x00\x07  ")

    assert message.body == "<b>Hi</b>\nsecond line"
    entry = AuditEntry.objects.get(action="message.post")
    assert entry.data["length"] == len(message.body) and "body" not in entry.data


def test_unread_counts_belong_to_each_company(pair):
    thread = thread_of(pair)
    post_message(thread=thread, sender=pair.supplier, body="One")
    post_message(thread=thread, sender=pair.supplier, body="Two")

    def unread(enterprise):
        return selectors.unread_total(conference=pair.conference, enterprise_id=enterprise.pk)

    assert (unread(pair.buyer), unread(pair.supplier), unread(pair.stranger)) == (2, 0, 0)

    mark_thread_read(thread=thread, enterprise=pair.buyer)
    post_message(thread=thread, sender=pair.buyer, body="Three")

    assert (unread(pair.buyer), unread(pair.supplier)) == (0, 1)


def test_writing_reads_the_thread_for_the_writer(pair):
    thread = thread_of(pair)
    post_message(thread=thread, sender=pair.supplier, body="Question?")
    post_message(thread=thread, sender=pair.buyer, body="Answer.")

    reader = ThreadReader.objects.get(thread=thread, enterprise=pair.buyer)
    assert reader.unread == 0 and reader.last_read_id == thread.messages.last().pk


def emails_to(address):
    return OutgoingEmail.objects.filter(template="new_messages", recipient=address)


def test_two_messages_within_the_interval_make_one_email(pair, settings):
    settings.MESSAGE_EMAIL_INTERVAL_MINUTES = 15
    thread = thread_of(pair)
    post_message(thread=thread, sender=pair.supplier, body="First question")
    post_message(thread=thread, sender=pair.supplier, body="Second question")

    (email,) = emails_to("buyer@buyer.example")
    assert email.next_attempt_at > timezone.now() + dt.timedelta(minutes=14)
    assert not emails_to("supplier@supplier.example").exists()
    sweep_outbox()
    assert not [m for m in mail.outbox if m.to == ["buyer@buyer.example"]]

    time_passes(16)  # the interval, and the grace the sweeper leaves the relay
    sweep_outbox()

    (sent,) = [m for m in mail.outbox if m.to == ["buyer@buyer.example"]]
    assert sent.to == ["buyer@buyer.example"]
    assert "First question" in sent.body and "Second question" in sent.body
    email.refresh_from_db()
    assert email.status == EmailStatus.SENT


def test_a_message_after_the_interval_makes_a_second_email(pair, settings):
    settings.MESSAGE_EMAIL_INTERVAL_MINUTES = 15
    thread = thread_of(pair)
    post_message(thread=thread, sender=pair.supplier, body="First question")
    reader = ThreadReader.objects.get(thread=thread, enterprise=pair.buyer)
    # As if the e-mail's interval had run out.
    reader.email_due_at = timezone.now() - dt.timedelta(seconds=1)
    reader.save()

    post_message(thread=thread, sender=pair.supplier, body="A day later")

    assert emails_to("buyer@buyer.example").count() == 2


def test_the_email_lists_only_its_own_batch(pair, settings):
    settings.MESSAGE_EMAIL_INTERVAL_MINUTES = 0
    thread = thread_of(pair)
    post_message(thread=thread, sender=pair.supplier, body="Early note")
    post_message(thread=thread, sender=pair.supplier, body="Later note")
    time_passes(2)  # past the grace the sweeper leaves the relay after commit
    sweep_outbox()

    about = [m for m in mail.outbox if "note" in m.body]
    first, second = sorted(about, key=lambda m: m.body.find("Later note"))
    assert "Early note" in first.body and "Later note" not in first.body
    assert "Later note" in second.body and "Early note" not in second.body
