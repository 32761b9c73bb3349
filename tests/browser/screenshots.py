"""Screenshots of the portal's main pages, for docs/screenshots/ (not a test).

    python -m tests.browser.screenshots http://127.0.0.1:8000 docs/screenshots

Run against `make run` (the demo data): it signs in as the Toronto buyer.
"""

import shutil
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.browser.chromium import CHROMIUM_ARGS

PAGES = [  # (file, path, language prefix, width)
    ("dashboard", "/portal/", "", 1280),
    ("directory", "/portal/directory/?role=supplier", "", 1280),
    ("directory-zh", "/portal/directory/?role=supplier", "/zh-hans", 1280),
    ("recommendations", "/portal/recommended/", "", 1280),
    ("requests", "/portal/requests/", "", 1280),
    ("agenda", "/portal/agenda/", "", 1280),
    ("profile", "/accounts/profile/", "", 1280),
    ("agenda-phone", "/portal/agenda/", "", 390),
    ("directory-phone", "/portal/directory/", "", 390),
]
# Issue 12: the everyday pages in both languages at a laptop's and a phone's width.
BILINGUAL = [("directory", "/portal/directory/"), ("recommendations", "/portal/recommended/"),
             ("agenda", "/portal/agenda/")]
WIDTHS = [1366, 390]
LANGUAGES = [("en", ""), ("zh", "/zh-hans")]


def bilingual(page, base_url: str, target: Path):
    """`page` is signed in as the buyer."""
    for name, path in BILINGUAL:
        for language, prefix in LANGUAGES:
            for width in WIDTHS:
                page.set_viewport_size({"width": width, "height": 900})
                page.goto(f"{base_url}{prefix}{path}")
                page.screenshot(path=target / f"{name}-{language}-{width}.png")


def review_page(browser, base_url: str, target: Path, password: str):
    """The reviewer's desk: the list and a registration that fails a rule."""
    page = browser.new_page()
    page.goto(f"{base_url}/admin/login/?next=/admin/")
    page.locator("#login-form input[name=username]").fill("reviewer@cisocc.test")
    page.locator("#login-form input[name=password]").fill(password)
    page.locator("#login-form [type=submit]").click()
    page.wait_for_url(f"{base_url}/admin/")
    for language, prefix in LANGUAGES:
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            page.goto(f"{base_url}{prefix}/admin/accounts/registration/?passes_rules__exact=0")
            page.screenshot(path=target / f"registrations-{language}-{width}.png")
            link = page.locator("#result_list tbody tr .field-enterprise a").first
            link.click()
            page.wait_for_load_state()
            page.screenshot(path=target / f"registration-review-{language}-{width}.png",
                            full_page=True)
    page.close()


def main(base_url: str, target: Path, email="buyer@cisocc.test", password="matchmaking-demo"):
    target.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"),
                                             args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(f"{base_url}/accounts/login/")
        page.screenshot(path=target / "login.png")
        page.get_by_label("E-mail").fill(email)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(f"{base_url}/portal/")
        for name, path, prefix, width in PAGES:
            page.set_viewport_size({"width": width, "height": 900})
            page.goto(f"{base_url}{prefix}{path}")
            page.screenshot(path=target / f"{name}.png", full_page=name == "agenda-phone")
        bilingual(page, base_url, target)
        review_page(browser, base_url, target, password)
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]))
