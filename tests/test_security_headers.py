"""Content-Security-Policy and Permissions-Policy on every page, and templates that
need no inline script or style to work under it (issue 13)."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from events.models import ConferenceStatus
from matchmaking.security import PERMISSIONS_POLICY
from tests.factories import CompanyUserFactory, approved

STRICT = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
          "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'")


def directives_of(policy: str) -> dict[str, str]:
    return dict(part.strip().split(" ", 1) for part in policy.split(";"))


def directives(response) -> dict[str, str]:
    return directives_of(response["Content-Security-Policy"])


@pytest.fixture
def company_client(client, conference):
    user = CompanyUserFactory(enterprise=approved(conference).enterprise)
    user.save()
    client.force_login(user)
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("path", [
    "/", "/accounts/login/", "/zh-hans/accounts/login/", "/healthz", "/no-such-page/"])
def test_anonymous_pages_carry_the_strict_policy(client, path):
    response = client.get(path)

    assert response["Content-Security-Policy"] == STRICT
    assert response["Permissions-Policy"] == PERMISSIONS_POLICY


@pytest.mark.django_db
def test_the_application_form_carries_the_strict_policy(client, conference):
    conference.status = ConferenceStatus.REGISTRATION_OPEN
    conference.save()

    response = client.get(f"/apply/{conference.slug}/")

    assert response.status_code == 200
    assert response["Content-Security-Policy"] == STRICT


@pytest.mark.parametrize("path", ["/portal/", "/portal/directory/", "/portal/agenda/",
                                  "/portal/requests/", "/zh-hans/portal/directory/"])
def test_portal_pages_carry_the_strict_policy(company_client, path):
    response = company_client.get(path)

    assert response.status_code == 200
    assert response["Content-Security-Policy"] == STRICT
    assert response["Permissions-Policy"] == PERMISSIONS_POLICY


def test_check_in_desk_may_use_the_camera_and_nothing_else(organizer_client, conference):
    response = organizer_client.get(f"/onsite/{conference.edition}/check-in/")

    assert response.status_code == 200
    assert response["Content-Security-Policy"] == STRICT
    features = dict(item.split("=") for item in response["Permissions-Policy"].split(", "))
    assert features.pop("camera") == "(self)"
    assert {"microphone", "geolocation", "payment", "usb"} <= features.keys()
    assert set(features.values()) == {"()"}


@pytest.mark.parametrize("path", ["/admin/", "/admin/accounts/registration/",
                                  "/zh-hans/admin/"])
def test_admin_relaxes_inline_styles_only(organizer_client, path):
    response = organizer_client.get(path)

    assert response.status_code == 200
    policy = directives(response)
    assert policy["style-src"] == "'self' 'unsafe-inline'"
    assert policy["script-src"] == "'self'"
    assert {k: v for k, v in policy.items() if k != "style-src"} == {
        k: v for k, v in directives_of(STRICT).items() if k != "style-src"}
    assert response["Permissions-Policy"] == PERMISSIONS_POLICY


@pytest.mark.django_db
def test_api_docs_run_no_inline_script(client):
    page = client.get("/api/v1/docs/")
    script = client.get("/api/v1/docs/?script=")

    assert page.status_code == 200
    assert not re.search(r"<script(?![^>]*\bsrc=)", page.content.decode())
    assert directives(page)["script-src"] == "'self'"
    assert directives(page)["img-src"] == "'self' data:"
    assert script["Content-Type"] == "application/javascript"
    assert b"SwaggerUIBundle" in script.content


# --- templates -------------------------------------------------------------------------

INLINE = [
    ("inline <script>", re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I)),
    ("<style> block", re.compile(r"<style\b", re.I)),
    ("style attribute", re.compile(r"<[^>]*\sstyle\s*=", re.I)),
    ("on*= handler", re.compile(r"<[^>]*\son[a-z]+\s*=", re.I)),
    ("hx-on handler", re.compile(r"<[^>]*\s(data-)?hx-on", re.I)),
    ("javascript: URL", re.compile(r"javascript:", re.I)),
]
# E-mails go to mail clients, which need inline styles; the admin shows them only in a
# sandboxed frame with its own policy.
NOT_PAGES = ("/outbox/email/",)


def inline_code(text: str) -> list[str]:
    return [name for name, pattern in INLINE if pattern.search(text)]


def project_templates() -> list[Path]:
    base = Path(settings.BASE_DIR)
    roots = [base / "templates", *base.glob("*/templates"), *base.glob("*/*/templates")]
    found = [path for root in roots if ".venv" not in root.parts
             for path in root.rglob("*") if path.suffix in {".html", ".svg"}]
    return [path for path in found if not any(part in path.as_posix() for part in NOT_PAGES)]


def test_the_scan_finds_each_kind_of_inline_code():
    assert inline_code('<script>alert(1)</script>') == ["inline <script>"]
    assert inline_code('<script type="application/json">{}</script>') == ["inline <script>"]
    assert inline_code('<script src="/static/x.js" defer></script>') == []
    assert inline_code("<style>p{}</style>") == ["<style> block"]
    assert inline_code('<p class="x" style="color:red">') == ["style attribute"]
    assert inline_code('<button type="button" onclick="go()">') == ["on*= handler"]
    assert inline_code('<form hx-on::after-request="x()">') == ["hx-on handler"]
    assert inline_code('<a href="javascript:void(0)">') == ["javascript: URL"]
    assert inline_code('<p>Click on="here" no tag</p> <a class="online">') == []


def test_no_project_template_has_inline_script_or_style():
    templates = project_templates()
    found = {str(path.relative_to(settings.BASE_DIR)): inline_code(path.read_text())
             for path in templates}

    assert len(templates) > 60  # the scan really reaches the app templates
    assert {path: kinds for path, kinds in found.items() if kinds} == {}
