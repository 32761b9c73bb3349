import hashlib
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from accounts import keys
from accounts.models import ApiKey, Partner
from tests.api.conftest import bearer, error_of, partner_key
from tests.factories import ConferenceFactory

pytestmark = pytest.mark.django_db


def run_command(*args) -> str:
    out = io.StringIO()
    call_command("create_partner_key", *args, stdout=out)
    return out.getvalue()


def test_create_partner_key_prints_the_key_once_and_stores_only_its_hash(conference):
    output = run_command("Jiangsu Portal", "--conference", conference.slug, "--scope", "write")

    raw = output.strip().splitlines()[-1]
    key = ApiKey.objects.get()
    assert raw.startswith(f"mk_{key.prefix}_")
    assert key.key_hash == hashlib.sha256(raw.encode()).hexdigest()
    assert raw not in key.key_hash and key.scope == "write"
    assert list(key.conferences.all()) == [conference]
    assert list(key.partner.conferences.all()) == [conference]
    assert key.partner.name == "Jiangsu Portal" and not key.partner.is_organizer


def test_create_partner_key_with_organizer_flag_makes_an_organizer_system(conference):
    run_command("Organizer Office", "--conference", str(conference.edition), "--organizer")

    assert Partner.objects.get(name="Organizer Office").is_organizer
    assert ApiKey.objects.get().scope == "read"


@pytest.mark.parametrize("args, message", [
    (["P", "--conference", "nope"], "No conference 'nope'"),
    (["P", "--conference", "{slug}", "--scope", "admin"], "--scope must be read or write"),
    (["P"], "Name at least one conference"),
    (["", "--conference", "{slug}"], "1 to 120 characters"),
])
def test_create_partner_key_rejects_bad_input_with_exit_status_2(conference, args, message):
    args = [a.format(slug=conference.slug) for a in args]

    with pytest.raises(CommandError) as error:
        run_command(*args)

    assert error.value.returncode == 2
    assert message in str(error.value)
    assert "\n" not in str(error.value)
    assert not ApiKey.objects.exists()


def test_revoked_key_is_refused_with_401(conference):
    _partner, raw = partner_key(conference)
    api = bearer(raw)
    assert api.get("/api/v1/conferences/").status_code == 200

    keys.revoke_api_key(key=ApiKey.objects.get())
    response = api.get("/api/v1/conferences/")

    assert response.status_code == 401
    assert error_of(response)["code"] == "authentication_failed"


def test_key_with_a_wrong_secret_is_refused(conference):
    _partner, raw = partner_key(conference)
    forged = raw[:-4] + ("AAAA" if not raw.endswith("AAAA") else "BBBB")

    response = bearer(forged).get("/api/v1/conferences/")

    assert response.status_code == 401


def test_x_api_key_header_works_like_bearer(client, conference):
    _partner, raw = partner_key(conference)

    response = client.get("/api/v1/me/", HTTP_X_API_KEY=raw)

    assert response.status_code == 200
    assert response.json()["conferences"] == [conference.slug]


def test_using_a_key_records_its_last_use(conference):
    _partner, raw = partner_key(conference)

    bearer(raw).get("/api/v1/me/")

    assert ApiKey.objects.get().last_used_at is not None


def test_key_for_two_conferences_sees_only_those_its_partner_also_has(conference):
    other = ConferenceFactory()
    partner, _raw = partner_key(conference)
    _key, raw = keys.create_api_key(name="k", scope="read", partner=partner,
                                    conferences=[conference, other])

    response = bearer(raw).get("/api/v1/conferences/")

    assert [c["slug"] for c in response.json()["results"]] == [conference.slug]


def test_company_user_session_reads_and_needs_csrf_to_write(conference):
    from rest_framework.test import APIClient

    from tests.factories import CompanyUserFactory, approved

    buyer = approved(conference).enterprise
    user = CompanyUserFactory(enterprise=buyer)
    user.save()  # the factory sets the password without saving it
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(user)

    read = client.get("/api/v1/me/")
    write = client.post("/api/v1/delegates/", {"enterprise": buyer.pk}, format="json")

    assert read.status_code == 200, read.content
    assert read.json()["kind"] == "company" and read.json()["enterprise"] == buyer.pk
    assert write.status_code == 403 and "CSRF" in error_of(write)["message"]


def test_staff_session_is_sent_to_the_admin(organizer_client):
    response = organizer_client.get("/api/v1/conferences/")

    assert response.status_code == 403
    assert "admin" in error_of(response)["message"]
