"""The query parameters schemathesis found accepted or refused against the schema: given
but empty, out of range or with a NUL, each is a 400 with a field error in the one error
shape; the documented values still work."""

import pytest

from tests.api.conftest import error_of

pytestmark = pytest.mark.django_db

REFUSED = [
    ("enterprises/?updated_since=", "updated_since"),
    ("slots/?starts_before=", "starts_before"),
    ("conferences/?page_size=0", "page_size"),
    ("tables/?page_size=null&page_size=null", "page_size"),
    ("conferences/?page_size=201", "page_size"),
    ("conferences/?status=", "status"),
    ("outcomes/?result=", "result"),
    ("tables/?is_active=null", "is_active"),
    ("webhooks/?is_active=0", "is_active"),
    ("slots/?conference=a%00b", "conference"),
    ("delegates/?enterprise=0", "enterprise"),
    ("delegates/?enterprise=", "enterprise"),
    ("delegates/?enterprise=1&enterprise=2", "enterprise"),
    ("conferences/?status=closed&status=draft", "status"),
]


@pytest.mark.parametrize(("query", "field"), REFUSED)
def test_bad_query_parameter_is_a_field_error(partner_api, query, field):
    response = partner_api.get(f"/api/v1/{query}")
    assert response.status_code == 400
    assert list(error_of(response)["fields"]) == [field]


def test_documented_values_are_accepted(partner_api, conference):
    response = partner_api.get(
        f"/api/v1/conferences/?page_size=1&status={conference.status}&slug={conference.slug}")
    assert [row["slug"] for row in response.json()["results"]] == [conference.slug]
    assert partner_api.get("/api/v1/tables/?is_active=true&page_size=200").json()["next"] is None


def test_a_webhook_is_switched_off_by_json_false_only(partner_api):
    created = partner_api.post("/api/v1/webhooks/", {"url": "https://crm.example.com/hook"},
                               format="json").json()
    refused = partner_api.patch(f"/api/v1/webhooks/{created['id']}/", {"is_active": 0},
                                format="json")
    assert list(error_of(refused)["fields"]) == ["is_active"]
    switched = partner_api.patch(f"/api/v1/webhooks/{created['id']}/", {"is_active": False},
                                 format="json")
    assert switched.json()["is_active"] is False


def test_the_schema_documents_the_limits_it_enforces(client):
    schema = client.get("/api/v1/schema/?format=json").json()
    parameters = {p["name"]: p["schema"]
                  for p in schema["paths"]["/api/v1/delegates/"]["get"]["parameters"]}
    assert parameters["enterprise"]["minimum"] == 1
    assert (parameters["page_size"]["minimum"], parameters["page_size"]["maximum"]) == (1, 200)
