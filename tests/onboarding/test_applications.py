"""The public application form: good and bad input in both languages, e-mail
confirmation creating the account and the registration, duplicates, rate limit, honeypot,
and who may download the evidence."""

import datetime as dt
import os

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import Evidence, Registration, RegistrationStatus, User
from events.models import ConferenceStatus
from matchmaking.onboarding.models import Application
from matchmaking.onboarding.tasks import discard_expired
from matchmaking.outbox.models import OutgoingEmail
from tests.factories import CompanyUserFactory, EnterpriseFactory, IndustryFieldFactory
from tests.onboarding.helpers import PASSWORD, PNG, application_data, confirm_path, pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_conference(conference):
    conference.status = ConferenceStatus.REGISTRATION_OPEN
    conference.name_zh = "第一百届服务外包大会"
    conference.save()
    return conference


@pytest.fixture
def field(db):
    return IndustryFieldFactory()


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    cache.clear()


def url(conference, language="en"):
    path = reverse("onboarding:apply", args=[conference.slug])
    return f"/zh-hans{path}" if language == "zh-hans" else path


def post(client, conference, data, *, language="en", evidence=None):
    files = {"enterprise-evidence": evidence} if evidence is not None else {}
    return client.post(url(conference, language), {**data, **files})


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_form_shows_the_conference_name_in_the_readers_language(client, open_conference,
                                                                  language):
    page = client.get(url(open_conference, language)).content.decode()

    expected = "第一百届服务外包大会" if language == "zh-hans" else open_conference.name
    assert expected in page
    assert 'name="enterprise-homepage"' in page and 'class="hp"' in page


def test_the_landing_page_links_to_the_form_of_conferences_taking_applications(
        client, open_conference):
    from tests.factories import ConferenceFactory

    closed = ConferenceFactory(status=ConferenceStatus.MATCHMAKING_OPEN)

    page = client.get("/zh-hans/").content.decode()

    assert f'href="/zh-hans/apply/{open_conference.slug}/"' in page
    assert "第一百届服务外包大会" in page and f"/apply/{closed.slug}/" not in page


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_a_good_application_waits_for_the_email_confirmation(client, open_conference, field,
                                                             language):
    response = post(client, open_conference, application_data(field), language=language,
                    evidence=pdf())

    assert response.status_code == 200
    application = Application.objects.get()
    assert application.language == language and application.privacy_notice_version
    assert application.consented_at is not None
    assert application.evidence.name.endswith(".pdf")
    assert not application.evidence.path.startswith(str(open_conference.pk))
    # Nothing exists until the address is confirmed.
    assert not Registration.objects.exists() and not User.objects.exists()
    email = OutgoingEmail.objects.get(template="application_confirm")
    assert email.language == language and email.recipient == "anna@maple.example"
    # The rules are evaluated at once and shown.
    assert "rule-passed" in response.content.decode()


def test_the_rules_an_application_fails_are_shown_to_the_applicant(client, open_conference,
                                                                   field):
    data = application_data(field, **{"enterprise-contract_value_usd": "5000000"})

    response = post(client, open_conference, data)

    page = response.content.decode()
    assert 'class="rule-failed"' in page and "5,000,000" in page


