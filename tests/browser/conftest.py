import os
import shutil

import pytest

from tests.browser.chromium import CHROMIUM_ARGS
from tests.conftest import require


@pytest.fixture
def browser():
    """Debian's Chromium driven by Playwright; skipped (failed under CI) when missing."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sync_playwright = None
    require(sync_playwright is not None, "playwright (pip install playwright)")
    require(shutil.which("chromium") is not None, "chromium (apt-get install chromium)")
    # Playwright's sync API runs an event loop in this thread; Django's ORM calls in the
    # test are still synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"),
                                             args=CHROMIUM_ARGS)
        yield browser
        browser.close()
