"""Guessing API keys: invalid keys are counted per client address; the address is first
slowed (429 with Retry-After), then blocked, while keys used from other addresses work."""

import time

import pytest

from matchmaking import abuse
from tests.api.conftest import bearer, error_of

pytestmark = pytest.mark.django_db
URL = "/api/v1/conferences/"


@pytest.fixture(autouse=True)
def limits(settings):
    settings.API_KEY_FAILURES_SLOW = 3
    settings.API_KEY_FAILURES_BLOCK = 6
    settings.API_KEY_FAILURE_WINDOW_MINUTES = 10
    settings.API_KEY_BLOCK_MINUTES = 60


def guess(address: str, n: int = 0):
    return bearer(f"mk_guess{n:04d}").get(URL, REMOTE_ADDR=address)


def test_invalid_keys_are_refused_then_the_address_is_slowed_with_retry_after():
    first = [guess("203.0.113.5", n) for n in range(3)]

    slowed = guess("203.0.113.5", 3)

    assert [r.status_code for r in first] == [401, 401, 401]
    assert slowed.status_code == 429
    error = error_of(slowed)
    assert error["code"] == "throttled"
    assert "invalid API keys" in error["message"]
    assert 0 < int(slowed["Retry-After"]) <= 600
    assert error["retry_after"] == int(slowed["Retry-After"])


def test_an_address_that_keeps_trying_while_slowed_is_blocked_for_an_hour():
    for n in range(5):
        guess("203.0.113.6", n)

    blocked = guess("203.0.113.6", 99)

    assert blocked.status_code == 429
    assert error_of(blocked)["code"] == "blocked"
    assert 3500 < int(blocked["Retry-After"]) <= 3600


def test_a_slowed_address_is_refused_even_with_a_valid_key(partner):
    for n in range(3):
        guess("203.0.113.7", n)

    response = bearer(partner[1]).get(URL, REMOTE_ADDR="203.0.113.7")

    assert response.status_code == 429
    assert error_of(response)["code"] == "throttled"


def test_valid_keys_from_other_addresses_are_unaffected(partner):
    for n in range(10):
        guess("203.0.113.8", n)
    assert error_of(guess("203.0.113.8"))["code"] == "blocked"

    response = bearer(partner[1]).get(URL, REMOTE_ADDR="198.51.100.20")

    assert response.status_code == 200
    assert "results" in response.json()


def test_valid_keys_are_not_counted(partner):
    client = bearer(partner[1])

    responses = [client.get(URL, REMOTE_ADDR="198.51.100.21") for _ in range(8)]

    assert {r.status_code for r in responses} == {200}


def test_the_slowdown_ends_with_its_window_but_a_block_lasts():
    policy = abuse.api_key_policy()
    now = time.time()
    for _ in range(3):
        abuse.record_failure(policy, "192.0.2.1", now=now)
    for _ in range(6):
        abuse.record_failure(policy, "192.0.2.2", now=now)

    later = now + policy.window + 1

    assert abuse.verdict(policy, "192.0.2.1", now=now).state == abuse.SLOWED
    assert abuse.verdict(policy, "192.0.2.1", now=later).state == abuse.OK
    assert abuse.verdict(policy, "192.0.2.2", now=later).state == abuse.BLOCKED
    assert abuse.verdict(policy, "192.0.2.2", now=now + policy.block_for + 1).state == abuse.OK
