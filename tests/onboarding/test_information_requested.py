"""A reviewer asks for more information; the applicant sees the message on the portal,
corrects, answers and resubmits, and the registration is back in review."""

import pytest
from django.urls import reverse
from django.utils import translation

from accounts.models import Evidence, RegistrationStatus
from accounts.services import request_information, resubmit_registration
from events.errors import DomainError
from events.models import AuditEntry
from matchmaking.outbox.models import OutgoingEmail
from matchmaking.outbox.render import render_email
from tests.factories import CompanyUserFactory, registered
from tests.onboarding.helpers import PNG, pdf

pytestmark = pytest.mark.django_db
MESSAGE = "Please upload the signed contract letter."


@pytest.fixture
def registration(conference):
    return registered(conference)


@pytest.fixture
def applicant(registration):
    return CompanyUserFactory(enterprise=registration.enterprise, language="zh-hans")


def test_request_information_tells_the_applicant_in_their_language(registration, applicant,
                                                                   reviewer):
    asked = request_information(registration=registration, actor=reviewer, message=MESSAGE)

    assert asked.status == RegistrationStatus.INFORMATION_REQUESTED
    assert asked.decision_reason == MESSAGE and asked.reviewer == reviewer
    email = OutgoingEmail.objects.get(template="registration_information_requested")
    assert email.recipient == applicant.email and email.language == "zh-hans"
    assert MESSAGE in render_email(email).text
    assert AuditEntry.objects.filter(action="registration.information_requested",
                                     reason=MESSAGE).exists()


def test_a_request_needs_a_message(registration, reviewer):
    with pytest.raises(DomainError):
        request_information(registration=registration, actor=reviewer, message="  ")
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.SUBMITTED


def test_reviewers_request_information_from_the_admin(reviewer_client, registration,
                                                      applicant):
    changelist = reverse("admin:accounts_registration_changelist")
    reviewer_client.post(changelist, {"action": "request_information_selected",
                                      "_selected_action": [registration.pk]})
    response = reviewer_client.post(changelist, {
        "action": "request_information_selected", "_selected_action": [registration.pk],
        "apply": "1", "reason": MESSAGE}, follow=True)

    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.INFORMATION_REQUESTED
    assert "Information requested" in response.content.decode()


def test_the_applicant_sees_the_message_answers_and_the_registration_returns_to_review(
        client, registration, applicant, reviewer):
    request_information(registration=registration, actor=reviewer, message=MESSAGE)
    client.force_login(applicant)

    # The applicant's pages come in the language of their account.
    dashboard = client.get(reverse("portal:dashboard"), follow=True).content.decode()
    with translation.override(applicant.language):
        answer_url = reverse("onboarding:answer", args=[registration.pk])
        dashboard_url = reverse("portal:dashboard")
    response = client.post(answer_url, {"note": "Attached.", "evidence": pdf()}, follow=True)

    assert MESSAGE in dashboard and answer_url in dashboard
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.UNDER_REVIEW
    assert Evidence.objects.get(registration=registration).file.name.endswith(".pdf")
    assert AuditEntry.objects.filter(action="registration.resubmitted",
                                     reason="Attached.").exists()
    assert response.redirect_chain[-1][0] == dashboard_url


def test_an_answer_with_a_bad_file_changes_nothing(client, registration, applicant, reviewer):
    request_information(registration=registration, actor=reviewer, message=MESSAGE)
    client.force_login(applicant)

    response = client.post(reverse("onboarding:answer", args=[registration.pk]),
                           {"note": "Here.", "evidence": pdf("x.png", b"not an image")})

    assert response.status_code == 400 and response.context["form"].errors["evidence"]
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.INFORMATION_REQUESTED


def test_another_company_cannot_answer(client, registration, applicant, reviewer):
    request_information(registration=registration, actor=reviewer, message=MESSAGE)
    client.force_login(CompanyUserFactory())

    response = client.post(reverse("onboarding:answer", args=[registration.pk]),
                           {"note": "Hijack."})

    assert response.status_code == 404
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.INFORMATION_REQUESTED


def test_only_a_registration_asked_about_can_be_resubmitted(registration, applicant):
    with pytest.raises(DomainError):
        resubmit_registration(registration=registration, actor=applicant, note="x")


def test_a_resubmitted_registration_can_be_approved(registration, applicant, reviewer,
                                                    organizer):
    from accounts.services import approve_registration

    request_information(registration=registration, actor=reviewer, message=MESSAGE)
    resubmit_registration(registration=registration, actor=applicant, note="Done.",
                          evidence=pdf("scan.png", PNG, "image/png"))

    approved = approve_registration(registration=registration, actor=reviewer)

    assert approved.status == RegistrationStatus.APPROVED


def test_organizers_are_told_of_the_answer_in_their_language(registration, applicant,
                                                             reviewer, organizer):
    organizer.language = "zh-hans"
    organizer.save()
    request_information(registration=registration, actor=reviewer, message=MESSAGE)

    resubmit_registration(registration=registration, actor=applicant,
                          note="  The signed letter is attached.  ")

    email = OutgoingEmail.objects.get(template="registration_answered")
    assert email.recipient == organizer.email and email.language == "zh-hans"
    text = render_email(email).text
    assert "The signed letter is attached." in text
    assert f"/accounts/registration/{registration.pk}/change/" in text
    # The reviewer who asked is staff without the organizer role: the desk lists it for them.
    assert not OutgoingEmail.objects.filter(template="registration_answered",
                                            recipient=reviewer.email).exists()
