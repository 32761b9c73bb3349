"""What the portal keeps in the cache between requests is forgotten by the services that
change it, and never crosses from one company, conference or language to another."""

import re

import pytest
from django.test import Client

from matchmaking.agenda.services import issue_feed_token, revoke_feed_token
from matchmaking.messaging.services import mark_thread_read, open_thread, post_message
from matchmaking.services.booking import book_meeting, move_meeting
from tests.factories import EnterpriseFactory, approved, slots
from tests.portal.conftest import client_for
from tests.portal.helpers import accepted, publish

pytestmark = pytest.mark.django_db


def unread_badge(response) -> int:
    """The unread count in the portal's navigation (0 when it shows none)."""
    found = re.search(r'badge-pending">(\d+)<span class="visually-hidden"> unread',
                      response.content.decode())
    return int(found.group(1)) if found else 0


def test_the_unread_count_follows_new_messages_and_reading(conference, buyer, supplier):
    accepted(conference, buyer, supplier)
    thread = open_thread(conference=conference, enterprise=supplier, counterpart=buyer)
    buyer_client, supplier_client = client_for(Client(), buyer), client_for(Client(), supplier)
    before = unread_badge(buyer_client.get("/portal/directory/"))

    post_message(thread=thread, sender=supplier, body="Shall we meet on Tuesday?")
    post_message(thread=thread, sender=supplier, body="Or Wednesday?")
    after_posting = unread_badge(buyer_client.get("/portal/directory/"))
    writer_sees = unread_badge(supplier_client.get("/portal/directory/"))
    mark_thread_read(thread=thread, enterprise=buyer)
    after_reading = unread_badge(buyer_client.get("/portal/directory/"))

    assert (before, after_posting, writer_sees, after_reading) == (0, 2, 0, 0)


def test_one_companys_unread_count_is_not_anothers(conference, buyer, supplier):
    accepted(conference, buyer, supplier)
    thread = open_thread(conference=conference, enterprise=supplier, counterpart=buyer)
    post_message(thread=thread, sender=supplier, body="Hello")
    other = approved(conference, EnterpriseFactory()).enterprise

    counts = [unread_badge(client_for(Client(), side).get("/portal/directory/"))
              for side in (buyer, other, buyer)]

    assert counts == [1, 0, 1]


def test_the_calendar_address_appears_and_goes_with_the_service(conference, buyer,
                                                                  buyer_client):
    publish(conference)
    shown_before = buyer_client.get("/portal/agenda/").context["feed_url"]

    token = issue_feed_token(conference=conference, enterprise=buyer, actor=None)
    shown_issued = buyer_client.get("/portal/agenda/").context["feed_url"]
    revoke_feed_token(conference=conference, enterprise=buyer, actor=None)
    shown_revoked = buyer_client.get("/portal/agenda/").context["feed_url"]

    assert shown_before == "" and shown_revoked == ""
    assert shown_issued.endswith(f"/portal/agenda/feed/{token.secret}.ics")


def test_a_moved_meeting_shows_at_its_new_time_on_both_agendas(conference, buyer, supplier):
    first, _second, third = slots(conference, 3)
    request = accepted(conference, buyer, supplier)
    publish(conference)
    meeting = book_meeting(request=request, slot=first, enterprise=supplier)
    clients = [client_for(Client(), side) for side in (buyer, supplier)]
    for client in clients:
        assert "09:00–09:30" in client.get("/portal/agenda/").content.decode()

    move_meeting(meeting=meeting, slot=third, enterprise=supplier)

    for client in clients:
        page = client.get("/portal/agenda/").content.decode()
        assert "10:00–10:30" in page and "09:00–09:30" not in page


def test_the_directory_names_countries_in_each_readers_language(conference, buyer,
                                                                 buyer_client):
    approved(conference, EnterpriseFactory(legal_name="Berlin Buyer", country="DE",
                                           role="supplier"))

    english = buyer_client.get("/portal/directory/").content.decode()
    chinese = buyer_client.get("/zh-hans/portal/directory/").content.decode()
    english_again = buyer_client.get("/portal/directory/").content.decode()

    assert ">Germany</option>" in english and ">Germany</option>" in english_again
    assert ">德国</option>" in chinese and ">Germany</option>" not in chinese


def test_a_star_set_in_the_directory_shows_on_its_next_page(conference, buyer, buyer_client):
    target = approved(conference, EnterpriseFactory(legal_name="Star Supplier",
                                                    role="supplier")).enterprise
    buyer_client.get("/portal/directory/")

    buyer_client.post(f"/portal/shortlist/{target.pk}/", {"listed": "1"})
    cards = buyer_client.get("/portal/directory/").context["cards"]
    only_listed = buyer_client.get("/portal/directory/", {"shortlisted": "on"}).context["cards"]

    assert [(c.enterprise, c.listed) for c in cards] == [(target, True)]
    assert [c.enterprise for c in only_listed] == [target]


def test_the_directory_filter_shows_each_requests_own_choice(conference, buyer, buyer_client):
    approved(conference, EnterpriseFactory(legal_name="Berlin Buyer", country="DE",
                                           role="supplier"))
    chosen = '<option value="DE" selected>Germany</option>'

    pages = [buyer_client.get("/portal/directory/", query).content.decode()
             for query in ({}, {"country": "DE"}, {})]

    assert [chosen in page for page in pages] == [False, True, False]
    assert all('<option value="DE">Germany</option>' in page for page in (pages[0], pages[2]))
