"""The README's promise on the demo: `schedule 2 --publish` moves nothing that is published."""

import io

import pytest
from django.core.management import call_command

from matchmaking.models import Meeting, MeetingStatus

pytestmark = pytest.mark.django_db


def schedule_and_publish() -> str:
    out = io.StringIO()
    call_command("schedule", "2", "--publish", stdout=out, stderr=io.StringIO())
    return out.getvalue().splitlines()[-1]


def live_places() -> set[tuple[int, int, int]]:
    return set(Meeting.objects.filter(status=MeetingStatus.SCHEDULED).values_list(
        "request", "slot", "table"))


def test_publishing_the_demo_twice_moves_no_meeting_and_no_table():
    # The demo loads with a published schedule (its outcomes need meetings): a run on it
    # may add meetings, and the next one on the unchanged conference moves nothing.
    call_command("load_demo", "--edition=2", "--no-progress", stdout=io.StringIO())

    first = schedule_and_publish()
    before = live_places()
    second = schedule_and_publish()

    assert ", moved 0, " in first and first.endswith(", cancelled 0")
    assert second.endswith(", moved 0, new 0, cancelled 0")
    assert live_places() == before
