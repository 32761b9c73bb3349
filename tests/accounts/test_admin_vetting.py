"""The organizer's vetting workflow, driven through the Django admin."""

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from accounts import services
from accounts.models import RegistrationStatus
from events.models import AuditEntry, Seniority
from tests.factories import CompanyUserFactory, DelegateFactory, registered

pytestmark = pytest.mark.django_db
CHANGELIST = reverse("admin:accounts_registration_changelist")


def run_action(client, action, registrations, **extra):
    data = {"action": action, "_selected_action": [r.pk for r in registrations], **extra}
    return client.post(CHANGELIST, data, follow=True)


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_bulk_approve_approves_passing_and_explains_refusals(reviewer_client, conference):
    good = registered(conference)
    failing = registered(conference, contract_value_usd=5_000_000)

    response = run_action(reviewer_client, "approve_selected", [good, failing])

    good.refresh_from_db()
    failing.refresh_from_db()
    assert good.status == RegistrationStatus.APPROVED
    assert failing.status == RegistrationStatus.SUBMITTED
    texts = messages_of(response)
    assert any("Approved: " in t and str(good.enterprise) in t for t in texts)
    assert any("USD 5,000,000" in t and "override" in t for t in texts)
    assert AuditEntry.objects.filter(action="registration.approved").count() == 1


def test_reject_asks_for_a_reason_and_changes_nothing_without_one(reviewer_client, conference):
    registration = registered(conference)

    page = run_action(reviewer_client, "reject_selected", [registration])
    assert "reason" in page.context["form"].fields
    missing = run_action(reviewer_client, "reject_selected", [registration], apply="1", reason="")
    assert missing.context["form"].errors["reason"]
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.SUBMITTED

    run_action(reviewer_client, "reject_selected", [registration], apply="1",
               reason="Contract letter not signed")

    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.REJECTED
    entry = AuditEntry.objects.get(action="registration.rejected")
    assert entry.reason == "Contract letter not signed"


def test_waitlist_action_records_the_optional_reason(reviewer_client, conference):
    registration = registered(conference)

    run_action(reviewer_client, "waitlist_selected", [registration], apply="1",
               reason="Full for this field")

    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.WAITLISTED
    assert registration.decision_reason == "Full for this field"


def test_override_action_is_offered_to_organizers_only(reviewer, organizer, conference):
    registered(conference)

    reviewer_actions, organizer_actions = (action_choices(user) for user in (reviewer, organizer))

    assert "approve_with_override" not in reviewer_actions
    assert "approve_with_override" in organizer_actions
    assert "delete_selected" not in organizer_actions


def test_organizer_overrides_a_failed_rule_with_a_reason(organizer_client, conference):
    registration = registered(conference, seniority=Seniority.STAFF)

    run_action(organizer_client, "approve_with_override", [registration], apply="1",
               reason="Government delegation lead")

    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.APPROVED
    assert registration.override_reason == "Government delegation lead"


def test_registration_page_shows_rule_results_and_history(reviewer_client, reviewer,
                                                          conference):
    registration = registered(conference, contract_value_usd=5_000_000)
    services.waitlist_registration(registration=registration, actor=reviewer, reason="Later")

    page = reviewer_client.get(
        reverse("admin:accounts_registration_change", args=[registration.pk])
    ).content.decode()

    assert "Offers USD 5,000,000; at least USD 8,000,000 is required." in page
    assert 'class="rule-failed"' in page
    assert f"put {registration.enterprise} on the waiting list" in page and "Later" in page
    assert "registration.waitlisted" not in page


def test_changelist_filters_by_failed_rule(reviewer_client, conference):
    registered(conference)
    failing = registered(conference, contract_value_usd=1_000_000)

    response = reviewer_client.get(CHANGELIST, {"failed_rule": "contract_value"})

    assert list(response.context["cl"].result_list) == [failing]


def test_changelist_query_count_does_not_grow_with_rows(reviewer_client, conference,
                                                        django_assert_max_num_queries):
    for _ in range(30):
        registered(conference)

    with django_assert_max_num_queries(14):
        response = reviewer_client.get(CHANGELIST)

    assert len(response.context["cl"].result_list) == 30


