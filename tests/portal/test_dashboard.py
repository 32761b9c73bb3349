import pytest

from tests.factories import (
    ConferenceFactory,
    EnterpriseFactory,
    SupplierFactory,
    approved,
    registered,
)
from tests.portal.conftest import client_for

pytestmark = pytest.mark.django_db


def test_dashboard_counts_requests_and_meetings(buyer_client, conference, buyer):
    from matchmaking.services.requests import send_meeting_request

    for _ in range(2):
        supplier = approved(conference, SupplierFactory()).enterprise
        send_meeting_request(conference=conference, sender=supplier, recipient=buyer,
                             purpose="investment")

    response = buyer_client.get("/portal/")

    assert response.context["counts"] == {"received": 2, "sent": 0, "accepted": 0}
    assert "Approved" in response.content.decode()


def test_unapproved_company_sees_status_and_failing_rules(client, conference):
    enterprise = EnterpriseFactory(contract_value_usd=5_000_000)
    registered(conference, enterprise)
    client_for(client, enterprise)

    page = client.get("/portal/").content.decode()

    assert "Submitted" in page
    assert "Offers USD 5,000,000; at least USD 8,000,000 is required." in page


@pytest.mark.parametrize("url", [
    "/portal/directory/", "/portal/recommended/", "/portal/requests/",
    "/portal/availability/", "/portal/requests/new/1/",
])
def test_every_matchmaking_page_refuses_an_unapproved_company(client, conference, url):
    enterprise = EnterpriseFactory()
    registered(conference, enterprise)
    client_for(client, enterprise)

    response = client.get(url)

    assert response.status_code == 403
    assert "Matchmaking opens to your company once the organizers approve it" in \
        response.content.decode()


def test_matchmaking_pages_refuse_before_matchmaking_opens(client):
    conference = ConferenceFactory(status="registration_open")
    client_for(client, approved(conference).enterprise)

    response = client.get("/portal/directory/")

    assert response.status_code == 403
    assert "Matchmaking is not open yet" in response.content.decode()


def test_switcher_changes_the_current_conference(buyer_client, buyer, conference):
    other = ConferenceFactory(name="Autumn Fair", start_date=conference.start_date,
                              end_date=conference.end_date)
    approved(other, buyer)

    switch = buyer_client.post("/portal/conference/", {"conference": other.pk,
                                                       "next": "/portal/requests/"})
    page = buyer_client.get("/portal/requests/")

    assert switch["Location"] == "/portal/requests/"
    assert page.context["conference"] == other


def test_switcher_ignores_a_conference_the_company_is_not_registered_for(
        buyer_client, conference):
    stranger = ConferenceFactory()

    buyer_client.post("/portal/conference/", {"conference": stranger.pk})

    assert buyer_client.get("/portal/").context["conference"] == conference


@pytest.mark.parametrize("target", ["https://evil.example/", "x", "admin:index"])
def test_switcher_refuses_an_outside_or_unknown_redirect(buyer_client, conference, target):
    response = buyer_client.post("/portal/conference/", {"conference": conference.pk,
                                                         "next": target})

    assert response["Location"] == "/portal/"


def test_closed_conference_is_not_the_default(client, buyer):
    closed = ConferenceFactory(status="closed")
    approved(closed, buyer)
    client_for(client, buyer)

    assert client.get("/portal/").context["conference"].status == "matchmaking_open"


def test_staff_cannot_reach_the_profile(organizer_client):
    assert organizer_client.get("/accounts/profile/")["Location"] == "/admin/"


def test_dashboard_in_chinese(buyer_client):
    response = buyer_client.get("/zh-hans/portal/")

    page = response.content.decode()
    assert '<html lang="zh-hans">' in page
    assert 'href="/zh-hans/portal/directory/"' in page
