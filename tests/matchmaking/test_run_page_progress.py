"""The run page reads right with eager tasks, and the command shows a percentage."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from matchmaking.models import RunStatus, ScheduleRun
from tests.matchmaking.scheduling_helpers import small_event

pytestmark = pytest.mark.django_db


@pytest.mark.django_db(transaction=True)  # commits run the eager job inside the request
def test_starting_a_run_with_eager_tasks_says_the_draft_is_ready(organizer_client, conference):
    small_event(conference, buyers=2, suppliers=2)

    response = organizer_client.post(reverse("admin:matchmaking_schedulerun_start"), {
        "conference": conference.pk, "mode": "full", "time_limit": 1}, follow=True)

    run = ScheduleRun.objects.get()
    page = response.content.decode()
    assert run.status == RunStatus.SUCCEEDED and run.progress == 100
    assert "The run is finished: the draft is below." in page
    assert "queued" not in page.lower().split("<main", 1)[-1].split("quality", 1)[0]
    assert "100%" in page


def test_schedule_command_shows_a_percentage_not_a_rate(conference):
    small_event(conference, buyers=2, suppliers=2)
    errors = io.StringIO()

    call_command("schedule", conference.slug, "--time-limit", "1", stdout=io.StringIO(),
                 stderr=errors)

    assert "100%|" in errors.getvalue() and "%/s" not in errors.getvalue()
