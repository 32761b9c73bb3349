"""The API reads and writes both languages of a profile and shows the logo's address."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from accounts.models import Enterprise
from accounts.services import update_enterprise
from events.models import AuditEntry
from tests.api.conftest import error_of
from tests.api.test_writes import registration_body

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_directory_shows_both_languages_and_the_logo_address(partner_api, buyer):
    out = io.BytesIO()
    Image.new("RGB", (120, 80), (10, 120, 200)).save(out, format="PNG")
    update_enterprise(enterprise=buyer, actor=None, data={
        "needs_zh": "软件测试", "description_zh": "多伦多的软件公司",
        "logo": SimpleUploadedFile("logo.png", out.getvalue())})
    buyer.refresh_from_db()

    entry = partner_api.get(f"/api/v1/enterprises/{buyer.pk}/").json()

    assert (entry["needs_zh"], entry["description_zh"], entry["offers_zh"]) == (
        "软件测试", "多伦多的软件公司", "")
    assert entry["logo_url"] == f"http://testserver/media/{buyer.logo.name}"


def test_an_enterprise_without_a_logo_has_a_null_logo_address(partner_api, supplier):
    assert partner_api.get(f"/api/v1/enterprises/{supplier.pk}/").json()["logo_url"] is None


def test_a_registration_writes_the_chinese_profile_through_the_service(conference,
                                                                       partner_api):
    body = registration_body(conference, needs="cloud testing", needs_zh="云测试",
                             offers_zh="数据分析", description_zh="慕尼黑的软件公司")

    response = partner_api.post("/api/v1/registrations/", body, format="json")

    assert response.status_code == 201, response.content
    enterprise = Enterprise.objects.get(legal_name="Lakeside Software GmbH")
    saved = (enterprise.needs, enterprise.needs_zh, enterprise.offers_zh,
             enterprise.description_zh)
    assert saved == ("cloud testing", "云测试", "数据分析", "慕尼黑的软件公司")
    assert response.json()["enterprise"]["needs_zh"] == "云测试"
    audit = AuditEntry.objects.get(action="enterprise.create", object_id=str(enterprise.pk))
    assert "needs_zh" in str(audit.data)


def test_a_chinese_text_over_the_limit_is_a_field_error(conference, partner_api):
    body = registration_body(conference, offers_zh="测" * 1001)

    response = partner_api.post("/api/v1/registrations/", body, format="json")

    assert response.status_code == 400
    assert "enterprise.offers_zh" in error_of(response)["fields"]
    assert not Enterprise.objects.filter(legal_name="Lakeside Software GmbH").exists()


def test_the_logo_address_cannot_be_written(conference, partner_api):
    body = registration_body(conference, logo_url="https://evil.example/x.png",
                             logo="https://evil.example/x.png")

    response = partner_api.post("/api/v1/registrations/", body, format="json")

    assert response.status_code == 201, response.content
    assert not Enterprise.objects.get(legal_name="Lakeside Software GmbH").logo
    assert response.json()["enterprise"]["logo_url"] is None
