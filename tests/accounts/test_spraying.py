"""Password spraying: one failed try on each of many accounts from one address. Failures
are counted per address across all accounts; past the limit the address gets the
translated 429 page, on the portal and the admin, while other addresses sign in."""

import pytest
from django.urls import reverse

from tests.factories import CompanyUserFactory

pytestmark = pytest.mark.django_db
ATTACKER, OTHER = "203.0.113.9", "198.51.100.30"


@pytest.fixture(autouse=True)
def limits(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.SIGN_IN_FAILURES_SLOW = 4
    settings.SIGN_IN_FAILURES_BLOCK = 8
    settings.SIGN_IN_FAILURE_WINDOW_MINUTES = 30
    settings.SIGN_IN_BLOCK_MINUTES = 60


def spray(client, url, count, start=0):
    return [client.post(url, {"username": f"victim{n}@example.com", "password": "Winter2026"},
                        REMOTE_ADDR=ATTACKER) for n in range(start, start + count)]


@pytest.mark.parametrize("name", ["accounts:login", "admin:login"])
def test_failures_on_many_accounts_from_one_address_lock_the_address(client, organizer, name):
    url = reverse(name)
    before = spray(client, url, 4)

    refused = client.post(url, {"username": organizer.email, "password": "pw-for-tests-1"},
                          REMOTE_ADDR=ATTACKER)

    assert [r.status_code for r in before] == [200] * 4
    assert refused.status_code == 429
    assert refused.context["address_locked"] is True
    assert "Signing in from it is paused; please try again in" in refused.content.decode()
    assert 0 < int(refused["Retry-After"]) <= 1800
    assert "_auth_user_id" not in client.session  # refused before the password was checked


def test_the_page_is_translated(client):
    url = reverse("accounts:login").replace("/", "/zh-hans/", 1)
    spray(client, url, 4)

    refused = client.post(url, {"username": "x@example.com", "password": "x"},
                          REMOTE_ADDR=ATTACKER)

    assert refused.status_code == 429
    assert "已暂停从该网络登录" in refused.content.decode()
    assert "Signing in from it is paused" not in refused.content.decode()


def test_an_address_that_keeps_trying_is_blocked_for_an_hour(client):
    url = reverse("accounts:login")
    spray(client, url, 7)

    blocked = client.post(url, {"username": "a@example.com", "password": "x"},
                          REMOTE_ADDR=ATTACKER)

    assert blocked.status_code == 429
    assert 3500 < int(blocked["Retry-After"]) <= 3600


def test_other_addresses_still_sign_in(client, organizer):
    spray(client, reverse("admin:login"), 8)

    response = client.post(reverse("admin:login"),
                           {"username": organizer.email, "password": "pw-for-tests-1"},
                           REMOTE_ADDR=OTHER)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(organizer.pk)


def test_a_few_mistakes_are_not_a_lock_out(client):
    user = CompanyUserFactory()
    url = reverse("accounts:login")
    spray(client, url, 3)

    response = client.post(url, {"username": user.email, "password": "pw-for-tests-1"},
                           REMOTE_ADDR=ATTACKER)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
