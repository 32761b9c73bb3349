"""Pages and messages come out in Simplified Chinese under /zh-hans/."""

import pytest
from django.urls import reverse
from django.utils import translation

from accounts import eligibility
from events.models import Seniority
from tests.factories import registered

pytestmark = pytest.mark.django_db


def test_login_page_is_in_chinese(client):
    response = client.get("/zh-hans/accounts/login/")

    assert response.status_code == 200
    page = response.content.decode()
    assert '<html lang="zh-hans">' in page
    assert "登录" in page  # "Sign in"
    assert "忘记密码？" in page  # "Forgot your password?"
    assert "Sign in" not in page


def test_login_page_stays_english_without_prefix(client):
    page = client.get("/accounts/login/").content.decode()

    assert "Sign in" in page
    assert "登录" not in page


def test_admin_registration_actions_are_translated(reviewer_client, conference):
    registered(conference)  # the action menu shows only above a non-empty list
    with translation.override("zh-hans"):
        url = reverse("admin:accounts_registration_changelist")
    assert url.startswith("/zh-hans/admin/")

    response = reviewer_client.get(url)

    assert response.status_code == 200
    page = response.content.decode()
    assert "批准所选报名" in page  # "Approve selected registrations"
    assert "将所选报名列入候补" in page  # "Waitlist selected registrations"
    assert "Approve selected registrations" not in page


@pytest.mark.parametrize(
    ("result", "expected"),
    [
        (
            {"code": "contract_value", "passed": False,
             "params": {"value": 5_000_000, "minimum": 8_000_000}},
            "提供 500 万美元；至少须为 800 万美元。",
        ),
        (
            {"code": "contract_value", "passed": False,
             "params": {"value": None, "minimum": 8_000_000}},
            "未填写合同金额；至少须为 800 万美元。",
        ),
        (
            {"code": "delegate_seniority", "passed": False,
             "params": {"minimum": Seniority.DIRECTOR, "below": ["Li Wei"]}},
            "低于“总监”职级：Li Wei。",
        ),
        (
            {"code": "delegate_count", "passed": False,
             "params": {"count": 1, "min": 2, "max": 5}},
            "共 1 名代表；允许 2 至 5 名。",
        ),
        ({"code": "fields", "passed": True, "applies": False}, "不适用。"),
    ],
)
def test_eligibility_reasons_are_in_chinese(result, expected):
    with translation.override("zh-hans"):
        assert eligibility.describe(result) == expected
    with translation.override("en"):
        assert not any("\u4e00" <= c <= "\u9fff" for c in eligibility.describe(result))
