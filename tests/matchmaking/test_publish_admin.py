"""Publishing from the admin: a confirmation page with the difference first, then one POST."""

from html.parser import HTMLParser

import pytest
from django.core import mail
from django.urls import reverse

from accounts import services as accounts_services
from matchmaking.models import Meeting, RunStatus, ScheduleRun
from matchmaking.services import booking
from matchmaking.services.publishing import publish_schedule_run
from tests.factories import SupplierFactory, approved
from tests.matchmaking.scheduling_helpers import accepted, small_event
from tests.matchmaking.test_schedule_runs import live_meetings, run_now

pytestmark = pytest.mark.django_db
CHANGELIST = reverse("admin:matchmaking_schedulerun_changelist")


def run_page(run) -> str:
    return reverse("admin:matchmaking_schedulerun_change", args=[run.pk])


def confirm_page(run) -> str:
    return reverse("admin:matchmaking_schedulerun_publish", args=[run.pk])


class FormNesting(HTMLParser):
    """The deepest nesting of <form> elements in a page."""

    def __init__(self):
        super().__init__()
        self.depth = self.deepest = 0

    def handle_starttag(self, tag, attrs):
        if tag == "form":
            self.depth += 1
            self.deepest = max(self.deepest, self.depth)

    def handle_endtag(self, tag):
        if tag == "form":
            self.depth -= 1


def deepest_form(html: str) -> int:
    parser = FormNesting()
    parser.feed(html)
    return parser.deepest


@pytest.fixture
def draft(conference, django_capture_on_commit_callbacks):
    small_event(conference, buyers=2, suppliers=2)
    return run_now(conference, django_capture_on_commit_callbacks)


def test_run_page_links_to_the_confirmation_page_and_nests_no_form(organizer_client, draft):
    html = organizer_client.get(run_page(draft)).content.decode()

    # A form inside the change form would post to the read-only change view: a bare 403.
    assert deepest_form(html) == 1
    assert f'href="{confirm_page(draft)}"' in html


def test_publish_action_only_leads_to_the_confirmation_page(organizer_client, draft):
    response = organizer_client.post(CHANGELIST, {"action": "publish",
                                                  "_selected_action": [draft.pk]})

    assert response.status_code == 302 and response.url == confirm_page(draft)
    assert not Meeting.objects.exists() and not mail.outbox
    assert ScheduleRun.objects.get(pk=draft.pk).status == RunStatus.SUCCEEDED


def test_first_publication_from_the_confirmation_page(organizer_client, draft,
                                                      django_capture_on_commit_callbacks):
    page = organizer_client.get(confirm_page(draft))
    assert page.context["totals"] == {"kept": 0, "moved": 0, "new": 4, "cancelled": 0}
    assert page.context["notified"] == 4 and not mail.outbox

    with django_capture_on_commit_callbacks(execute=True):
        response = organizer_client.post(confirm_page(draft), {
            "changes": page.context["form"].initial["changes"]})

    assert response.url == run_page(draft)
    assert ScheduleRun.objects.get(pk=draft.pk).status == RunStatus.PUBLISHED
    assert live_meetings(draft.conference).count() == 4
    assert {m.subject for m in mail.outbox} == {
        f"Your meeting schedule for {draft.conference}"}


@pytest.fixture
def changed(conference, organizer, django_capture_on_commit_callbacks):
    """A live 2 x 2 schedule, then: b0 cancels its meeting with s0, s1 withdraws, and a
    new supplier s2 has a request with b1 accepted; a repair run is ready."""
    _grid, (b0, b1), (s0, s1), _requests = small_event(conference, buyers=2, suppliers=2)
    publish_schedule_run(run=run_now(conference, django_capture_on_commit_callbacks))
    booking.cancel_meeting(meeting=live_meetings(conference).get(request__recipient=b0,
                                                                 request__sender=s0),
                           enterprise=b0)
    accounts_services.withdraw_registration(registration=s1.registrations.get(),
                                            actor=organizer)
    s2 = approved(conference, SupplierFactory(legal_name="Zeta Soft")).enterprise
    accepted(conference, b1, s2)
    mail.outbox.clear()
    run = run_now(conference, django_capture_on_commit_callbacks, mode="repair")
    return run, {"b0": b0, "b1": b1, "s0": s0, "s1": s1, "s2": s2}


