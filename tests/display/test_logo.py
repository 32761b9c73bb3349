"""A company's logo: PNG, JPEG or WebP by content, at most 2 MB, re-encoded as a PNG by
the profile service and shown beside the company's name."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from accounts.services import update_enterprise
from accounts.services.logos import MAX_BYTES
from events.errors import DomainError
from events.models import AuditEntry
from tests.portal.conftest import client_for
from tests.portal.test_profile import profile_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def image_file(kind="PNG", size=(800, 600), name=None) -> SimpleUploadedFile:
    # Named as what it is: a name that disagrees with the content is refused.
    name = name or f"logo.{kind.lower()}"
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, format=kind)
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


@pytest.mark.parametrize("kind", ["PNG", "JPEG", "WEBP"])
def test_a_logo_is_reencoded_as_a_small_png(buyer, kind):
    update_enterprise(enterprise=buyer, actor=None, data={"logo": image_file(kind)})

    buyer.refresh_from_db()
    with Image.open(buyer.logo.path) as stored:
        assert stored.format == "PNG" and max(stored.size) == 400


def test_a_file_named_png_that_is_not_an_image_is_refused(buyer):
    fake = SimpleUploadedFile("logo.png", b"<script>alert(1)</script>" * 10,
                              content_type="image/png")

    with pytest.raises(DomainError) as refused:
        update_enterprise(enterprise=buyer, actor=None, data={"logo": fake})

    assert "not a PNG, JPEG or WebP" in refused.value.fields["logo"][0]
    buyer.refresh_from_db()
    assert not buyer.logo


def test_a_gif_is_refused_by_its_content(buyer):
    with pytest.raises(DomainError) as refused:
        update_enterprise(enterprise=buyer, actor=None,
                          data={"logo": image_file("GIF", name="logo.png")})

    assert "logo" in refused.value.fields


def test_a_logo_over_2_mb_is_refused(buyer):
    big = SimpleUploadedFile("logo.png", b"\x89PNG" + b"0" * MAX_BYTES, content_type="image/png")

    with pytest.raises(DomainError) as refused:
        update_enterprise(enterprise=buyer, actor=None, data={"logo": big})

    assert "at most 2 MB" in refused.value.fields["logo"][0]


def test_profile_page_uploads_a_logo_and_the_directory_shows_it(client, buyer, supplier):
    client_for(client, supplier)
    data = profile_data(supplier)
    data["profile-logo"] = image_file()

    response = client.post("/accounts/profile/", data)

    supplier.refresh_from_db()
    assert response.status_code == 302 and supplier.logo.name.endswith(".png")
    client_for(client, buyer)
    assert supplier.logo.url in client.get("/portal/directory/").content.decode()


def test_profile_page_shows_a_bad_logo_as_a_field_error(client, buyer):
    client_for(client, buyer)
    data = profile_data(buyer)
    data["profile-logo"] = SimpleUploadedFile("logo.webp", b"RIFF0000WEBPnot really",
                                              content_type="image/webp")

    response = client.post("/accounts/profile/", data)

    assert response.status_code == 400 and "logo" in response.context["form"].errors


def test_a_logo_uploaded_with_a_vetted_change_survives_the_confirmation(client, buyer):
    client_for(client, buyer)
    post = profile_data(buyer, **{"profile-contract_value_usd": 20_000_000,
                                  "profile-logo": image_file("JPEG")})

    asked = client.post("/accounts/profile/", post)

    buyer.refresh_from_db()
    assert asked.templates[0].name == "accounts/profile_confirm.html"
    assert "Your new logo is saved already" in asked.content.decode()
    assert buyer.logo and buyer.contract_value_usd == 10_000_000
    assert buyer.registrations.get().status == "approved"
    logo = buyer.logo.name

    # The confirmation page posts the form again, without the file.
    confirmed = client.post("/accounts/profile/", profile_data(
        buyer, **{"profile-contract_value_usd": 20_000_000, "confirm": "yes"}))

    buyer.refresh_from_db()
    assert confirmed.status_code == 302
    assert buyer.logo.name == logo and buyer.contract_value_usd == 20_000_000
    assert buyer.registrations.get().status == "under_review"


def test_discarding_the_vetted_change_keeps_the_logo_saved_at_once(client, buyer):
    client_for(client, buyer)

    client.post("/accounts/profile/", profile_data(
        buyer, **{"profile-contract_value_usd": 20_000_000,
                  "profile-logo": image_file("PNG")}))

    buyer.refresh_from_db()
    assert buyer.logo and buyer.contract_value_usd == 10_000_000
    entry = AuditEntry.objects.filter(action="enterprise.update").latest("pk")
    assert set(entry.data["fields"]) == {"logo"}


def test_a_bad_logo_with_a_vetted_change_is_a_field_error_and_saves_nothing(client, buyer):
    client_for(client, buyer)
    too_big = SimpleUploadedFile("big.png", b"\x89PNG" + b"0" * (MAX_BYTES + 1))

    response = client.post("/accounts/profile/", profile_data(
        buyer, **{"profile-contract_value_usd": 20_000_000, "profile-logo": too_big}))

    buyer.refresh_from_db()
    assert response.status_code == 400 and "logo" in response.context["form"].errors
    assert not buyer.logo and buyer.contract_value_usd == 10_000_000
