"""The first visit follows the browser; a stored choice wins; names read in the reader's
language on pages, the .ics, the PDF and e-mails."""

import icalendar
import pytest
from django.test import Client

from accounts.services import set_user_language
from matchmaking.agenda import pdf
from matchmaking.agenda.selectors import agenda_days, agenda_meetings
from tests.factories import CompanyUserFactory
from tests.portal.conftest import client_for
from tests.portal.test_agenda import meeting  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("header", "target"), [
    ("zh-CN,zh;q=0.9,en;q=0.8", "/zh-hans/"),
    ("zh-TW,zh;q=0.9", "/zh-hans/"),  # Traditional readers read Simplified more easily than English
    ("zh-HK", "/zh-hans/"),
    ("en-US,en;q=0.9", None),
    ("fr-FR,fr;q=0.9", None),
])
def test_first_visit_follows_accept_language(header, target):
    response = Client().get("/", HTTP_ACCEPT_LANGUAGE=header)

    if target is None:
        assert response.status_code == 200 and response.wsgi_request.LANGUAGE_CODE == "en"
    else:
        assert response.status_code == 302 and response["Location"] == target
        assert "Accept-Language" in response["Vary"]
        page = Client().get(target, HTTP_ACCEPT_LANGUAGE=header)
        assert page.wsgi_request.LANGUAGE_CODE == "zh-hans"


def test_redirect_keeps_the_path_and_the_search():
    response = Client().get("/accounts/login/?next=/portal/", HTTP_ACCEPT_LANGUAGE="zh-CN")

    assert response["Location"] == "/zh-hans/accounts/login/?next=/portal/"


def test_an_address_with_a_language_is_never_redirected():
    response = Client().get("/zh-hans/", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200 and response.wsgi_request.LANGUAGE_CODE == "zh-hans"


def test_the_language_cookie_beats_the_browser():
    client = Client()
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})

    assert client.get("/", HTTP_ACCEPT_LANGUAGE="zh-CN").status_code == 200


def test_the_users_stored_choice_beats_the_browser(client):
    user = CompanyUserFactory()
    user.save()
    client.force_login(user)

    english = client.get("/portal/", HTTP_ACCEPT_LANGUAGE="zh-CN")  # the default: English
    set_user_language(user=user, language="zh-hans")
    chinese = client.get("/portal/", HTTP_ACCEPT_LANGUAGE="en")

    assert english.wsgi_request.LANGUAGE_CODE == "en" and english.status_code == 200
    assert chinese["Location"] == "/zh-hans/portal/"


def test_api_answers_in_the_browsers_language():
    response = Client().get("/api/v1/nothing-here/", HTTP_ACCEPT_LANGUAGE="zh-CN")

    assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"
    assert response.wsgi_request.LANGUAGE_CODE == "zh-hans"


@pytest.fixture
def chinese_names(meeting):  # noqa: F811 - the agenda's meeting fixture
    conference = meeting.conference
    conference.name, conference.name_zh = "2nd CISOCC", "第二届中国国际服务外包合作大会"
    conference.save()
    return meeting


def test_pages_show_names_in_the_readers_language(client, chinese_names, buyer, supplier):
    client_for(client, buyer)

    chinese = client.get("/zh-hans/portal/agenda/").content.decode()
    english = client.get("/portal/agenda/").content.decode()

    assert "第二届中国国际服务外包合作大会" in chinese and "2nd CISOCC" not in chinese
    assert chinese.index("苏州太湖软件") < chinese.index("Suzhou Taihu Software")
    assert "2nd CISOCC" in english and "第二届" not in english
    assert english.index("Suzhou Taihu Software") < english.index("苏州太湖软件")


def test_ics_and_pdf_name_the_conference_and_company_in_the_readers_language(
        client, chinese_names, buyer, supplier):
    client_for(client, buyer)

    body = client.get("/zh-hans/portal/agenda/agenda.ics").content
    calendar = icalendar.Calendar.from_ical(body)
    [event] = calendar.walk("VEVENT")
    assert "苏州太湖软件" in str(event["SUMMARY"])
    assert "第二届中国国际服务外包合作大会" in str(calendar["X-WR-CALNAME"])

    conference = chinese_names.conference
    meetings = agenda_meetings(conference=conference, enterprise=buyer)
    html = pdf.agenda_html(conference=conference, enterprise=buyer,
                           days=agenda_days(conference=conference, meetings=meetings),
                           check_in_url="https://example.com/c", language="zh-hans")
    assert "第二届中国国际服务外包合作大会" in html and "苏州太湖软件" in html
    day = conference.start_date
    assert f"{day.year}年{day.month}月{day.day}日 星期" in html