def counts_by_company(page) -> dict:
    return {row["enterprise"].pk: (row["kept"], row["moved"], row["new"], row["cancelled"])
            for row in page.context["companies"]}


def test_confirmation_page_shows_the_changes_in_total_and_per_company(organizer_client,
                                                                      changed):
    run, c = changed
    live_before = set(live_meetings(run.conference).values_list("pk", "slot", "table"))

    page = organizer_client.get(confirm_page(run))

    assert page.context["totals"] == {"kept": 1, "moved": 0, "new": 1, "cancelled": 2}
    assert counts_by_company(page) == {
        c["b1"].pk: (1, 0, 1, 1), c["s1"].pk: (0, 0, 0, 2), c["b0"].pk: (0, 0, 0, 1),
        c["s2"].pk: (0, 0, 1, 0), c["s0"].pk: (1, 0, 0, 0)}
    assert [row["enterprise"] for row in page.context["companies"]][:2] == sorted(
        [c["b1"], c["s1"]], key=str)  # the most affected first
    assert page.context["notified"] == 4
    assert set(live_meetings(run.conference).values_list("pk", "slot", "table")) == live_before
    assert not mail.outbox


def test_confirmation_page_sorts_by_a_column(organizer_client, changed):
    run, c = changed

    page = organizer_client.get(confirm_page(run), {"sort": "new"})

    assert [row["new"] for row in page.context["companies"]] == [1, 1, 0, 0, 0]


def test_confirming_tells_only_the_companies_whose_meetings_changed(
        organizer_client, changed, django_capture_on_commit_callbacks):
    run, c = changed
    fingerprint = organizer_client.get(confirm_page(run)).context["form"].initial["changes"]

    with django_capture_on_commit_callbacks(execute=True):
        organizer_client.post(confirm_page(run), {"changes": fingerprint})

    told = {m.to[0] for m in mail.outbox}
    delegates = {name: set(e.delegates.values_list("email", flat=True)) for name, e in c.items()}
    assert told == delegates["b0"] | delegates["b1"] | delegates["s1"] | delegates["s2"]
    [to_b1] = [m for m in mail.outbox if m.to[0] in delegates["b1"]]
    new_part, cancelled_part = to_b1.body.split("New meetings")[1].split("Cancelled meetings")
    assert "Moved" not in to_b1.body
    assert "Zeta Soft" in new_part and str(c["s1"]) not in new_part
    assert str(c["s1"]) in cancelled_part.split("See your agenda")[0]


def test_confirming_after_the_live_schedule_changed_publishes_nothing(organizer_client,
                                                                      changed):
    run, c = changed
    fingerprint = organizer_client.get(confirm_page(run)).context["form"].initial["changes"]
    booking.cancel_meeting(meeting=live_meetings(run.conference).get(request__sender=c["s0"]),
                           enterprise=None)

    response = organizer_client.post(confirm_page(run), {"changes": fingerprint}, follow=True)

    assert ScheduleRun.objects.get(pk=run.pk).status == RunStatus.SUCCEEDED
    assert "changed since you reviewed" in response.content.decode()
    assert response.context["totals"]["cancelled"] == 2  # the page shows the new difference


def test_reviewer_cannot_open_the_confirmation_page(reviewer_client, draft):
    assert reviewer_client.get(confirm_page(draft)).status_code == 403
    assert reviewer_client.post(confirm_page(draft), {"changes": "x"}).status_code == 403
    assert not Meeting.objects.exists()


def test_confirmation_page_query_count_is_fixed(organizer_client, changed,
                                                django_assert_max_num_queries):
    run, _c = changed

    # Session, user, permissions (2), the run, then the difference in 9 queries.
    with django_assert_max_num_queries(14):
        page = organizer_client.get(confirm_page(run))

    assert page.context["totals"]["new"] == 1


def test_a_published_run_offers_no_second_publication(organizer_client, draft):
    publish_schedule_run(run=draft)

    page = organizer_client.get(confirm_page(draft))

    assert "Only a finished draft can be published" in page.context["refusal"]
    assert "form" not in page.context
