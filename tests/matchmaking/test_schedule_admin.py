"""The organizer computes and publishes a schedule from the admin and reads its report."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from matchmaking.models import Meeting, RunStatus, ScheduleRun
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


def test_publish_action_makes_the_schedule_live(organizer_client, conference,
                                                django_capture_on_commit_callbacks):
    small_event(conference, buyers=2, suppliers=2)
    with django_capture_on_commit_callbacks(execute=True):
        organizer_client.post(START, {"conference": conference.pk, "mode": "full",
                                      "time_limit": "1"})
    run = ScheduleRun.objects.get()

    response = organizer_client.post(
        CHANGELIST, {"action": "publish", "_selected_action": [run.pk]}, follow=True)

    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("Published: 4 meetings (4 new" in m for m in messages)
    assert Meeting.objects.filter(status="scheduled").count() == 4


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

    instance = build_instance(conference=conference, keep_locked=False)

    weights = {r["a"]: r["weight"] for r in instance["requests"]}
    assert weights == {f"e{suppliers[0].pk}": 4.0, f"e{suppliers[1].pk}": 1.0}
    assert all(r.weight == 1 for r in requests)  # sent before the recommendation existed


def test_publish_button_on_the_run_page(organizer_client, conference,
                                        django_capture_on_commit_callbacks):
    small_event(conference, buyers=1, suppliers=2)
    with django_capture_on_commit_callbacks(execute=True):
        organizer_client.post(START, {"conference": conference.pk, "mode": "full",
                                      "time_limit": "1"})
    run = ScheduleRun.objects.get()
    page = organizer_client.get(reverse("admin:matchmaking_schedulerun_change", args=[run.pk]))
    assert page.context["can_publish"]

    organizer_client.post(reverse("admin:matchmaking_schedulerun_publish", args=[run.pk]))

    run.refresh_from_db()
    assert run.status == RunStatus.PUBLISHED
    assert Meeting.objects.filter(status="scheduled").count() == 2