def test_confirming_creates_account_enterprise_registration_and_evidence(
        client, open_conference, field, settings, django_capture_on_commit_callbacks):
    post(client, open_conference, application_data(field), language="zh-hans", evidence=pdf())
    path = confirm_path("anna@maple.example")
    assert path.startswith("/zh-hans/")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(path, {"password1": PASSWORD, "password2": PASSWORD},
                               follow=True)

    assert response.redirect_chain[-1][0].endswith(reverse("portal:dashboard"))
    user = User.objects.get(email="anna@maple.example")
    assert response.wsgi_request.user == user and user.language == "zh-hans"
    registration = Registration.objects.get(enterprise=user.enterprise)
    assert registration.status == RegistrationStatus.SUBMITTED and registration.passes_rules
    assert user.enterprise.delegates.count() == 2
    evidence = Evidence.objects.get(registration=registration)
    assert evidence.file.path.startswith(str(settings.PRIVATE_STORAGE_ROOT))
    assert not evidence.file.path.startswith(str(settings.MEDIA_ROOT))
    application = Application.objects.get()
    assert application.registration == registration
    # The pending copy is gone once the evidence row holds the document.
    assert not application.evidence
    assert len(list((settings.PRIVATE_STORAGE_ROOT / "applications").rglob("*.pdf"))) == 0
    # The consent given on the form is the account's first consent, with its version.
    assert list(user.consents.values_list("version", flat=True)) == [
        application.privacy_notice_version]
    received = OutgoingEmail.objects.get(template="application_received")
    assert received.recipient == "anna@maple.example" and received.language == "zh-hans"
    # The portal shows the status.
    assert "已提交" in response.content.decode() or "Submitted" in response.content.decode()
    # The link works once.
    client.logout()
    again = client.get(path)
    assert again.status_code == 404


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_a_file_that_is_not_a_pdf_or_image_by_content_is_refused(client, open_conference,
                                                                 field, language):
    disguised = pdf("contract.pdf", b"MZ\x90\x00 this is a windows program")

    response = post(client, open_conference, application_data(field), language=language,
                    evidence=disguised)

    assert response.status_code == 400
    assert response.context["form"].errors["evidence"]
    assert not Application.objects.exists()


def test_an_image_is_accepted(client, open_conference, field):
    post(client, open_conference, application_data(field),
         evidence=pdf("letter.png", PNG, "image/png"))

    assert Application.objects.get().evidence.name.endswith(".png")


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_a_file_over_10_mb_is_refused(client, open_conference, field, language):
    big = pdf(content=b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024))

    response = post(client, open_conference, application_data(field), language=language,
                    evidence=big)

    assert response.status_code == 400
    message = " ".join(response.context["form"].errors["evidence"])
    assert ("10 MB" in message)
    assert not Application.objects.exists()


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_missing_consent_is_a_form_error(client, open_conference, field, language):
    data = application_data(field, **{"enterprise-consent": None})

    response = post(client, open_conference, data, language=language)

    assert response.status_code == 400
    assert response.context["form"].errors["consent"]
    assert not Application.objects.exists()


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_an_enterprise_already_registered_is_a_form_error(client, open_conference, field,
                                                          language):
    EnterpriseFactory(legal_name="Maple Analytics Inc.")

    response = post(client, open_conference, application_data(field), language=language)

    assert response.status_code == 400
    assert response.context["form"].errors["legal_name"]
    assert not Application.objects.exists()


def test_foreign_buyer_without_contract_value_is_a_form_error(client, open_conference, field):
    data = application_data(field, **{"enterprise-contract_value_usd": ""})

    response = post(client, open_conference, data)

    assert response.context["form"].errors["contract_value_usd"]


def test_likely_duplicates_are_flagged_for_the_reviewer(client, open_conference, field,
                                                        reviewer):
    same_site = EnterpriseFactory(legal_name="Maple Analytics Incorporated Canada",
                                  website="http://maple.example/")
    same_name = EnterpriseFactory(legal_name="MAPLE ANALYTICS, LTD.")
    same_mail = CompanyUserFactory(email="wang@maple.example").enterprise
    post(client, open_conference, application_data(field))
    client.post(confirm_path("anna@maple.example"),
                {"password1": PASSWORD, "password2": PASSWORD})

    flagged = {d["enterprise"]: d["reasons"] for d in Application.objects.get().duplicates}
    assert flagged == {same_site.pk: ["website"], same_name.pk: ["legal name"],
                       same_mail.pk: ["e-mail"]}
    registration = Registration.objects.get(enterprise__legal_name="Maple Analytics Inc.")
    organizer_client = Client()
    organizer_client.force_login(reviewer)
    listing = organizer_client.get(reverse("admin:accounts_registration_changelist"),
                                   {"duplicate": "yes"})
    assert list(listing.context["cl"].result_list) == [registration]
    page = organizer_client.get(reverse("admin:accounts_registration_change",
                                        args=[registration.pk])).content.decode()
    assert "MAPLE ANALYTICS, LTD." in page and "same website" in page


