"""Every error has one shape: {"error": {"code", "message", "fields"?}}."""

import pytest
from django.test import override_settings
from rest_framework.settings import api_settings

from tests.api.conftest import error_of
from tests.factories import approved

pytestmark = pytest.mark.django_db


def test_anonymous_call_gets_401_with_bearer_challenge(client):
    response = client.get("/api/v1/enterprises/")

    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert error_of(response)["code"] == "not_authenticated"


def test_unknown_path_under_api_is_a_json_404(partner_api):
    response = partner_api.get("/api/v1/no-such-thing/")

    assert response.status_code == 404
    assert error_of(response)["code"] == "not_found"


def test_object_not_found_is_a_json_404(partner_api):
    response = partner_api.get("/api/v1/enterprises/999999/")

    assert response.status_code == 404
    assert error_of(response) == {"code": "not_found", "message": "Not found."}


def test_wrong_method_is_a_json_405(partner_api):
    response = partner_api.delete("/api/v1/enterprises/")

    assert response.status_code == 405
    assert error_of(response)["code"] == "method_not_allowed"


def test_non_json_body_is_a_json_415(partner_api):
    response = partner_api.post("/api/v1/meeting-requests/", "hello", content_type="text/plain")

    assert response.status_code == 415
    assert error_of(response)["code"] == "unsupported_media_type"


def test_malformed_json_is_a_400_not_a_500(partner_api):
    response = partner_api.post("/api/v1/meeting-requests/", "{not json",
                                content_type="application/json")

    assert response.status_code == 400
    assert error_of(response)["code"] == "parse_error"


@pytest.mark.parametrize("message", ["hello\u0000", {"nested": ["a\u0000b"]}])
def test_nul_characters_anywhere_in_a_body_are_a_400_and_nothing_is_written(
        conference, buyer, supplier, supplier_api, message):
    body = {"conference": conference.slug, "recipient": buyer.pk, "purpose": "investment",
            "message": message}

    response = supplier_api.post("/api/v1/meeting-requests/", body, format="json")

    assert response.status_code == 400
    assert error_of(response)["code"] == "parse_error"
    assert "NUL" in error_of(response)["message"]
    assert not supplier.sent_requests.exists()


def test_field_errors_are_listed_by_dotted_name(partner_api, conference):
    response = partner_api.post("/api/v1/registrations/", {
        "conference": conference.slug,
        "enterprise": {"legal_name": "", "country": "XX", "role": "buyer", "fields": []},
        "delegates": [{"full_name": "A", "title": "B", "seniority": "boss", "email": "nope"}],
    }, format="json")

    error = error_of(response)
    assert response.status_code == 400
    assert error["code"] == "invalid"
    assert set(error["fields"]) == {"enterprise.legal_name", "enterprise.country",
                                    "delegates.0.seniority", "delegates.0.email"}


def test_bad_filter_value_is_a_field_error(partner_api):
    response = partner_api.get("/api/v1/meeting-requests/", {"updated_since": "yesterday"})

    assert response.status_code == 400
    assert "updated_since" in error_of(response)["fields"]


def test_domain_refusal_keeps_its_code_as_409(conference, buyer, supplier, supplier_api):
    body = {"conference": conference.slug, "recipient": buyer.pk, "purpose": "investment"}
    supplier_api.post("/api/v1/meeting-requests/", body, format="json")

    response = supplier_api.post("/api/v1/meeting-requests/", body, format="json")

    assert response.status_code == 409
    assert error_of(response)["code"] == "duplicate_request"


def test_too_many_requests_is_a_429_with_retry_after(partner_api):
    rates = {**api_settings.DEFAULT_THROTTLE_RATES, "api": "3/min"}
    with override_settings(REST_FRAMEWORK={**_rest_settings(), "DEFAULT_THROTTLE_RATES": rates}):
        codes = [partner_api.get("/api/v1/conferences/").status_code for _ in range(4)]
        response = partner_api.get("/api/v1/conferences/")

    assert codes == [200, 200, 200, 429]
    assert int(response["Retry-After"]) > 0
    assert error_of(response)["code"] == "throttled"


def test_throttle_counts_each_key_separately(conference, partner_api):
    from tests.api.conftest import bearer, partner_key

    other = bearer(partner_key(conference)[1])
    rates = {**api_settings.DEFAULT_THROTTLE_RATES, "api": "2/min"}
    with override_settings(REST_FRAMEWORK={**_rest_settings(), "DEFAULT_THROTTLE_RATES": rates}):
        for _ in range(3):
            partner_api.get("/api/v1/conferences/")
        assert other.get("/api/v1/conferences/").status_code == 200


def test_unapproved_company_cannot_send_requests(conference, buyer):
    from tests.api.conftest import company_client

    pending = approved(conference).enterprise
    pending.registrations.update(status="submitted")
    api = company_client(pending)

    response = api.post("/api/v1/meeting-requests/", {
        "conference": conference.slug, "recipient": buyer.pk, "purpose": "investment"},
        format="json")

    assert response.status_code == 400
    assert "recipient" in error_of(response)["fields"]


def _rest_settings():
    from django.conf import settings

    return settings.REST_FRAMEWORK
