"""The organizer edits a conference and moves it through its life cycle in the admin."""

import pytest
from django.contrib.messages import get_messages
from django.forms.models import model_to_dict
from django.urls import reverse

from events.models import AuditEntry, Conference
from matchmaking.services.conferences import EDITABLE_FIELDS
from tests.factories import ConferenceFactory, slots
from tests.matchmaking.scheduling_helpers import small_event

pytestmark = pytest.mark.django_db


def change_page(conference) -> str:
    return reverse("admin:events_conference_change", args=[conference.pk])


def step_url(conference, status) -> str:
    return reverse("admin:events_conference_status", args=[conference.pk, status])


def form_data(conference, **changes) -> dict:
    data = {name: value for name, value in model_to_dict(conference).items()
            if name in EDITABLE_FIELDS and value is not None}
    return {**data, **changes}


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def status_of(conference) -> str:
    return Conference.objects.get(pk=conference.pk).status


def test_the_status_cannot_be_set_in_the_conference_form(organizer_client, conference):
    response = organizer_client.post(change_page(conference), form_data(
        conference, name="Renamed", status="scheduled"))

    assert response.status_code == 302
    assert status_of(conference) == "matchmaking_open"
    assert Conference.objects.get(pk=conference.pk).name == "Renamed"
    assert AuditEntry.objects.get(action="conference.update").data["changed"] == {
        "name": [conference.name, "Renamed"]}


def test_scheduled_is_refused_without_a_published_schedule(organizer_client, conference):
    page = organizer_client.get(change_page(conference))
    response = organizer_client.post(step_url(conference, "scheduled"), follow=True)

    [scheduled] = [item for item in page.context["transitions"]
                   if item["transition"].target == "scheduled"]
    assert "No schedule is published" in " ".join(scheduled["problems"])
    assert "disabled" in page.content.decode()
    assert any("No schedule is published" in m for m in messages_of(response))
    assert status_of(conference) == "matchmaking_open"
    assert not AuditEntry.objects.filter(action="conference.status").exists()


def test_organizer_moves_a_conference_through_its_life_cycle_by_buttons(organizer_client,
                                                                         organizer):
    conference = ConferenceFactory(status="draft")
    opened = organizer_client.post(step_url(conference, "registration_open"), follow=True)
    too_early = organizer_client.post(step_url(conference, "matchmaking_open"), follow=True)
    slots(conference, 2, tables=1)
    organizer_client.post(step_url(conference, "matchmaking_open"))

    assert status_of(conference) == "matchmaking_open"
    assert any("is now registration open" in m for m in messages_of(opened))
    assert any("no time slots yet" in m for m in messages_of(too_early))
    assert list(AuditEntry.objects.filter(action="conference.status", actor=organizer)
                .order_by("pk").values_list("data__to", flat=True)) == [
        "registration_open", "matchmaking_open"]


def test_a_step_that_takes_something_away_is_confirmed_first(
        organizer_client, conference, django_capture_on_commit_callbacks):
    from matchmaking.services.publishing import publish_schedule_run
    from tests.matchmaking.test_schedule_runs import run_now

    small_event(conference, buyers=1, suppliers=1)
    publish_schedule_run(run=run_now(conference, django_capture_on_commit_callbacks))
    page = organizer_client.get(change_page(conference)).content.decode()

    confirm = organizer_client.get(step_url(conference, "closed"))
    assert status_of(conference) == "scheduled"  # looking changes nothing
    organizer_client.post(step_url(conference, "closed"))

    assert f'href="{step_url(conference, "closed")}"' in page
    assert "can no longer book, move or cancel meetings" in confirm.content.decode()
    assert status_of(conference) == "closed"


def test_the_step_buttons_post_outside_the_change_form(organizer_client):
    conference = ConferenceFactory(status="draft")

    html = organizer_client.get(change_page(conference)).content.decode()

    buttons = html.index(f'action="{step_url(conference, "registration_open")}"')
    assert buttons < html.index('id="conference_form"')


def test_a_reviewer_cannot_change_the_status(reviewer_client):
    conference = ConferenceFactory(status="draft")

    reviewer_client.post(step_url(conference, "registration_open"))

    assert status_of(conference) == "draft"


def test_adding_a_conference_starts_it_in_draft_through_the_service(organizer_client,
                                                                     organizer):
    template = ConferenceFactory.build(edition=42, slug="cisocc-42")

    organizer_client.post(reverse("admin:events_conference_add"), form_data(
        template, status="scheduled"))

    conference = Conference.objects.get(edition=42)
    assert conference.status == "draft" and conference.rules is not None
    assert AuditEntry.objects.filter(action="conference.create", actor=organizer).exists()


def test_conference_page_query_count_is_fixed(organizer_client, conference,
                                              django_assert_max_num_queries):
    slots(conference, 4, tables=2)

    with django_assert_max_num_queries(7):
        response = organizer_client.get(change_page(conference))

    assert [item["transition"].target for item in response.context["transitions"]] == [
        "scheduled", "registration_open"]


def test_step_confirmation_page_query_count_is_fixed(organizer_client, conference,
                                                     django_assert_max_num_queries):
    with django_assert_max_num_queries(5):
        page = organizer_client.get(step_url(conference, "registration_open"))

    assert "Companies can no longer send or answer meeting requests" in page.content.decode()
    assert status_of(conference) == "matchmaking_open"
