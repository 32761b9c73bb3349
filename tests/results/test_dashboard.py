"""The organizers' dashboard: its figures, the previous edition, and who may open it."""

import pytest
from django.utils import translation

from accounts.models import Registration
from matchmaking.exhibition.services import set_exhibitor
from matchmaking.onsite.services import check_in_delegate, mark_attendance
from matchmaking.results.dashboard import build_dashboard
from matchmaking.services.outcomes import record_meeting_outcome
from tests.factories import ConferenceFactory, EnterpriseFactory, registered

pytestmark = pytest.mark.django_db


@pytest.fixture
def small(meetings, conference, fields):
    """Three meetings this edition (20 M intended, one signed), a previous edition with
    two registrations."""
    made = meetings(3)
    m1, b1, s1 = made.make(buyer_country="US")
    m2, b2, _s2 = made.make(buyer_country="JP")
    made.make(buyer_country="JP")
    record_meeting_outcome(meeting=m1, enterprise=b1, result="likely",
                           intended_investment_usd=12_000_000, field=fields["software"])
    record_meeting_outcome(meeting=m1, enterprise=s1, result="likely",
                           intended_investment_usd=9_000_000, field=fields["software"])
    record_meeting_outcome(meeting=m2, enterprise=b2, result="signed",
                           intended_investment_usd=8_000_000, field=fields["pharma"])
    previous = ConferenceFactory(edition=conference.edition - 1, slug="previous",
                                 name="Previous conference")
    for _ in range(4):
        registered(previous, EnterpriseFactory())
    return conference


def test_dashboard_figures_against_the_previous_edition(small):
    board = build_dashboard(small)

    figures = {f.key: f for f in board.headlines}
    assert board.previous.slug == "previous"
    assert (figures["registrations"].value, figures["registrations"].previous) == (6, 4)
    assert figures["registrations"].growth_display == "+50 %"
    assert (figures["meetings"].value, figures["requests_accepted"].value) == (3, 3)
    assert (figures["investment"].value, figures["investment"].previous) == (20_000_000, 0)
    assert (figures["signed_count"].value, figures["signed_value"].value) == (1, 8_000_000)
    assert board.meetings_per_company["histogram"] == [(1, 6)]
    charts = {chart.title: chart for chart in board.charts}
    assert [(b.label, b.value) for b in charts["Intended investment by country"].bars] == [
        ("United States of America", 12_000_000), ("Japan", 8_000_000)]


def test_dashboard_counts_the_day_against_the_previous_edition(small, organizer):
    made = list(small.meetings.order_by("pk"))
    mark_attendance(meeting=made[0], status="held", actor=organizer)
    mark_attendance(meeting=made[1], status="no_show", actor=organizer,
                    absent=made[1].request.sender)
    buyer = made[0].request.recipient if made[0].request.recipient.is_buyer else (
        made[0].request.sender)
    check_in_delegate(conference=small, delegate=buyer.delegates.first(), actor=organizer)
    foreign = Registration.objects.get(conference=small, enterprise=buyer)
    set_exhibitor(registration=foreign, booth=None, actor=organizer)

    board = build_dashboard(small)

    onsite = {f.key: (f.value, f.previous) for f in board.onsite}
    assert onsite == {"check_ins": (1, 0), "held": (1, 0), "no_show": (1, 0),
                      "exhibitors": (1, 0), "foreign_exhibitors": (1, 0)}


def test_dashboard_page_shows_total_and_charts_for_organizers_only(
        small, organizer_client, reviewer, client):
    url = f"/admin/results/conferenceresults/{small.pk}/change/"

    page = organizer_client.get(url).content.decode()
    client.force_login(reviewer)

    assert "USD 20,000,000" in page and "<svg" in page and "+50 %" in page
    assert "Registrations by country" in page
    assert client.get(url).status_code == 403


def test_dashboard_reads_in_chinese(small, organizer_client):
    url = f"/zh-hans/admin/results/conferenceresults/{small.pk}/change/"

    with translation.override("en"):
        page = organizer_client.get(url).content.decode()

    assert "美国" in page and "医药研发" in page
    assert Registration.objects.filter(conference=small).count() == 6
