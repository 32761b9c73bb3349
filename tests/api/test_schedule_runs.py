"""Schedule runs through the API: organizer keys only."""

import pytest

from matchmaking.models import Meeting, ScheduleRun
from tests.api.conftest import bearer, error_of, partner_key
from tests.matchmaking.scheduling_helpers import small_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def organizer_api(conference):
    return bearer(partner_key(conference, organizer=True)[1])


def test_organizer_key_runs_reads_and_publishes_a_schedule(
        conference, organizer_api, django_capture_on_commit_callbacks):
    _grid, _buyers, _suppliers, requests = small_event(conference, buyers=2, suppliers=2)

    with django_capture_on_commit_callbacks(execute=True):
        started = organizer_api.post("/api/v1/schedule-runs/", {
            "conference": conference.slug, "time_limit": 1}, format="json")
    run = organizer_api.get(f"/api/v1/schedule-runs/{started.json()['id']}/").json()
    report = organizer_api.get(f"/api/v1/schedule-runs/{run['id']}/report/").json()
    published = organizer_api.post(f"/api/v1/schedule-runs/{run['id']}/publish/")

    assert started.status_code == 202 and started.json()["status"] == "queued"
    assert run["status"] == "succeeded" and run["progress"] == 100
    assert run["metrics"]["scheduled"] == len(requests)
    assert len(report["result"]["meetings"]) == len(requests)
    assert published.json()["status"] == "published"
    assert Meeting.objects.filter(status="scheduled").count() == len(requests)


def test_second_run_while_one_is_queued_is_a_409(conference, organizer_api):
    organizer_api.post("/api/v1/schedule-runs/", {"conference": conference.slug}, format="json")

    response = organizer_api.post("/api/v1/schedule-runs/", {"conference": conference.slug},
                                  format="json")

    assert response.status_code == 409 and error_of(response)["code"] == "run_in_progress"


def test_time_limit_out_of_range_is_a_field_error(conference, organizer_api):
    response = organizer_api.post("/api/v1/schedule-runs/", {
        "conference": conference.slug, "time_limit": 5000}, format="json")

    assert response.status_code == 400 and "time_limit" in error_of(response)["fields"]
    assert not ScheduleRun.objects.exists()


def test_non_organizer_partner_and_companies_cannot_touch_runs(conference, partner_api,
                                                               buyer_api):
    run = ScheduleRun.objects.create(conference=conference)

    for api in (partner_api, buyer_api):
        assert api.get(f"/api/v1/schedule-runs/{run.pk}/").status_code == 403
        assert api.post("/api/v1/schedule-runs/", {"conference": conference.slug},
                        format="json").status_code == 403
    assert ScheduleRun.objects.count() == 1


def test_publishing_while_matchmaking_is_closed_is_a_409(conference, organizer_api,
                                                         django_capture_on_commit_callbacks):
    from events.models import Conference

    small_event(conference, buyers=1, suppliers=1)
    with django_capture_on_commit_callbacks(execute=True):
        started = organizer_api.post("/api/v1/schedule-runs/", {
            "conference": conference.slug, "time_limit": 1, "mode": "replace"}, format="json")
    Conference.objects.filter(pk=conference.pk).update(status="registration_open")

    response = organizer_api.post(f"/api/v1/schedule-runs/{started.json()['id']}/publish/")

    assert started.json()["mode"] == "replace"
    assert response.status_code == 409 and error_of(response)["code"] == "not_open"
    assert not Meeting.objects.exists()
