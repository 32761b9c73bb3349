"""Pages work under the Content-Security-Policy: Chromium reports no refused script,
style or image on the portal, the admin and the check-in desk (issue 13)."""

import re

import pytest
from django.contrib.auth.models import Group

from accounts.models import Registration, User
from accounts.roles import ORGANIZERS
from tests.factories import ConferenceFactory, EnterpriseFactory, SupplierFactory, approved

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "browser-test-pw-42"


@pytest.fixture
def arranged(db):
    conference = ConferenceFactory()
    buyer = approved(conference, EnterpriseFactory(legal_name="Maple Leaf Animation")).enterprise
    approved(conference, SupplierFactory(legal_name="Suzhou Taihu Animation"))
    User.objects.create_user("buyer@example.com", PASSWORD, enterprise=buyer)
    organizer = User.objects.create_user("organizer@example.com", PASSWORD, is_staff=True)
    organizer.groups.add(Group.objects.get(name=ORGANIZERS))
    return conference


def watched(browser):
    """A page and the list of the console's CSP and Permissions-Policy complaints
    (older Chromium says "Refused to ...", newer "... violates the following Content
    Security Policy directive")."""
    page = browser.new_page()
    complaints = []
    page.on("console", lambda message: complaints.append(message.text)
            if re.search(r"Refused to|Content Security Policy|Permissions-Policy", message.text)
            else None)
    return page, complaints


def test_portal_pages_report_no_violation(browser, live_server, arranged):
    page, complaints = watched(browser)
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("E-mail").fill("buyer@example.com")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server.url}/portal/")

    page.get_by_role("link", name="Directory", exact=True).click()
    page.get_by_role("button", name=re.compile("Shortlist Suzhou")).click()  # htmx swap
    page.wait_for_selector('button.star[aria-pressed="true"]')
    page.goto(f"{live_server.url}/portal/agenda/")
    page.goto(f"{live_server.url}/zh-hans/portal/directory/")

    assert complaints == []
    # The policy is really enforced: an injected inline script is refused and reported.
    page.evaluate("""() => { const s = document.createElement('script');
        s.textContent = 'window.injected = true'; document.head.appendChild(s); }""")
    page.wait_for_timeout(200)
    assert page.evaluate("window.injected === undefined")
    assert any("inline script" in text.lower() and "script-src 'self'" in text
               for text in complaints)


def test_admin_and_check_in_desk_report_no_violation(browser, live_server, arranged):
    page, complaints = watched(browser)
    page.goto(f"{live_server.url}/admin/login/?next=/admin/")
    page.get_by_label("E-mail").fill("organizer@example.com")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server.url}/admin/")
    registration = Registration.objects.get(enterprise__legal_name="Maple Leaf Animation")

    page.goto(f"{live_server.url}/admin/accounts/registration/")
    page.get_by_role("link", name="Maple Leaf Animation").first.click()
    page.wait_for_url(re.compile(rf"/registration/{registration.pk}/change/"))
    page.get_by_role("button", name=re.compile("^Save")).first.wait_for()
    page.goto(f"{live_server.url}/onsite/{arranged.edition}/check-in/")
    page.get_by_role("button", name="Scan with the camera").wait_for()

    assert complaints == []
