"""A supplier finds a buyer and asks for a meeting; the buyer accepts; after the
schedule is published the supplier books a slot and both see it in their agendas."""

import datetime as dt
import re
import zlib
from pathlib import Path

import icalendar
import pytest
from django.utils import timezone

from events.models import ConferenceDay
from tests.factories import ConferenceFactory, EnterpriseFactory, SupplierFactory, approved, slots

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "browser-test-pw-42"


def company_user(enterprise, email):
    from accounts.models import User

    return User.objects.create_user(email, PASSWORD, enterprise=enterprise)


def sign_in(browser, live_server, email):
    page = browser.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server.url}/portal/")
    return page


def pdf_page_count(body: bytes) -> int:
    inflated = [body]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", body, re.S):
        try:
            inflated.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", b"\n".join(inflated)))


@pytest.fixture
def arranged(db):
    start = timezone.localdate() + dt.timedelta(days=20)
    conference = ConferenceFactory(start_date=start, end_date=start + dt.timedelta(days=1),
                                   venue="Nanjing International Expo Center")
    slots(conference, 4, tables=3)
    ConferenceDay.objects.get_or_create(conference=conference, date=conference.end_date)
    buyer = approved(conference, EnterpriseFactory(
        legal_name="Maple Leaf Animation Studios Inc.", country="CA", city="Toronto",
        needs="2D animation outsourcing")).enterprise
    supplier = approved(conference, SupplierFactory(
        legal_name="Suzhou Taihu Animation Co., Ltd.", name_zh="苏州太湖动画有限公司",
        offers="2D and 3D animation")).enterprise
    company_user(buyer, "buyer@example.com")
    company_user(supplier, "supplier@example.com")
    return conference


def test_request_accept_book_and_agendas(browser, live_server, arranged):
    conference = arranged
    supplier = sign_in(browser, live_server, "supplier@example.com")
    supplier.get_by_role("link", name="Directory", exact=True).click()
    supplier.get_by_label("Search").fill("Maple Leaf")
    supplier.get_by_role("button", name="Search").click()
    supplier.get_by_role("link", name=re.compile("Request a meeting")).first.click()
    supplier.get_by_label("Purpose").select_option("outsourcing_purchase")
    supplier.get_by_label("Message").fill("We animate in 2D and 3D.")
    supplier.get_by_role("button", name="Send the request").click()
    supplier.wait_for_url(f"{live_server.url}/portal/requests/")
    assert "Waiting for an answer" in supplier.content()

    buyer = sign_in(browser, live_server, "buyer@example.com")
    buyer.get_by_role("link", name="Requests", exact=True).click()
    buyer.get_by_role("button", name=re.compile("^Accept")).click()
    assert "You accepted the request" in buyer.content()

    conference.status = "scheduled"
    conference.save()
    supplier.reload()
    supplier.get_by_role("link", name=re.compile("^Book a slot")).click()
    supplier.get_by_role("button", name=re.compile("^09:30")).click()
    supplier.wait_for_url(f"{live_server.url}/portal/agenda/")

    for page, counterpart in ((supplier, "Maple Leaf Animation Studios Inc."),
                              (buyer, "Suzhou Taihu Animation Co., Ltd.")):
        page.goto(f"{live_server.url}/portal/agenda/")
        row = page.get_by_role("row", name=re.compile(counterpart))
        assert "09:30–10:00" in row.inner_text()

    with buyer.expect_download() as ics:
        buyer.get_by_role("link", name=re.compile(r"\.ics")).click()
    calendar = icalendar.Calendar.from_ical(Path(ics.value.path()).read_bytes())
    assert [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")] == [
        "Meeting with Suzhou Taihu Animation Co., Ltd."]
    assert calendar.walk("VTIMEZONE")[0]["TZID"] == "Asia/Shanghai"

    with buyer.expect_download() as pdf:
        buyer.get_by_role("link", name=re.compile("PDF")).click()
    body = Path(pdf.value.path()).read_bytes()
    assert body.startswith(b"%PDF")
    assert pdf_page_count(body) == 2


def test_star_toggles_in_place_with_htmx(browser, live_server, arranged):
    supplier = sign_in(browser, live_server, "supplier@example.com")
    supplier.get_by_role("link", name="Directory", exact=True).click()
    star = supplier.get_by_role("button", name=re.compile("Shortlist Maple Leaf"))

    star.click()

    supplier.wait_for_selector('button.star[aria-pressed="true"]')
    assert supplier.url == f"{live_server.url}/portal/directory/"


def test_phone_width_has_no_horizontal_scroll(browser, live_server, arranged):
    page = sign_in(browser, live_server, "supplier@example.com")
    for path in ("/portal/", "/portal/directory/", "/portal/requests/", "/portal/agenda/",
                 "/accounts/profile/"):
        page.set_viewport_size({"width": 390, "height": 844})
        page.goto(f"{live_server.url}{path}")
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, path
