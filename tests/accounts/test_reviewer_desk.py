"""The reviewer's desk: the list says which rule failed, the registration page shows the
rules, the history in sentences and buttons that call the same services as the actions."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from accounts import services
from accounts.models import RegistrationStatus
from events.models import AuditEntry
from tests.factories import registered

pytestmark = pytest.mark.django_db
CHANGELIST = reverse("admin:accounts_registration_changelist")


def page_of(registration):
    return reverse("admin:accounts_registration_change", args=[registration.pk])


def decide_url(registration, decision):
    return reverse("admin:accounts_registration_decide", args=[registration.pk, decision])


def test_list_puts_country_first_and_names_the_failed_rule(reviewer_client, conference):
    registered(conference, contract_value_usd=5_000_000)

    response = reviewer_client.get(CHANGELIST)

    page = response.content.decode()
    headers = re.findall(r'<th scope="col"[^>]*class="[^"]*column-(\w+)', page)
    assert headers[:4] == ["country_code", "enterprise", "status_label", "failed_rules"]
    assert "Contract value of a foreign buyer" in page


def test_list_filters_by_failed_rule(reviewer_client, conference):
    failing = registered(conference, contract_value_usd=5_000_000)
    passing = registered(conference)

    response = reviewer_client.get(CHANGELIST, {"failed_rule": "contract_value"})

    shown = {row.pk for row in response.context["cl"].result_list}
    assert shown == {failing.pk} and passing.pk not in shown


def buttons(client, user, registration):
    client.force_login(user)
    return [b["decision"] for b in client.get(page_of(registration)).context["decision_buttons"]]


def test_page_offers_the_decisions_the_user_may_take(client, reviewer, organizer, conference):
    failing = registered(conference, contract_value_usd=5_000_000)
    passing = registered(conference)

    asks = "request_information"
    assert buttons(client, reviewer, failing) == ["approve", "reject", "waitlist", asks]
    assert buttons(client, organizer, failing) == ["approve", "override", "reject", "waitlist",
                                                   asks]
    assert buttons(client, organizer, passing) == ["approve", "reject", "waitlist", asks]


def test_approve_button_calls_the_approval_service(reviewer_client, conference):
    registration = registered(conference)

    response = reviewer_client.post(decide_url(registration, "approve"))

    registration.refresh_from_db()
    assert response.status_code == 302 and response["Location"] == page_of(registration)
    assert registration.status == RegistrationStatus.APPROVED
    assert AuditEntry.objects.filter(action="registration.approved").count() == 1


def test_reject_button_asks_for_a_reason_then_rejects(reviewer_client, conference):
    registration = registered(conference)

    asked = reviewer_client.post(decide_url(registration, "reject"))
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.SUBMITTED and "form" in asked.context

    reviewer_client.post(decide_url(registration, "reject"),
                         {"apply": "1", "reason": "Not in a field we host."})

    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.REJECTED
    assert registration.decision_reason == "Not in a field we host."


def test_a_refused_decision_is_a_message_not_a_change(reviewer_client, conference):
    failing = registered(conference, contract_value_usd=5_000_000)

    response = reviewer_client.post(decide_url(failing, "approve"), follow=True)

    failing.refresh_from_db()
    assert failing.status == RegistrationStatus.SUBMITTED
    assert any("override" in str(m) for m in response.context["messages"])


def test_a_reviewer_cannot_press_the_override_button(reviewer_client, conference):
    failing = registered(conference, contract_value_usd=5_000_000)

    response = reviewer_client.post(decide_url(failing, "override"),
                                    {"apply": "1", "reason": "Strategic."})

    failing.refresh_from_db()
    assert response.status_code == 403 and failing.status == RegistrationStatus.SUBMITTED


def test_history_reads_as_sentences_in_the_conferences_time(organizer_client, organizer,
                                                            conference):
    failing = registered(conference, contract_value_usd=5_000_000)
    services.approve_registration(registration=failing, actor=organizer,
                                  override_reason="Strategic partner.")
    entry = AuditEntry.objects.get(action="registration.approved")
    local = entry.created_at.astimezone(conference.zone)

    page = organizer_client.get(page_of(failing)).content.decode()

    name = failing.enterprise.legal_name
    assert f"approved {name} despite failed rules (override)" in page
    assert "registration.approved" not in page and f"registration #{failing.pk}" not in page
    assert f"{local:%H:%M}" in page and conference.time_zone in page


def test_history_in_chinese_names_the_company_in_chinese(organizer_client, organizer,
                                                          conference):
    registration = registered(conference)
    registration.enterprise.name_zh = "枫叶分析公司"
    registration.enterprise.save()
    services.approve_registration(registration=registration, actor=organizer)

    page = organizer_client.get("/zh-hans" + page_of(registration)).content.decode()

    assert "枫叶分析公司" in page and "registration.approved" not in page


@pytest.fixture(autouse=True)
def _restore_active_language():
    """A request under /zh-hans/ leaves Chinese active in the thread; put back English."""
    yield
    translation.activate("en")
