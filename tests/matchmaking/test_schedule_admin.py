"""The organizer computes and publishes a schedule from the admin and reads its report."""

import pytest
from django.urls import reverse

from matchmaking.models import RunStatus, ScheduleRun
from tests.matchmaking.scheduling_helpers import small_event

pytestmark = pytest.mark.django_db
START = reverse("admin:matchmaking_schedulerun_start")
CHANGELIST = reverse("admin:matchmaking_schedulerun_changelist")


def test_organizer_starts_a_run_and_sees_its_quality_report(
    organizer_client, conference, django_capture_on_commit_callbacks
):
    small_event(conference, buyers=2, suppliers=3)

    with django_capture_on_commit_callbacks(execute=True):
        response = organizer_client.post(
            START, {"conference": conference.pk, "mode": "full", "time_limit": "2"})

    run = ScheduleRun.objects.get()
    assert response.url == reverse("admin:matchmaking_schedulerun_change", args=[run.pk])
    page = organizer_client.get(response.url)
    html = page.content.decode()
    assert run.status == RunStatus.SUCCEEDED
    rows = dict(page.context["metric_rows"])
    assert rows["Meetings scheduled"] == 6 and rows["Weight vs bound"] == "100.0%"
    assert "<svg" in html and "Meetings per company" in html
    assert [bar["companies"] for bar in page.context["chart"]] == [3, 2]


def test_start_form_rejects_a_bad_time_limit(organizer_client, conference):
    response = organizer_client.post(START, {"conference": conference.pk, "mode": "full",
                                             "time_limit": "0"})

    assert response.context["form"].errors["time_limit"]
    assert not ScheduleRun.objects.exists()


def test_reviewer_cannot_start_runs(reviewer_client, conference):
    response = reviewer_client.post(START, {"conference": conference.pk, "mode": "full",
                                            "time_limit": "1"})

    assert response.status_code == 302 and response.url == reverse("admin:index")
    assert not ScheduleRun.objects.exists()


def test_running_run_page_refreshes_itself(organizer_client, conference):
    run = ScheduleRun.objects.create(conference=conference, status=RunStatus.RUNNING,
                                     progress=40)

    page = organizer_client.get(reverse("admin:matchmaking_schedulerun_change", args=[run.pk]))

    html = page.content.decode()
    assert 'http-equiv="refresh"' in html and 'value="40"' in html
    assert "<strong>40%</strong>" in html


def test_run_report_shows_moves_and_breaks_against_their_proven_bound(organizer_client,
                                                                     conference):
    metrics = {"requests": 9, "scheduled": 9, "unscheduled": 0, "weight": 9, "bound": 9,
               "quality_percent": 100.0, "optimal": True, "moved": 2, "fairness": 1,
               "breaks": 3, "breaks_bound": 2, "idle_slots": 4, "fixed": 0, "seconds": 1.0}
    gap = ScheduleRun.objects.create(conference=conference, status=RunStatus.SUCCEEDED,
                                     progress=100, metrics=metrics)
    tight = ScheduleRun.objects.create(conference=conference, status=RunStatus.FAILED,
                                       metrics={**metrics, "breaks": 2})

    rows = [dict(organizer_client.get(reverse("admin:matchmaking_schedulerun_change",
                                               args=[run.pk])).context["metric_rows"])
            for run in (gap, tight)]

    assert rows[0]["Published meetings moved"] == 2
    assert rows[0]["Breaks (gaps in a company's day)"] == "3 (proven lower bound 2)"
    assert rows[1]["Breaks (gaps in a company's day)"] == "2 (proven lower bound 2: optimal)"


def test_compute_recommendations_action_scores_the_conference(
    organizer_client, conference, django_capture_on_commit_callbacks
):
    from matchmaking.models import Recommendation

    small_event(conference, buyers=2, suppliers=2)

    with django_capture_on_commit_callbacks(execute=True):
        organizer_client.post(reverse("admin:events_conference_changelist"),
                              {"action": "compute_recommendations",
                               "_selected_action": [conference.pk]})

    assert Recommendation.objects.filter(conference=conference).count() == 4


def test_schedule_weights_follow_current_recommendations(conference,
                                                         django_capture_on_commit_callbacks):
    from matchmaking.models import Recommendation
    from matchmaking.services.schedule_instance import build_instance

    _grid, buyers, suppliers, requests = small_event(conference, buyers=1, suppliers=2)
    Recommendation.objects.create(conference=conference, buyer=buyers[0],
                                  supplier=suppliers[0], score=75, reasons=[])

    instance = build_instance(conference=conference)

    weights = {r["a"]: r["weight"] for r in instance["requests"]}
    assert weights == {f"e{suppliers[0].pk}": 4.0, f"e{suppliers[1].pk}": 1.0}
    assert all(r.weight == 1 for r in requests)  # sent before the recommendation existed