def test_editing_contract_value_in_admin_reopens_review_with_warning(organizer_client,
                                                                     organizer, conference):
    registration = registered(conference)
    services.approve_registration(registration=registration, actor=organizer)
    enterprise = registration.enterprise
    url = reverse("admin:accounts_enterprise_change", args=[enterprise.pk])
    form = organizer_client.get(url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(country="US", fields=[f.pk for f in enterprise.fields.all()],
                contract_value_usd="7000000")
    data.update(inline_management(enterprise))

    response = organizer_client.post(url, data, follow=True)

    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.UNDER_REVIEW
    assert any("went back to review" in t for t in messages_of(response))


def test_raising_no_vetted_field_in_the_delegate_inline_keeps_approval(
    organizer_client, organizer, conference
):
    registration = registered(conference)
    services.approve_registration(registration=registration, actor=organizer)
    enterprise = registration.enterprise
    url = reverse("admin:accounts_enterprise_change", args=[enterprise.pk])
    data = enterprise_form_data(organizer_client, url, enterprise)
    data["delegates-0-phone"] = "+1 555 0100"

    organizer_client.post(url, data, follow=True)

    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.APPROVED


def test_lowering_delegate_seniority_in_the_admin_reopens_review(organizer_client, organizer,
                                                                 conference):
    registration = registered(conference)
    services.approve_registration(registration=registration, actor=organizer)
    enterprise = registration.enterprise
    url = reverse("admin:accounts_enterprise_change", args=[enterprise.pk])
    data = enterprise_form_data(organizer_client, url, enterprise)
    data["delegates-0-seniority"] = str(Seniority.STAFF.value)

    organizer_client.post(url, data, follow=True)

    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.UNDER_REVIEW
    assert registration.failed_rule_codes == ",delegate_seniority,"


def test_company_user_cannot_reach_the_admin(client, db):
    client.force_login(CompanyUserFactory())

    response = client.get(CHANGELIST)

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_reviewer_can_view_but_not_edit_enterprises(reviewer_client, conference):
    registration = registered(conference)
    url = reverse("admin:accounts_enterprise_change", args=[registration.enterprise.pk])

    page = reviewer_client.get(url)
    post = reviewer_client.post(url, {"legal_name": "Renamed"})

    assert page.status_code == 200 and not page.context["has_change_permission"]
    assert post.status_code == 403
    registration.enterprise.refresh_from_db()
    assert registration.enterprise.legal_name != "Renamed"


def action_choices(user) -> dict:
    client = Client()
    client.force_login(user)
    return dict(client.get(CHANGELIST).context["action_form"].fields["action"].choices)


def inline_management(enterprise):
    delegates = list(enterprise.delegates.all())
    data = {
        "delegates-TOTAL_FORMS": str(len(delegates)), "delegates-INITIAL_FORMS": str(
            len(delegates)),
        "delegates-MIN_NUM_FORMS": "0", "delegates-MAX_NUM_FORMS": "1000",
        "registrations-TOTAL_FORMS": "0", "registrations-INITIAL_FORMS": "0",
        "registrations-MIN_NUM_FORMS": "0", "registrations-MAX_NUM_FORMS": "1000",
    }
    for index, delegate in enumerate(delegates):
        data.update({
            f"delegates-{index}-id": str(delegate.pk),
            f"delegates-{index}-enterprise": str(enterprise.pk),
            f"delegates-{index}-full_name": delegate.full_name,
            f"delegates-{index}-title": delegate.title,
            f"delegates-{index}-seniority": str(delegate.seniority),
            f"delegates-{index}-email": delegate.email,
            f"delegates-{index}-phone": delegate.phone,
            f"delegates-{index}-languages": delegate.languages,
        })
    return data


def enterprise_form_data(client, url, enterprise):
    form = client.get(url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(country=enterprise.country.code, fields=[f.pk for f in enterprise.fields.all()])
    data.update(inline_management(enterprise))
    return data


def test_delegate_factory_is_usable_alone(db):
    assert DelegateFactory().enterprise.pk
