import datetime as dt
import re
import shutil
import subprocess
import zlib
import zoneinfo

import icalendar
import pytest
from django.test import Client

from accounts.models import Registration
from events.models import AuditEntry, ConferenceDay
from matchmaking.agenda import tokens
from matchmaking.agenda.services import issue_feed_token
from matchmaking.services.booking import book_meeting
from tests.conftest import require
from tests.factories import DelegateFactory, slots
from tests.portal.conftest import client_for
from tests.portal.helpers import accepted, publish

pytestmark = pytest.mark.django_db
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


def pdf_objects(body: bytes) -> bytes:
    """The PDF with its compressed streams inflated, to look at objects and fonts. A
    stream whose last byte is a carriage return loses it to the pattern's optional `\r`:
    a decompress object still inflates it (only the checksum is cut), where
    `zlib.decompress` refused it and the fonts looked missing about once in 256 PDFs."""
    parts = [body]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", body, re.S):
        try:
            parts.append(zlib.decompressobj().decompress(match.group(1)))
        except zlib.error:
            continue
    return b"\n".join(parts)


@pytest.fixture
def meeting(conference, buyer, supplier):
    first, _second = slots(conference, 2)
    ConferenceDay.objects.get_or_create(conference=conference, date=conference.end_date)
    DelegateFactory(enterprise=supplier, full_name="Wang Fang", email="wang@taihu.example",
                    phone="+86 512 0000")
    request = accepted(conference, buyer, supplier)
    publish(conference)
    return book_meeting(request=request, slot=first, enterprise=supplier)


def test_agenda_shows_time_table_counterpart_and_contact(buyer_client, meeting,
                                                         django_assert_max_num_queries):
    # +2: unread messages, privacy prompt; +1: the calendar address
    with django_assert_max_num_queries(12):
        response = buyer_client.get("/portal/agenda/")

    page = response.content.decode()
    assert [d.date for d in response.context["days"]] == [
        meeting.conference.start_date, meeting.conference.end_date]
    assert "09:00–09:30" in page  # the conference's zone, not UTC (01:00)
    assert "Table 1" in page
    assert "Suzhou Taihu Software" in page
    assert "wang@taihu.example" in page and "+86 512 0000" in page


def test_ics_has_the_vtimezone_and_local_times(buyer_client, meeting):
    response = buyer_client.get("/portal/agenda/agenda.ics")

    calendar = icalendar.Calendar.from_ical(response.content)
    [event] = calendar.walk("VEVENT")
    [zone] = calendar.walk("VTIMEZONE")
    assert response["Content-Type"].startswith("text/calendar")
    assert zone["TZID"] == "Asia/Shanghai"
    assert event["DTSTART"].params["TZID"] == "Asia/Shanghai"
    assert event.decoded("DTSTART").astimezone(SHANGHAI).time() == dt.time(9, 0)
    assert "Suzhou Taihu Software" in str(event["SUMMARY"])
    assert "wang@taihu.example" in str(event["DESCRIPTION"])


def test_feed_works_without_a_session(buyer_client, meeting, buyer):
    buyer_client.post("/portal/agenda/feed-address/issue/")
    url = buyer_client.get("/portal/agenda/").context["feed_url"]

    response = Client().get(url.removeprefix("http://testserver"))

    [event] = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert "Suzhou Taihu Software" in str(event["SUMMARY"])


def test_feed_with_a_forged_token_is_not_found(meeting, buyer):
    token = tokens.make_token(conference_id=meeting.conference_id, enterprise_id=buyer.pk,
                              salt=tokens.FEED_SALT)  # the old signed kind is no credential

    assert Client().get(f"/portal/agenda/feed/{token}.ics").status_code == 404


def test_feed_of_a_company_no_longer_approved_is_empty(meeting, buyer):
    token = issue_feed_token(conference=meeting.conference, enterprise=buyer, actor=None)
    Registration.objects.filter(enterprise=buyer).update(status="under_review")

    response = Client().get(f"/portal/agenda/feed/{token.secret}.ics")

    assert icalendar.Calendar.from_ical(response.content).walk("VEVENT") == []


def test_pdf_has_one_page_per_conference_day(buyer_client, meeting):
    response = buyer_client.get("/portal/agenda/agenda.pdf")

    body = response.content
    assert body.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf_objects(body))) == 2


def has_cjk_font() -> bool:
    listing = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True,
                             check=False) if shutil.which("fc-list") else None
    return bool(listing and listing.stdout.strip())


def test_pdf_renders_chinese(client, meeting, supplier):
    require(has_cjk_font(), "a CJK font (apt-get install fonts-noto-cjk)")
    client_for(client, supplier)

    response = client.get("/zh-hans/portal/agenda/agenda.pdf")

    assert response.content.startswith(b"%PDF")
    fonts = re.findall(rb"/BaseFont\s*/(\S+)", pdf_objects(response.content))
    assert any(b"CJK" in font or b"WenQuanYi" in font for font in fonts), fonts


def test_check_in_code_leads_staff_to_the_desk_showing_the_company(organizer_client, meeting,
                                                                  buyer):
    token = tokens.make_token(conference_id=meeting.conference_id, enterprise_id=buyer.pk,
                              salt=tokens.CHECK_IN_SALT)

    response = organizer_client.get(f"/portal/check-in/{token}/", follow=True)

    assert {row["delegate"].enterprise for row in response.context["picked"]} == {buyer}


def test_check_in_page_is_for_staff_only(buyer_client, meeting, buyer):
    token = tokens.make_token(conference_id=meeting.conference_id, enterprise_id=buyer.pk,
                              salt=tokens.CHECK_IN_SALT)

    response = buyer_client.get(f"/portal/check-in/{token}/", follow=True)

    assert response.status_code == 403
    assert "picked" not in (response.context or {})


def feed_url(client) -> str:
    return client.get("/portal/agenda/").context["feed_url"].removeprefix("http://testserver")


def test_feed_address_is_stable_until_replaced(buyer_client, meeting):
    assert feed_url(buyer_client) == ""  # none until the company asks for one
    buyer_client.post("/portal/agenda/feed-address/issue/")
    first, again = feed_url(buyer_client), feed_url(buyer_client)

    buyer_client.post("/portal/agenda/feed-address/rotate/")
    replaced = feed_url(buyer_client)

    assert first == again and replaced != first
    assert Client().get(first).status_code == 404
    assert Client().get(replaced).status_code == 200


def test_feed_address_turned_off_stops_working(buyer_client, meeting):
    buyer_client.post("/portal/agenda/feed-address/issue/")
    url = feed_url(buyer_client)

    response = buyer_client.post("/portal/agenda/feed-address/revoke/", follow=True)

    assert Client().get(url).status_code == 404
    assert response.context["feed_url"] == ""
    assert AuditEntry.objects.filter(action="agenda.feed_revoked").count() == 1


def test_feed_address_buttons_need_a_post(buyer_client, meeting):
    assert buyer_client.get("/portal/agenda/feed-address/issue/").status_code == 405
    assert feed_url(buyer_client) == ""