def test_the_form_is_rate_limited(client, open_conference, field, settings):
    settings.APPLICATION_RATE_PER_HOUR = 2
    for _ in range(2):
        post(client, open_conference, application_data(field, **{"enterprise-consent": None}))

    response = post(client, open_conference, application_data(field))

    assert response.status_code == 429
    assert not Application.objects.exists()


def test_the_honeypot_pretends_success_and_keeps_nothing(client, open_conference, field):
    data = application_data(field, **{"enterprise-homepage": "http://spam.example"})

    response = post(client, open_conference, data)

    assert response.status_code == 200
    assert not Application.objects.exists() and not OutgoingEmail.objects.exists()


def test_a_conference_not_open_for_registration_takes_no_application(client, conference,
                                                                     field):
    response = post(client, conference, application_data(field))

    assert response.status_code == 404
    assert not Application.objects.exists()


def confirmed_evidence(client, conference, field) -> Evidence:
    post(client, conference, application_data(field), evidence=pdf())
    client.post(confirm_path("anna@maple.example"),
                {"password1": PASSWORD, "password2": PASSWORD})
    client.logout()
    return Evidence.objects.get()


def test_organizers_and_reviewers_download_the_evidence_as_an_attachment(
        client, open_conference, field, organizer, reviewer):
    evidence = confirmed_evidence(client, open_conference, field)
    for staff in (organizer, reviewer):
        client.force_login(staff)

        response = client.get(evidence.file.url)

        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment;")
        assert response["Content-Type"] == "application/pdf"
        assert b"".join(response.streaming_content).startswith(b"%PDF-")
        # The registration's admin page links to the checked view, not to a media path.
        change = client.get(reverse("admin:accounts_registration_change",
                                    args=[evidence.registration_id])).content.decode()
        assert f'href="{evidence.file.url}"' in change


def test_nobody_else_reaches_the_evidence(client, open_conference, field, settings):
    evidence = confirmed_evidence(client, open_conference, field)
    assert "/media/" not in evidence.file.url

    anonymous = client.get(evidence.file.url)
    client.force_login(User.objects.get(email="anna@maple.example"))
    applicant = client.get(evidence.file.url)
    client.force_login(CompanyUserFactory())
    other = client.get(evidence.file.url)

    assert anonymous.status_code == 302 and "/admin/login/" in anonymous["Location"]
    assert applicant.status_code == other.status_code == 403
    # Nor by guessing a path in the media folder.
    assert client.get(f"/media/{evidence.file.name}").status_code == 404


def test_applications_never_confirmed_are_discarded_with_their_evidence_after_the_link_expires(
        client, open_conference, field, settings, django_capture_on_commit_callbacks):
    post(client, open_conference, application_data(field), evidence=pdf())
    stale = Application.objects.get()
    evidence = stale.evidence.path
    post(client, open_conference, application_data(
        field, **{"enterprise-contact_email": "bo@fresh.example",
                  "enterprise-legal_name": "Fresh Ltd"}))
    fresh = Application.objects.exclude(pk=stale.pk).get()
    too_old = timezone.now() - dt.timedelta(hours=settings.APPLICATION_CONFIRM_HOURS, minutes=1)
    Application.objects.filter(pk=stale.pk).update(created_at=too_old)

    with django_capture_on_commit_callbacks(execute=True):
        assert discard_expired() == 1
    assert discard_expired() == 0

    assert list(Application.objects.all()) == [fresh]
    assert not os.path.exists(evidence)
