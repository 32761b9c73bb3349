import datetime as dt
import socket

from django.db.models import F

from matchmaking.outbox.models import OutgoingEmail


def closed_port() -> int:
    """A local port nothing listens on: connections are refused at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def time_passes(minutes: float) -> None:
    """Move every pending time of the outbox into the past, as if minutes went by."""
    shift = dt.timedelta(minutes=minutes)
    OutgoingEmail.objects.exclude(next_attempt_at=None).update(
        next_attempt_at=F("next_attempt_at") - shift)
    OutgoingEmail.objects.exclude(claimed_at=None).update(claimed_at=F("claimed_at") - shift)


def messages_written(files) -> int:
    """E-mails Django's file backend wrote into `files`: each ends with a line of 79 dashes.

    Files are not messages: two connections opened in the same second may get the
    same name (a timestamp and the id of a collected backend) and share one file.
    """
    return sum(path.read_text().count("\n" + "-" * 79 + "\n") for path in files)
