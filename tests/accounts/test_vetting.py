import pytest

from accounts import services
from accounts.models import RegistrationStatus
from events.errors import DomainError
from events.models import AuditEntry, Seniority
from tests.factories import registered

pytestmark = pytest.mark.django_db


def audit_actions(obj):
    return list(
        AuditEntry.objects.filter(object_id=str(obj.pk), content_type__model=obj._meta.model_name)
        .order_by("id")
        .values_list("action", flat=True)
    )


def test_approve_registration_records_reviewer_time_and_audit(conference, reviewer):
    registration = registered(conference)

    services.approve_registration(registration=registration, actor=reviewer)

    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.APPROVED
    assert registration.reviewer == reviewer
    assert registration.decided_at is not None
    entry = AuditEntry.objects.get(action="registration.approved")
    assert entry.actor == reviewer and entry.target == registration


def test_approve_refuses_a_failing_registration_without_override(conference, organizer):
    registration = registered(conference, contract_value_usd=5_000_000)

    with pytest.raises(DomainError) as error:
        services.approve_registration(registration=registration, actor=organizer)

    assert "USD 5,000,000" in error.value.message
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.SUBMITTED
    assert "registration.approved" not in audit_actions(registration)


def test_organizer_override_approves_and_keeps_the_reason(conference, organizer):
    registration = registered(conference, contract_value_usd=5_000_000)

    services.approve_registration(
        registration=registration, actor=organizer, override_reason="Strategic partner"
    )

    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.APPROVED
    assert registration.override_reason == "Strategic partner"
    entry = AuditEntry.objects.get(action="registration.approved")
    assert entry.reason == "Strategic partner"
    assert entry.data == {"failed_rules": ["contract_value"]}


def test_reviewer_may_not_override_a_failed_rule(conference, reviewer):
    registration = registered(conference, seniority=Seniority.STAFF)

    with pytest.raises(DomainError, match="Only organizers"):
        services.approve_registration(
            registration=registration, actor=reviewer, override_reason="please"
        )


def test_reject_requires_a_reason(conference, reviewer):
    registration = registered(conference)

    with pytest.raises(DomainError, match="needs a reason"):
        services.reject_registration(registration=registration, actor=reviewer, reason="  ")

    services.reject_registration(registration=registration, actor=reviewer, reason="No budget")
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.REJECTED
    assert registration.decision_reason == "No budget"


def test_waitlist_then_approve(conference, reviewer):
    registration = registered(conference)

    services.waitlist_registration(registration=registration, actor=reviewer)
    services.approve_registration(registration=registration, actor=reviewer)

    assert audit_actions(registration) == [
        "registration.submit", "registration.waitlisted", "registration.approved"
    ]


def test_withdrawn_registration_cannot_be_approved(conference, reviewer):
    registration = registered(conference)
    services.withdraw_registration(registration=registration, actor=None)

    with pytest.raises(DomainError, match="cannot be changed"):
        services.approve_registration(registration=registration, actor=reviewer)


def test_second_application_to_the_same_conference_is_refused(conference):
    registration = registered(conference)

    with pytest.raises(DomainError, match="already applied"):
        services.submit_registration(conference=conference, enterprise=registration.enterprise)


def test_changing_contract_value_sends_approved_registration_back_to_review(
    conference, reviewer, organizer
):
    registration = registered(conference)
    services.approve_registration(registration=registration, actor=reviewer)

    change = services.update_enterprise(
        enterprise=registration.enterprise, actor=organizer,
        data={"contract_value_usd": 6_000_000},
    )

    registration.refresh_from_db()
    assert [r.pk for r in change.reopened] == [registration.pk]
    assert registration.status == RegistrationStatus.UNDER_REVIEW
    assert registration.needs_rereview
    assert not registration.passes_rules
    assert audit_actions(registration)[-1] == "registration.reopened"


def test_editing_a_field_that_is_not_vetted_keeps_approval(conference, reviewer, organizer):
    registration = registered(conference)
    services.approve_registration(registration=registration, actor=reviewer)

    change = services.update_enterprise(
        enterprise=registration.enterprise, actor=organizer,
        data={"website": "https://example.org"},
    )

    registration.refresh_from_db()
    assert change.changed and change.reopened == ()
    assert registration.status == RegistrationStatus.APPROVED


def test_new_delegate_of_an_approved_enterprise_reopens_review(conference, reviewer):
    registration = registered(conference)
    services.approve_registration(registration=registration, actor=reviewer)

    services.save_delegate(
        enterprise=registration.enterprise, actor=reviewer, data={
            "full_name": "New Person", "title": "Intern", "seniority": Seniority.STAFF,
            "email": "new@example.com"},
    )

    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.UNDER_REVIEW
    assert [r["code"] for r in registration.failed_rules] == ["delegate_seniority"]


def test_changing_rules_evaluates_registrations_again(conference, organizer):
    registration = registered(conference, contract_value_usd=9_000_000)

    count = services.update_rules(conference=conference, actor=organizer,
                                  data={"min_foreign_buyer_contract_usd": 10_000_000})

    registration.refresh_from_db()
    assert count == 1
    assert registration.failed_rule_codes == ",contract_value,"
    entry = AuditEntry.objects.get(action="rules.update")
    assert entry.data == {"fields": {"min_foreign_buyer_contract_usd": [8_000_000, 10_000_000]}}


def test_saving_the_same_rules_again_changes_and_records_nothing(conference, organizer):
    count = services.update_rules(conference=conference, actor=organizer,
                                  data={"min_foreign_buyer_contract_usd": "8000000"})

    assert count == 0
    assert not AuditEntry.objects.filter(action="rules.update").exists()


def test_decision_is_announced_to_subscribed_partners(conference, reviewer):
    from accounts.models import Partner
    from matchmaking.models import WebhookDelivery, WebhookEvent, WebhookSubscription

    partner = Partner.objects.create(name="Jiangsu portal")
    partner.conferences.add(conference)
    WebhookSubscription.objects.create(partner=partner, url="http://127.0.0.1:9/hook",
                                       secret="s", events=["registration.decided"])
    registration = registered(conference)

    services.approve_registration(registration=registration, actor=reviewer)

    event = WebhookEvent.objects.get(type="registration.decided")
    assert event.payload["status"] == "approved"
    assert event.payload["enterprise"] == registration.enterprise_id
    assert WebhookDelivery.objects.filter(event=event).count() == 1
