"""The conference's intentional cooperation investment, computed from the outcomes by the
stated rule, against a small conference computed by hand."""

import datetime as dt

import pytest

from events.errors import DomainError
from events.models import AuditEntry
from matchmaking.results.investment import Answer, Confirmation, Status, reconcile
from matchmaking.results.selectors import investment_summary
from matchmaking.results.services import confirm_investment
from matchmaking.services.outcomes import record_meeting_outcome


def test_matching_answers_count_the_larger_value():
    value = reconcile([Answer("likely", 5_000_000), Answer("signed", 8_000_000)])

    assert (value.value, value.status, value.signed) == (8_000_000, Status.COUNTED, False)


def test_one_sided_answer_counts_and_is_signed_when_it_says_so():
    assert reconcile([Answer("signed", 2_000_000)]).signed is True
    assert reconcile([Answer("signed", 2), Answer("signed", 3)]).signed is True


def test_disagreement_counts_nothing_until_an_organizer_confirms():
    answers = [Answer("likely", 3_000_000), Answer("no_fit")]

    disputed = reconcile(answers)
    confirmed = reconcile(answers, Confirmation(2_500_000, signed=False))

    assert (disputed.value, disputed.status, disputed.claimed) == (
        0, Status.DISPUTED, 3_000_000)
    assert (confirmed.value, confirmed.status) == (2_500_000, Status.CONFIRMED)


def test_no_counting_answer_adds_nothing():
    assert reconcile([Answer("informative"), Answer("not_held")]).value == 0
    assert reconcile([Answer("likely", 0)]).status == Status.NONE


@pytest.mark.django_db
def test_total_of_a_small_conference_matches_the_hand_computed_one(meetings, fields, organizer):
    made = meetings(6)
    m1, b1, s1 = made.make(buyer_country="US")
    m2, b2, s2 = made.make(buyer_country="JP")
    m3, b3, s3 = made.make(buyer_country="US")
    m4, b4, _s4 = made.make(buyer_country="DE")
    _m5, _b5, _s5 = made.make()
    m6, b6, s6 = made.make()
    software, pharma = fields["software"], fields["pharma"]
    for meeting, company, result, value, field in [
        (m1, b1, "likely", 5_000_000, software), (m1, s1, "likely", 8_000_000, software),
        (m2, b2, "signed", 10_000_000, pharma), (m2, s2, "signed", 7_000_000, pharma),
        (m3, b3, "likely", 3_000_000, software), (m3, s3, "no_fit", None, None),
        (m4, b4, "likely", 2_000_000, pharma),
        (m6, b6, "informative", None, None), (m6, s6, "informative", None, None),
    ]:
        record_meeting_outcome(meeting=meeting, enterprise=company, result=result,
                               intended_investment_usd=value, field=field)

    summary = investment_summary(made.conference)

    # By hand: m1 max(5, 8) = 8; m2 signed 10; m3 disputed 0; m4 one side 2; m5, m6 0.
    assert summary.total == 20_000_000
    assert (summary.signed_count, summary.signed_value) == (1, 10_000_000)
    assert [row.meeting_id for row in summary.disputed] == [m3.pk]
    assert dict(summary.by_field) == {software.pk: 8_000_000, pharma.pk: 12_000_000}
    assert dict(summary.by_country) == {"US": 8_000_000, "JP": 10_000_000, "DE": 2_000_000}

    confirm_investment(meeting=m3, value_usd=2_500_000, field=software,
                       reason="Both sides confirmed by phone", actor=organizer)
    end = made.conference.end_date
    four_months_on = dt.datetime(end.year, end.month, end.day, tzinfo=dt.UTC) + dt.timedelta(
        days=122)
    record_meeting_outcome(meeting=m4, enterprise=b4, result="signed",
                           intended_investment_usd=4_000_000, field=pharma, now=four_months_on)

    after = investment_summary(made.conference)
    assert after.total == 20_000_000 + 2_500_000 + 2_000_000
    assert (after.signed_count, after.signed_value) == (2, 14_000_000)
    assert after.disputed == [] and after.confirmed_meetings == 1


@pytest.mark.django_db
def test_confirming_a_value_writes_an_audit_entry_with_before_and_after(meetings, organizer):
    meeting, buyer, supplier = meetings(1).make()
    record_meeting_outcome(meeting=meeting, enterprise=buyer, result="likely",
                           intended_investment_usd=6_000_000)
    record_meeting_outcome(meeting=meeting, enterprise=supplier, result="likely",
                           intended_investment_usd=60_000_000)

    confirm_investment(meeting=meeting, value_usd=6_000_000, signed=True,
                       reason="Supplier typed an extra zero", actor=organizer)

    entry = AuditEntry.objects.get(action="investment.confirm")
    assert (entry.actor, entry.reason, entry.object_id) == (
        organizer, "Supplier typed an extra zero", str(meeting.pk))
    assert entry.data["before"]["value_usd"] == 60_000_000
    assert entry.data["after"] == {"value_usd": 6_000_000, "signed": True, "field": None}
    assert investment_summary(meeting.conference).total == 6_000_000


@pytest.mark.django_db
def test_confirming_needs_a_reason_and_a_value_not_negative(meetings, organizer):
    meeting, _buyer, _supplier = meetings(1).make()

    with pytest.raises(DomainError) as no_reason:
        confirm_investment(meeting=meeting, value_usd=1, reason=" ", actor=organizer)
    with pytest.raises(DomainError) as negative:
        confirm_investment(meeting=meeting, value_usd=-1, reason="x", actor=organizer)

    assert (no_reason.value.code, negative.value.code) == ("reason", "negative")
    assert not AuditEntry.objects.filter(action="investment.confirm").exists()
