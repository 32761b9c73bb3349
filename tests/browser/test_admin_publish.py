"""An organizer publishes a draft from its run page in a real browser: the button leads to
the confirmation page, and confirming publishes (it was a bare 403 while the button's form
sat inside the admin's change form)."""

import re

import pytest
from django.contrib.auth.models import Group

from accounts.models import User
from accounts.roles import ORGANIZERS
from matchmaking.models import Meeting, RunStatus, ScheduleRun
from matchmaking.services import scheduling
from tests.matchmaking.scheduling_helpers import small_event

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "browser-test-pw-42"


@pytest.fixture
def draft(conference):
    small_event(conference, buyers=2, suppliers=2)
    run = scheduling.start_schedule_run(conference=conference, time_limit=1, enqueue_job=False)
    return scheduling.compute_draft(run=scheduling.claim_run(run.pk))


def admin_page(browser, live_server):
    organizer = User.objects.create_user("organizer@example.com", PASSWORD, is_staff=True)
    organizer.groups.add(Group.objects.get(name=ORGANIZERS))
    page = browser.new_page()
    page.goto(f"{live_server.url}/admin/login/?next=/admin/")
    page.get_by_label("E-mail").fill("organizer@example.com")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server.url}/admin/")
    return page


def test_publish_from_the_run_page_after_the_confirmation(browser, live_server, draft):
    page = admin_page(browser, live_server)
    page.goto(f"{live_server.url}/admin/matchmaking/schedulerun/{draft.pk}/change/")

    page.get_by_role("link", name="Review and publish this draft").click()
    page.wait_for_url(re.compile(r"/publish/$"))
    assert "Nothing changes and nobody is e-mailed until you confirm" in page.content()
    assert not Meeting.objects.exists()
    page.get_by_role("button", name="Publish and notify the companies").click()

    page.wait_for_url(re.compile(rf"/schedulerun/{draft.pk}/change/$"))
    assert "Published: 4 meetings (4 new" in page.content()
    assert ScheduleRun.objects.get(pk=draft.pk).status == RunStatus.PUBLISHED
    assert Meeting.objects.filter(status="scheduled").count() == 4
