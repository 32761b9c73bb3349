"""Each side records its outcome once the meeting has started; only organizers see the
other side's answer."""

import datetime as dt

import pytest
from django.contrib.messages import get_messages

from events.errors import DomainError
from matchmaking.models import MeetingOutcome
from matchmaking.services.outcomes import record_meeting_outcome
from tests.api.conftest import company_client as api_company_client
from tests.results.conftest import company_client

pytestmark = pytest.mark.django_db


def test_outcome_form_is_not_offered_before_the_meeting_starts(meetings, client):
    meeting, buyer, _supplier = meetings(1).make(started=False)
    client = company_client(client, buyer)

    agenda = client.get("/portal/agenda/").content.decode()
    forced = client.get(f"/portal/meetings/{meeting.pk}/outcome/")
    posted = client.post(f"/portal/meetings/{meeting.pk}/outcome/", {"result": "likely"})

    assert f"/portal/meetings/{meeting.pk}/outcome/" not in agenda
    assert forced["Location"] == posted["Location"] == "/portal/agenda/"
    assert [str(m) for m in get_messages(forced.wsgi_request)] == [
        "The outcome can be reported once the meeting has started."]
    assert not MeetingOutcome.objects.exists()


def test_outcome_records_result_value_field_and_follow_up_date(meetings, client, fields):
    meeting, buyer, _supplier = meetings(1).make()
    client = company_client(client, buyer)

    client.post(f"/portal/meetings/{meeting.pk}/outcome/", {
        "result": "likely", "intended_investment_usd": "4000000",
        "field": fields["pharma"].pk, "follow_up_on": "2031-03-01"})

    outcome = MeetingOutcome.objects.get()
    assert (outcome.enterprise, outcome.result, outcome.intended_investment_usd,
            outcome.field.slug, outcome.follow_up_on) == (
        buyer, "likely", 4_000_000, "pharma-rd", dt.date(2031, 3, 1))


def test_only_organizers_see_the_other_sides_answer(meetings, client, organizer, reviewer):
    meeting, buyer, supplier = meetings(1).make()
    record_meeting_outcome(meeting=meeting, enterprise=buyer, result="signed",
                           intended_investment_usd=7_654_321, notes="buyer's secret")
    supplier_page = company_client(client, supplier).get(
        f"/portal/meetings/{meeting.pk}/outcome/").content.decode()
    api = api_company_client(supplier)

    assert "7654321" not in supplier_page and "buyer&#x27;s secret" not in supplier_page
    assert api.get("/api/v1/outcomes/").json()["results"] == []
    client.force_login(reviewer)
    assert client.get("/admin/matchmaking/meetingoutcome/").status_code == 403
    client.force_login(organizer)
    listing = client.get("/admin/matchmaking/meetingoutcome/").content.decode()
    assert "7654321" in listing.replace(",", "")


def test_outcome_service_refuses_a_meeting_not_started_and_a_stranger(meetings):
    made = meetings(2)
    future, buyer, _supplier = made.make(started=False)
    past, _other_buyer, _other_supplier = made.make()

    with pytest.raises(DomainError) as not_started:
        record_meeting_outcome(meeting=future, enterprise=buyer, result="likely")
    with pytest.raises(DomainError) as stranger:
        record_meeting_outcome(meeting=past, enterprise=buyer, result="likely")

    assert (not_started.value.code, stranger.value.code) == ("not_started", "forbidden")


def test_a_value_counts_only_for_likely_or_signed(meetings):
    meeting, buyer, _supplier = meetings(1).make()

    outcome = record_meeting_outcome(meeting=meeting, enterprise=buyer, result="informative",
                                     intended_investment_usd=9_000_000)

    assert outcome.intended_investment_usd is None


def test_answers_3_and_6_months_after_the_conference_are_follow_ups(meetings):
    meeting, buyer, _supplier = meetings(1).make()
    end = meeting.conference.end_date
    at = [dt.datetime(end.year, end.month, end.day, 12, tzinfo=dt.UTC) + dt.timedelta(days=d)
          for d in (1, 100, 200)]

    stages = [record_meeting_outcome(meeting=meeting, enterprise=buyer, result="likely",
                                     intended_investment_usd=value, now=now).stage
              for value, now in zip((1, 2, 3), at, strict=True)]

    outcome = MeetingOutcome.objects.get()
    assert stages == [0, 3, 6]
    assert outcome.intended_investment_usd == 3
