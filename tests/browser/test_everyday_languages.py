"""Issue 12 in a real browser: a Chinese browser gets Chinese at `/`; the everyday pages
and the reviewer's desk fit 1366 px and 390 px in both languages without sideways
scrolling; a long word wraps; the directory's search lives in the URL. Screenshots go
to docs/screenshots/ (`*-test.png`) for a look."""

from pathlib import Path

import pytest

from accounts.models import Enterprise, Registration
from accounts.roles import REVIEWERS
from tests.browser.test_portal_flow import PASSWORD, arranged, company_user, sign_in  # noqa: F401
from tests.factories import StaffFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
PREFIXES = {"en": "", "zh": "/zh-hans"}


def overflow(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def test_a_chinese_browser_gets_chinese_at_the_root(browser, live_server, arranged):  # noqa: F811
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()

    page.goto(f"{live_server.url}/")

    assert page.url == f"{live_server.url}/zh-hans/"
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    context.close()


@pytest.mark.parametrize("language", ["en", "zh"])
def test_portal_pages_fit_both_widths(browser, live_server, arranged, language):  # noqa: F811
    Enterprise.objects.filter(legal_name__startswith="Suzhou").update(offers="x" * 900)
    page = sign_in(browser, live_server, "buyer@example.com")
    for name, path in (("directory", "/portal/directory/"),
                       ("recommendations", "/portal/recommended/"),
                       ("agenda", "/portal/agenda/")):
        for width in (1366, 390):
            page.set_viewport_size({"width": width, "height": 900})
            page.goto(f"{live_server.url}{PREFIXES[language]}{path}")
            page.screenshot(path=SHOTS / f"{name}-{language}-{width}-test.png")
            assert overflow(page) <= 0, (path, width)


def test_directory_search_is_kept_in_the_url(browser, live_server, arranged):  # noqa: F811
    page = sign_in(browser, live_server, "buyer@example.com")
    page.goto(f"{live_server.url}/portal/directory/")

    page.locator("#id_q").fill("Taihu")
    page.locator("#id_q").press("Enter")
    page.wait_for_url("**q=Taihu**")
    page.reload()

    assert page.locator("#id_q").input_value() == "Taihu"
    assert "Suzhou Taihu" in page.content()


@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_reviewer_decides_from_the_page_at_1366(browser, live_server, arranged,  # noqa: F811
                                                    language):
    reviewer = StaffFactory(email="reviewer@example.com", groups=[REVIEWERS])
    reviewer.set_password(PASSWORD)
    reviewer.save()
    registration = Registration.objects.filter(conference=arranged).first()
    registration.status = "submitted"
    registration.save()
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    page.goto(f"{live_server.url}/admin/login/?next=/admin/")
    page.locator("#login-form input[name=username]").fill("reviewer@example.com")
    page.locator("#login-form input[name=password]").fill(PASSWORD)
    page.locator("#login-form [type=submit]").click()
    prefix = PREFIXES[language]

    page.goto(f"{live_server.url}{prefix}/admin/accounts/registration/")
    page.screenshot(path=SHOTS / f"registrations-{language}-1366-test.png")
    assert overflow(page) <= 0
    page.goto(f"{live_server.url}{prefix}/admin/accounts/registration/{registration.pk}/change/")
    page.screenshot(path=SHOTS / f"registration-review-{language}-1366-test.png")
    assert overflow(page) <= 0
    page.locator(".decision-buttons .decision-approve").click()
    page.wait_for_load_state()

    registration.refresh_from_db()
    assert registration.status == "approved"
