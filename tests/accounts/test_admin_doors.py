"""The admin's doors to enterprises, delegates and registrations all go through the services."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from accounts.models import Delegate, Enterprise, Registration, RegistrationStatus
from events.models import AuditEntry, Seniority
from tests.accounts.test_admin_vetting import enterprise_form_data
from tests.factories import CompanyUserFactory, DelegateFactory, EnterpriseFactory, approved

pytestmark = pytest.mark.django_db


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def enterprise_entries(enterprise, action):
    return AuditEntry.objects.filter(content_type__model="enterprise",
                                     object_id=str(enterprise.pk), action=action)


def test_adding_an_enterprise_with_delegates_in_the_admin_is_one_creation(organizer_client,
                                                                          db):
    from tests.factories import IndustryFieldFactory

    field = IndustryFieldFactory()
    data = {
        "legal_name": "Lakeside GmbH", "slug": "lakeside", "role": "buyer", "country": "DE",
        "fields": [field.pk], "contract_value_usd": "9000000",
        "delegates-TOTAL_FORMS": "1", "delegates-INITIAL_FORMS": "0",
        "delegates-MIN_NUM_FORMS": "0", "delegates-MAX_NUM_FORMS": "1000",
        "delegates-0-full_name": "Jonas Weber", "delegates-0-title": "Head of Procurement",
        "delegates-0-seniority": "40", "delegates-0-email": "jonas@lakeside.example",
        "registrations-TOTAL_FORMS": "0", "registrations-INITIAL_FORMS": "0",
        "registrations-MIN_NUM_FORMS": "0", "registrations-MAX_NUM_FORMS": "1000",
    }

    response = organizer_client.post(reverse("admin:accounts_enterprise_add"), data)

    enterprise = Enterprise.objects.get(legal_name="Lakeside GmbH")
    assert response.status_code == 302
    assert [d.full_name for d in enterprise.delegates.all()] == ["Jonas Weber"]
    (entry,) = enterprise_entries(enterprise, "enterprise.create")
    assert entry.data["delegates"]["added"][0]["email"] == "jonas@lakeside.example"
    assert entry.data["fields"]["contract_value_usd"] == [None, 9_000_000]


def test_saving_the_enterprise_form_unchanged_writes_no_entry(organizer_client, conference):
    enterprise = approved(conference).enterprise
    url = reverse("admin:accounts_enterprise_change", args=[enterprise.pk])

    response = organizer_client.post(url, enterprise_form_data(organizer_client, url,
                                                               enterprise))

    assert response.status_code == 302
    assert not enterprise_entries(enterprise, "enterprise.update").exists()


def test_negative_contract_value_is_a_field_error_in_the_admin(organizer_client, conference):
    enterprise = approved(conference).enterprise
    url = reverse("admin:accounts_enterprise_change", args=[enterprise.pk])
    data = enterprise_form_data(organizer_client, url, enterprise)
    data["contract_value_usd"] = "-5"

    response = organizer_client.post(url, data)

    assert response.status_code == 200
    assert "contract_value_usd" in response.context["adminform"].form.errors
    assert "enterprise_contract_not_negative" not in response.content.decode()


def test_delegate_admin_add_and_change_go_through_the_service(organizer_client, conference):
    registration = approved(conference)
    enterprise = registration.enterprise

    added = organizer_client.post(reverse("admin:accounts_delegate_add"), {
        "enterprise": enterprise.pk, "full_name": "Ann Lee", "title": "Intern",
        "seniority": Seniority.STAFF, "email": "ann@example.com"}, follow=True)
    ann = Delegate.objects.get(email="ann@example.com")
    organizer_client.post(
        reverse("admin:accounts_delegate_change", args=[ann.pk]),
        {"full_name": "Ann Lee", "title": "Director", "seniority": Seniority.DIRECTOR,
         "email": "ann@example.com"})

    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.UNDER_REVIEW
    changes = [e.data["delegates"] for e in enterprise_entries(enterprise, "enterprise.update")
               .order_by("id")]
    assert changes[0]["added"][0]["full_name"] == "Ann Lee"
    assert changes[1]["changed"][0]["fields"]["seniority"] == [10, 40]
    assert any("went back to review" in t for t in messages_of(added))


def test_delegate_admin_delete_and_bulk_delete_remove_through_the_service(organizer_client,
                                                                          conference):
    registration = approved(conference, delegates=3)
    one, two, three = registration.enterprise.delegates.order_by("pk")

    organizer_client.post(reverse("admin:accounts_delegate_delete", args=[one.pk]),
                          {"post": "yes"})
    organizer_client.post(reverse("admin:accounts_delegate_changelist"), {
        "action": "delete_selected", "_selected_action": [two.pk, three.pk], "post": "yes"})

    assert not Delegate.objects.filter(enterprise=registration.enterprise).exists()
    removed = [e.data["delegates"]["removed"] for e in
               enterprise_entries(registration.enterprise, "enterprise.update").order_by("id")]
    assert [[r["id"] for r in group] for group in removed] == [[one.pk], [two.pk, three.pk]]
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.UNDER_REVIEW


def test_an_enterprise_with_registrations_cannot_be_deleted_in_the_admin(organizer_client,
                                                                         conference):
    enterprise = approved(conference).enterprise
    url = reverse("admin:accounts_enterprise_delete", args=[enterprise.pk])

    page = organizer_client.get(url)
    organizer_client.post(url, {"post": "yes"})
    organizer_client.post(reverse("admin:accounts_enterprise_changelist"), {
        "action": "delete_selected", "_selected_action": [enterprise.pk], "post": "yes"})

    assert "withdraw it instead" in page.content.decode()
    assert Enterprise.objects.filter(pk=enterprise.pk).exists()


def test_an_enterprise_that_never_registered_is_deleted_with_an_entry(organizer_client, db):
    enterprise = EnterpriseFactory()
    DelegateFactory(enterprise=enterprise)
    stale = EnterpriseFactory()
    CompanyUserFactory(enterprise=stale)

    organizer_client.post(reverse("admin:accounts_enterprise_changelist"), {
        "action": "delete_selected", "_selected_action": [enterprise.pk, stale.pk],
        "post": "yes"})

    # One of them has a sign-in account: the page refuses and deletes neither.
    assert Enterprise.objects.filter(pk__in=[enterprise.pk, stale.pk]).count() == 2
    organizer_client.post(reverse("admin:accounts_enterprise_delete", args=[enterprise.pk]),
                          {"post": "yes"})
    assert not Enterprise.objects.filter(pk=enterprise.pk).exists()
    assert AuditEntry.objects.get(action="enterprise.delete").data["delegates"]["removed"]


def registration_form(client, registration, **changes):
    url = reverse("admin:accounts_registration_change", args=[registration.pk])
    form = client.get(url).context["adminform"].form
    data = {name: form.initial.get(name) or "" for name in form.fields}
    data.update({"evidence-TOTAL_FORMS": "0", "evidence-INITIAL_FORMS": "0",
                 "evidence-MIN_NUM_FORMS": "0", "evidence-MAX_NUM_FORMS": "1000",
                 "events-auditentry-content_type-object_id-TOTAL_FORMS": "0",
                 "events-auditentry-content_type-object_id-INITIAL_FORMS": "0"})
    data.update(changes)
    return url, data


def test_organizer_sets_seats_and_cap_in_the_admin_with_field_errors(organizer_client,
                                                                     conference):
    registration = approved(conference, delegates=2)

    url, data = registration_form(organizer_client, registration, parallel_meetings="3",
                                  max_meetings="10")
    refused = organizer_client.post(url, data)
    url, data = registration_form(organizer_client, registration, parallel_meetings="2",
                                  max_meetings="10", notes="VIP")
    organizer_client.post(url, data)

    assert "2 delegates" in str(refused.context["adminform"].form.errors["parallel_meetings"])
    registration.refresh_from_db()
    assert (registration.parallel_meetings, registration.max_meetings, registration.notes) == (
        2, 10, "VIP")
    entry = AuditEntry.objects.get(action="registration.settings")
    assert entry.data["fields"]["parallel_meetings"] == [1, 2]


def test_reviewer_edits_notes_but_not_seats_or_cap(reviewer_client, conference):
    registration = approved(conference, delegates=2)

    url, data = registration_form(reviewer_client, registration, notes="Checked the letter",
                                  parallel_meetings="2", max_meetings="1")
    reviewer_client.post(url, data)

    registration.refresh_from_db()
    assert registration.notes == "Checked the letter"
    assert (registration.parallel_meetings, registration.max_meetings) == (1, None)


def test_needs_rereview_filter_lists_reopened_registrations(organizer_client, organizer,
                                                            conference):
    from accounts import services

    reopened = approved(conference)
    approved(conference)
    services.update_enterprise(enterprise=reopened.enterprise, actor=organizer,
                               data={"country": "CA"})

    response = organizer_client.get(reverse("admin:accounts_registration_changelist"),
                                    {"rereview": "yes"})

    assert list(response.context["cl"].result_list) == [Registration.objects.get(
        pk=reopened.pk)]


def test_a_refusal_the_form_cannot_see_is_a_message_not_a_500(organizer_client, conference):
    enterprise = approved(conference).enterprise
    url = reverse("admin:accounts_enterprise_change", args=[enterprise.pk])
    data = enterprise_form_data(organizer_client, url, enterprise)
    # The formset compares e-mails case-sensitively; the service does not.
    data.update({"delegates-TOTAL_FORMS": "2", "delegates-1-full_name": "Twin",
                 "delegates-1-title": "Manager", "delegates-1-seniority": "20",
                 "delegates-1-email": data["delegates-0-email"].upper(),
                 "delegates-1-enterprise": str(enterprise.pk)})

    response = organizer_client.post(url, data, follow=True)

    assert response.status_code == 200
    assert "needs a different e-mail" in " ".join(messages_of(response))
    assert enterprise.delegates.count() == 1


def test_rules_admin_saves_through_the_service_and_explains_a_bad_range(organizer_client,
                                                                        conference):
    registration = approved(conference, contract_value_usd=9_000_000)
    rules = conference.rules
    url = reverse("admin:events_eligibilityrules_change", args=[rules.pk])
    data = {"min_foreign_buyer_contract_usd": "10000000", "min_delegate_seniority": "20",
            "min_delegates": "1", "max_delegates": "3"}

    refused = organizer_client.post(url, {**data, "min_delegates": "4"})
    organizer_client.post(url, data)

    assert "max_delegates" in refused.context["adminform"].form.errors
    assert "rules_delegate_range_ordered" not in refused.content.decode()
    registration.refresh_from_db()
    assert registration.failed_rule_codes == ",contract_value,"
    assert AuditEntry.objects.get(action="rules.update").data == {
        "fields": {"min_foreign_buyer_contract_usd": [8_000_000, 10_000_000]}}
