"""A company applies in Chinese with its contract letter, confirms its e-mail, is
approved; its colleague accepts the invitation in Chinese, sets a password and signs in."""

import os
import re
from pathlib import Path

import pytest

from accounts.models import Evidence, Registration, RegistrationStatus
from accounts.services import approve_registration
from events.models import ConferenceStatus
from matchmaking.onboarding.services import invite_delegates
from matchmaking.outbox.models import OutgoingEmail
from matchmaking.outbox.render import render_email
from tests.factories import ConferenceFactory, IndustryFieldFactory, StaffFactory
from tests.onboarding.helpers import PDF

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "browser-apply-pw-42"
COLLEAGUE_PASSWORD = "another-browser-pw-77"


@pytest.fixture
def shots(tmp_path) -> Path:
    """Where the screenshots go: SCREENSHOT_DIR to keep and look at them."""
    target = Path(os.environ.get("SCREENSHOT_DIR", tmp_path))
    target.mkdir(parents=True, exist_ok=True)
    return target


@pytest.fixture
def conference(db, settings, tmp_path):
    settings.PRIVATE_STORAGE_ROOT = tmp_path / "private"
    return ConferenceFactory(name="China Service Outsourcing Conference",
                             name_zh="中国服务外包合作大会",
                             status=ConferenceStatus.REGISTRATION_OPEN)


def link_in(email: OutgoingEmail, live_server) -> str:
    text = render_email(email).text
    path = re.search(r"https?://\S+?(/zh-hans/\S+/)", text).group(1)
    return f"{live_server.url}{path}"


def fill_application(page, field):
    form = {
        "enterprise-contact_name": "陈静", "enterprise-contact_email": "chen@lion.example",
        "enterprise-legal_name": "Lion City Digital Pte. Ltd.",
        "enterprise-name_zh": "狮城数字有限公司", "enterprise-city": "新加坡",
        "enterprise-contract_value_usd": "12000000",
        "enterprise-needs": "移动应用测试与本地化",
        "delegates-0-full_name": "陈静", "delegates-0-title": "采购总监",
        "delegates-0-email": "chen@lion.example", "delegates-0-languages": "zh",
        "delegates-1-full_name": "林伟", "delegates-1-title": "项目经理",
        "delegates-1-email": "lin@lion.example", "delegates-1-languages": "zh",
    }
    for name, value in form.items():
        page.locator(f'[name="{name}"]').fill(value)
    page.select_option('[name="enterprise-country"]', "SG")
    page.select_option('[name="enterprise-role"]', "buyer")
    page.select_option('[name="delegates-0-seniority"]', "40")
    page.select_option('[name="delegates-1-seniority"]', "30")
    page.check(f'[name="enterprise-fields"][value="{field.pk}"]')
    page.set_input_files('[name="enterprise-evidence"]', files=[{
        "name": "合同意向书.pdf", "mimeType": "application/pdf", "buffer": PDF}])
    page.check('[name="enterprise-consent"]')


def test_apply_in_chinese_get_approved_accept_invitation_sign_in(browser, live_server,
                                                                  conference, shots):
    field = IndustryFieldFactory(slug="testing", name="Software testing", name_zh="软件测试")
    page = browser.new_page(viewport={"width": 1100, "height": 900})
    page.goto(f"{live_server.url}/zh-hans/apply/{conference.slug}/")
    assert "报名参加中国服务外包合作大会" in page.locator("h1").inner_text()
    fill_application(page, field)
    page.screenshot(path=shots / "apply-form-zh.png", full_page=True)
    page.get_by_role("button", name="提交报名").click()
    page.wait_for_selector("text=请查收邮件")
    page.screenshot(path=shots / "apply-sent-zh.png", full_page=True)
    assert "合同" in page.content()  # the contract-value rule, checked at once

    confirmation = OutgoingEmail.objects.get(template="application_confirm")
    assert confirmation.language == "zh-hans"
    assert "中国服务外包合作大会" in render_email(confirmation).subject
    page.goto(link_in(confirmation, live_server))
    page.locator('[name="password1"]').fill(PASSWORD)
    page.locator('[name="password2"]').fill(PASSWORD)
    page.get_by_role("button", name="确认并提交").click()
    page.wait_for_url(f"{live_server.url}/zh-hans/portal/")
    assert "已提交" in page.content() and "中国服务外包合作大会" in page.content()
    page.screenshot(path=shots / "apply-confirmed-zh.png", full_page=True)

    registration = Registration.objects.get(enterprise__legal_name="Lion City Digital Pte. Ltd.")
    assert Evidence.objects.get(registration=registration).file.name.endswith(".pdf")
    organizer = StaffFactory(groups=["Organizers"])
    approve_registration(registration=registration, actor=organizer)
    invited = invite_delegates(delegates=registration.enterprise.delegates.all(),
                               actor=organizer, conference=conference)
    assert [i.email for i in invited] == ["lin@lion.example"]  # the applicant has an account
    decision = OutgoingEmail.objects.get(template="registration_approved")
    assert decision.recipient == "chen@lion.example" and decision.language == "zh-hans"

    invitation = OutgoingEmail.objects.get(template="invitation")
    assert invitation.language == "zh-hans"
    assert "中国服务外包合作大会" in render_email(invitation).subject
    colleague = browser.new_page(viewport={"width": 1100, "height": 900})
    colleague.goto(link_in(invitation, live_server))
    colleague.screenshot(path=shots / "invitation-accept-zh.png", full_page=True)
    colleague.locator('[name="password1"]').fill(COLLEAGUE_PASSWORD)
    colleague.locator('[name="password2"]').fill(COLLEAGUE_PASSWORD)
    colleague.get_by_role("button", name="设置密码并登录").click()
    colleague.wait_for_url(f"{live_server.url}/zh-hans/portal/")
    assert "审核通过" in colleague.content()

    colleague.get_by_role("button", name="退出登录").click()
    colleague.goto(f"{live_server.url}/zh-hans/accounts/login/")
    colleague.locator('[name="username"]').fill("lin@lion.example")
    colleague.locator('[name="password"]').fill(COLLEAGUE_PASSWORD)
    colleague.locator('form.panel button[type="submit"]').click()
    colleague.wait_for_url(f"{live_server.url}/zh-hans/portal/")
    colleague.screenshot(path=shots / "invited-signed-in-zh.png", full_page=True)
    assert "狮城数字有限公司" in colleague.content()
    assert registration.enterprise.users.count() == 2
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.APPROVED
