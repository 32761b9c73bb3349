"""Test doubles of the mail server (an external system): they fail the way servers do."""

import smtplib
import threading
import time

from django.core.mail.backends.locmem import EmailBackend as LocmemBackend


class RefusingBackend(LocmemBackend):
    """The server refuses the recipient for good (550)."""

    def send_messages(self, messages):
        raise smtplib.SMTPRecipientsRefused(
            {m.to[0]: (550, b"5.1.1 no such user") for m in messages})


class GreylistingBackend(LocmemBackend):
    """The server answers 451 (try again later) to the first two deliveries."""

    calls = 0

    def send_messages(self, messages):
        GreylistingBackend.calls += 1
        if GreylistingBackend.calls <= 2:
            raise smtplib.SMTPRecipientsRefused(
                {m.to[0]: (451, b"4.7.1 greylisted, try later") for m in messages})
        return super().send_messages(messages)


class SlowBackend(LocmemBackend):
    """A server that takes its time, so two senders overlap; counts what it accepted."""

    accepted = 0
    lock = threading.Lock()

    def send_messages(self, messages):
        time.sleep(0.5)
        with SlowBackend.lock:
            SlowBackend.accepted += len(messages)
        return super().send_messages(messages)
