"""The check-in desk on a phone-width page, scanning a real QR code through Chromium's
fake camera (jsQR or BarcodeDetector), then the search fallback; and the grid, where
staff open a cell with htmx and move a meeting. Screenshots go to docs/screenshots/."""

import os
import shutil
from pathlib import Path

import pytest
from django.contrib.auth.models import Group

from accounts.models import User
from accounts.roles import ORGANIZERS
from matchmaking.onsite import codes
from matchmaking.onsite.models import CheckIn
from tests.browser.chromium import CHROMIUM_ARGS
from tests.conftest import require
from tests.factories import ConferenceFactory, EnterpriseFactory, SupplierFactory, approved
from tests.onsite.fake_camera import qr_video
from tests.onsite.helpers import booked_meeting, day_grid

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "browser-test-pw-42"
SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


@pytest.fixture
def camera_browser(tmp_path, live_server, arranged):
    """Chromium whose camera shows the first buyer delegate's badge code."""
    playwright_api = pytest.importorskip("playwright.sync_api")
    require(shutil.which("chromium") is not None, "chromium (apt-get install chromium)")
    conference, buyer, _supplier = arranged
    delegate = buyer.delegates.order_by("pk").first()
    token = codes.badge_token(conference_id=conference.pk, delegate_id=delegate.pk)
    video = qr_video(f"{live_server.url}/onsite/code/{token}/", tmp_path / "badge.y4m")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=shutil.which("chromium"),
            args=[*CHROMIUM_ARGS, "--use-fake-ui-for-media-stream",
                  "--use-fake-device-for-media-stream",
                  f"--use-file-for-fake-video-capture={video}"])
        yield browser
        browser.close()


@pytest.fixture
def arranged(db):
    conference = ConferenceFactory()
    buyer = approved(conference, EnterpriseFactory(
        legal_name="Maple Leaf Animation Studios Inc.", country="CA"), delegates=2).enterprise
    supplier = approved(conference, SupplierFactory(
        legal_name="Suzhou Taihu Animation Co., Ltd.", name_zh="苏州太湖动画有限公司")).enterprise
    organizer = User.objects.create_user("organizer@example.com", PASSWORD, is_staff=True)
    organizer.groups.add(Group.objects.get(name=ORGANIZERS))
    return conference, buyer, supplier


def signed_in(browser, live_server, width):
    page = browser.new_page(viewport={"width": width, "height": 844})
    page.goto(f"{live_server.url}/admin/login/?next=/admin/")
    page.get_by_label("E-mail").fill("organizer@example.com")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server.url}/admin/")
    return page


def test_desk_scans_a_badge_with_the_camera_then_checks_in_by_search(
        camera_browser, live_server, arranged):
    conference, buyer, _supplier = arranged
    first, second = buyer.delegates.order_by("pk")
    page = signed_in(camera_browser, live_server, 390)
    page.goto(f"{live_server.url}/onsite/{conference.edition}/check-in/")
    page.screenshot(path=SHOTS / "onsite-check-in-phone.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    assert not page.get_by_role("button", name="Stop the camera").is_visible()
    page.get_by_role("button", name="Scan with the camera").click()
    page.get_by_text(f"Checked in: {first.full_name}").wait_for(timeout=15000)
    page.screenshot(path=SHOTS / "onsite-check-in-scanned-phone.png", full_page=True)
    page.get_by_role("button", name="Stop the camera").click()

    page.get_by_label("Name, e-mail or company").fill(second.full_name)
    page.get_by_role("button", name="Search").click()
    page.locator(".delegate", has_text=second.full_name).get_by_role(
        "button", name="Check in").click()
    page.get_by_text(f"Checked in: {second.full_name}").wait_for()

    rows = CheckIn.objects.filter(conference=conference).order_by("checked_in_at")
    assert [row.delegate for row in rows] == [first, second]
    assert {row.checked_in_by.email for row in rows} == {"organizer@example.com"}


def test_grid_opens_a_cell_with_htmx_and_moves_the_meeting(camera_browser, live_server,
                                                           arranged):
    conference, buyer, supplier = arranged
    day = day_grid(conference, count=4, tables=3)
    meeting = booked_meeting(conference, buyer, day[0], supplier)
    page = signed_in(camera_browser, live_server, 1280)
    page.goto(f"{live_server.url}/onsite/{conference.edition}/grid/")

    page.locator("td.taken a.cell-link").first.click()
    editor = page.locator("#editor")
    editor.get_by_role("heading", name="Maple Leaf").wait_for()
    assert page.url.endswith("/grid/")  # the editor came in place, no navigation
    page.screenshot(path=SHOTS / "onsite-grid-editor.png", full_page=True)
    move = editor.locator("form", has=page.get_by_role("button", name="Move"))
    move.get_by_label("Slot").select_option(str(day[2].pk))
    move.get_by_label("Place").select_option(label="Table 3")
    move.get_by_role("button", name="Move").click()
    page.get_by_text("The meeting is moved").wait_for()
    page.screenshot(path=SHOTS / "onsite-grid.png", full_page=True)

    meeting.refresh_from_db()
    assert (meeting.slot, meeting.table.number) == (day[2], 3)
