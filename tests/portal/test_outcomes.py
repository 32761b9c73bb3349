import datetime as dt

import pytest
from django.utils import timezone

from events.errors import DomainError
from events.models import AuditEntry, TimeSlot
from matchmaking.models import MeetingOutcome
from matchmaking.services.booking import book_meeting
from matchmaking.services.outcomes import record_meeting_outcome
from tests.factories import approved, slots
from tests.portal.helpers import accepted, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def held_meeting(conference, buyer, supplier):
    (slot,) = slots(conference, 1)
    request = accepted(conference, buyer, supplier)
    publish(conference)
    meeting = book_meeting(request=request, slot=slot, enterprise=supplier)
    # The meeting took place an hour ago.
    an_hour_ago = timezone.now() - dt.timedelta(hours=1)
    TimeSlot.objects.filter(pk=slot.pk).update(start=an_hour_ago,
                                               end=an_hour_ago + dt.timedelta(minutes=30))
    return meeting


def test_each_side_records_one_outcome_and_can_correct_it(held_meeting, buyer, supplier):
    record_meeting_outcome(meeting=held_meeting, enterprise=buyer,
                           result="likely", intended_investment_usd=1_000_000)
    record_meeting_outcome(meeting=held_meeting, enterprise=supplier, result="informative")
    record_meeting_outcome(meeting=held_meeting, enterprise=buyer,
                           result="signed", intended_investment_usd=3_000_000)

    outcomes = {o.enterprise: o for o in MeetingOutcome.objects.all()}
    assert len(outcomes) == 2
    assert (outcomes[buyer].result, outcomes[buyer].intended_investment_usd) == (
        "signed", 3_000_000)
    assert list(AuditEntry.objects.filter(action__startswith="meeting_outcome.")
                .values_list("action", flat=True).order_by("pk")) == [
        "meeting_outcome.record", "meeting_outcome.record", "meeting_outcome.update"]


def test_a_meeting_not_held_carries_no_investment(held_meeting, buyer):
    outcome = record_meeting_outcome(meeting=held_meeting, enterprise=buyer,
                                     result="not_held", intended_investment_usd=5)

    assert (outcome.result, outcome.intended_investment_usd) == ("not_held", None)


def test_a_third_company_cannot_report(held_meeting, conference):
    stranger = approved(conference).enterprise

    with pytest.raises(DomainError) as error:
        record_meeting_outcome(meeting=held_meeting, enterprise=stranger, result="no_fit")

    assert error.value.code == "forbidden"


def test_no_outcome_before_the_meeting_starts(conference, buyer, supplier):
    (slot,) = slots(conference, 1)
    request = accepted(conference, buyer, supplier)
    publish(conference)
    meeting = book_meeting(request=request, slot=slot, enterprise=supplier)

    with pytest.raises(DomainError) as error:
        record_meeting_outcome(meeting=meeting, enterprise=buyer, result="no_fit")

    assert error.value.code == "not_started"
    assert not MeetingOutcome.objects.exists()


def test_outcome_form_saves_and_shows_on_the_agenda(buyer_client, held_meeting, buyer):
    response = buyer_client.post(f"/portal/meetings/{held_meeting.pk}/outcome/", {
        "result": "likely", "intended_investment_usd": "2500000",
        "notes": "Pilot in Q3"})
    agenda = buyer_client.get("/portal/agenda/").content.decode()

    outcome = MeetingOutcome.objects.get(enterprise=buyer)
    assert response["Location"] == "/portal/agenda/"
    assert (outcome.result, outcome.intended_investment_usd, outcome.notes) == (
        "likely", 2_500_000, "Pilot in Q3")
    assert "Edit the outcome" in agenda


def test_outcome_form_rejects_investment_for_a_meeting_not_held(buyer_client, held_meeting):
    response = buyer_client.post(f"/portal/meetings/{held_meeting.pk}/outcome/", {
        "result": "no_fit", "intended_investment_usd": "100"})

    assert response.status_code == 400
    assert "intended_investment_usd" in response.context["form"].errors
    assert not MeetingOutcome.objects.exists()


def test_outcome_can_be_reported_after_the_conference_closes(buyer_client, held_meeting,
                                                             conference):
    conference.status = "closed"
    conference.save()

    response = buyer_client.post(f"/portal/meetings/{held_meeting.pk}/outcome/", {
        "result": "informative"})

    assert response.status_code == 302
    assert MeetingOutcome.objects.count() == 1
