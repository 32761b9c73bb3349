"""Every door that takes a file checks it by content, name and size (matchmaking/uploads.py):
an HTML page, an SVG with a script, a program renamed .pdf, a GIF/HTML polyglot, a PNG
named .pdf and an oversized file are refused with a field error at each door, and a
request body above MAX_REQUEST_MB is a 413 before it is read."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import Evidence
from events.models import ConferenceStatus
from matchmaking.exhibition.models import Hall
from matchmaking.onboarding.models import Application
from tests.api.conftest import bearer, error_of, partner_key
from tests.factories import IndustryFieldFactory, approved
from tests.onboarding.helpers import PDF, PNG, application_data
from tests.portal.conftest import client_for
from tests.portal.test_profile import profile_data

pytestmark = pytest.mark.django_db

HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = (b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg">'
       b"<script>alert(1)</script></svg>")
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 120
POLYGLOT = b"GIF89a/*" + HTML  # a GIF header, then a page
BAD = {
    "html": ("page.html", HTML, "not a"),
    "svg": ("drawing.svg", SVG, "not a"),
    "svg named png": ("drawing.png", SVG, "not a"),
    "program named pdf": ("letter.pdf", ELF, "not a"),
    "polyglot": ("letter.gif", POLYGLOT, "damaged or not really a GIF"),
    "png named pdf": ("letter.pdf", PNG, "but its name ends in “.pdf”"),
}
IMAGE_BAD = {**{k: v for k, v in BAD.items() if k != "polyglot"},
             "polyglot": ("plan.png", b"\x89PNG\r\n\x1a\n" + HTML, "damaged or not really")}


@pytest.fixture(autouse=True)
def storage(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_STORAGE_ROOT = tmp_path / "private"


def upload(name, content):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def big_pdf(settings):
    settings.UPLOAD_DOCUMENT_MAX_MB = 0.01
    return "big.pdf", PDF + b"0" * 20_000, "at most 0.01 MB"


# --- registration evidence in the admin -------------------------------------------------

def post_evidence(client, registration, name, content):
    url = reverse("admin:accounts_registration_change", args=[registration.pk])
    form = client.get(url).context["adminform"].form
    data = {field: form.initial.get(field) or "" for field in form.fields}
    data.update({"evidence-TOTAL_FORMS": "1", "evidence-INITIAL_FORMS": "0",
                 "evidence-MIN_NUM_FORMS": "0", "evidence-MAX_NUM_FORMS": "1000",
                 "evidence-0-description": "Contract letter",
                 "evidence-0-file": upload(name, content),
                 "events-auditentry-content_type-object_id-TOTAL_FORMS": "0",
                 "events-auditentry-content_type-object_id-INITIAL_FORMS": "0"})
    return client.post(url, data)


@pytest.mark.parametrize("case", [*BAD, "too large"])
def test_admin_evidence_refuses_bad_files(organizer_client, conference, settings, case):
    name, content, words = big_pdf(settings) if case == "too large" else BAD[case]

    response = post_evidence(organizer_client, approved(conference), name, content)

    (formset,) = [f.formset for f in response.context["inline_admin_formsets"]
                  if f.formset.prefix == "evidence"]
    assert words in " ".join(formset.errors[0]["file"])
    assert not Evidence.objects.exists()


def test_admin_evidence_takes_a_pdf(organizer_client, conference):
    response = post_evidence(organizer_client, approved(conference), "letter.pdf", PDF)

    assert response.status_code == 302
    assert Evidence.objects.get().file.read().startswith(b"%PDF-")


# --- the public application form --------------------------------------------------------

@pytest.mark.parametrize("case", [*BAD, "too large"])
def test_application_evidence_refuses_bad_files(client, conference, settings, case):
    conference.status = ConferenceStatus.REGISTRATION_OPEN
    conference.save()
    name, content, words = big_pdf(settings) if case == "too large" else BAD[case]
    data = {**application_data(IndustryFieldFactory()),
            "enterprise-evidence": upload(name, content)}

    response = client.post(reverse("onboarding:apply", args=[conference.slug]), data)

    assert response.status_code == 400
    assert words in " ".join(response.context["form"].errors["evidence"])
    assert not Application.objects.exists()


# --- the company's logo on the profile page ---------------------------------------------

@pytest.mark.parametrize("case", [*IMAGE_BAD, "too large"])
def test_logo_refuses_bad_files(client, conference, settings, case):
    buyer = approved(conference).enterprise
    client_for(client, buyer)
    if case == "too large":
        settings.UPLOAD_IMAGE_MAX_MB = 0.01
        name, content, words = "logo.png", PNG + b"\x00" * 20_000, "at most 0.01 MB"
    else:
        name, content, words = IMAGE_BAD[case]

    response = client.post("/accounts/profile/", profile_data(
        buyer, **{"profile-logo": upload(name, content)}))

    assert response.status_code == 400
    errors = " ".join(response.context["form"].errors["logo"])
    assert words in errors or "Upload a valid image" in errors
    buyer.refresh_from_db()
    assert not buyer.logo


# --- the hall plan in the admin ---------------------------------------------------------

def post_hall(client, conference, name, content):
    return client.post(reverse("admin:exhibition_hall_add"), {
        "conference": conference.pk, "name": "Hall A", "name_zh": "", "position": "0",
        "plan": upload(name, content),
        "booths-TOTAL_FORMS": "0", "booths-INITIAL_FORMS": "0",
        "booths-MIN_NUM_FORMS": "0", "booths-MAX_NUM_FORMS": "1000"})


@pytest.mark.parametrize("case", [*IMAGE_BAD, "too large"])
def test_hall_plan_refuses_bad_files(organizer_client, conference, settings, case):
    if case == "too large":
        settings.UPLOAD_IMAGE_MAX_MB = 0.01
        name, content, words = "plan.png", PNG + b"\x00" * 20_000, "at most 0.01 MB"
    else:
        name, content, words = IMAGE_BAD[case]

    response = post_hall(organizer_client, conference, name, content)

    assert response.status_code == 200
    errors = " ".join(response.context["adminform"].form.errors["plan"])
    assert words in errors or "Upload a valid image" in errors
    assert not Hall.objects.exists()


def test_hall_plan_takes_a_png(organizer_client, conference):
    response = post_hall(organizer_client, conference, "plan.png", PNG)

    assert response.status_code == 302
    assert Hall.objects.get().plan.name.endswith(".png")


# --- bodies above MAX_REQUEST_MB, and the API -------------------------------------------

def test_a_100_mb_body_is_a_413_page_before_it_is_read(client, conference, settings):
    settings.MAX_REQUEST_MB = 25
    conference.status = ConferenceStatus.REGISTRATION_OPEN
    conference.save()

    response = client.generic("POST", reverse("onboarding:apply", args=[conference.slug]),
                              b"x" * 100, content_type="multipart/form-data; boundary=x",
                              CONTENT_LENGTH=str(100 * 1024 * 1024))

    assert response.status_code == 413
    assert "The request is 100 MB; at most 25 MB can be sent." in response.content.decode()
    assert not Application.objects.exists()


def test_a_100_mb_body_to_the_api_is_a_413_in_the_api_shape(conference):
    _partner, raw = partner_key(conference)

    response = bearer(raw).generic("POST", "/api/v1/meeting-requests/", b"{}",
                                   content_type="application/json",
                                   CONTENT_LENGTH=str(100 * 1024 * 1024))

    assert response.status_code == 413
    assert error_of(response)["code"] == "too_large"


def test_the_api_takes_no_files(conference):
    _partner, raw = partner_key(conference)

    response = bearer(raw).post("/api/v1/meeting-requests/",
                                {"file": upload("letter.pdf", PDF)}, format="multipart")

    assert response.status_code == 415
    assert error_of(response)["code"] == "unsupported_media_type"
