"""The thread pages of the portal: who may open them, escaping, unread counts in the nav."""

import pytest
from django.urls import reverse

from matchmaking.messaging.models import Message
from matchmaking.messaging.services import open_thread, post_message
from matchmaking.services.requests import send_meeting_request
from tests.factories import ConferenceFactory, SupplierFactory, approved

pytestmark = pytest.mark.django_db


def signed_in(client, user):
    client.force_login(user)
    return client


def test_a_company_writes_to_a_company_it_has_a_request_with(client, pair):
    browser = signed_in(client, pair.users["buyer"])

    response = browser.post(reverse("messaging:start", args=[pair.supplier.pk]),
                            {"body": "Shall we meet at 10?"})

    message = Message.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("messaging:thread", args=[message.thread_id])
    assert (message.sender, message.author) == (pair.buyer, pair.users["buyer"])


def test_no_thread_page_for_a_company_without_a_request(client, pair):
    browser = signed_in(client, pair.users["stranger"])

    response = browser.post(reverse("messaging:start", args=[pair.buyer.pk]), {"body": "Hi"})

    assert response.status_code == 404
    assert not Message.objects.exists()


def test_another_company_cannot_read_or_write_a_thread(client, pair):
    thread = open_thread(conference=pair.conference, enterprise=pair.buyer,
                         counterpart=pair.supplier)
    post_message(thread=thread, sender=pair.buyer, body="Private terms")
    browser = signed_in(client, pair.users["stranger"])
    url = reverse("messaging:thread", args=[thread.pk])

    assert browser.get(url).status_code == 404
    assert browser.post(url, {"body": "Let me in"}).status_code == 404
    assert Message.objects.count() == 1


def test_a_thread_of_another_conference_stays_closed(client, pair):
    elsewhere = ConferenceFactory(status="matchmaking_open")
    outsider = approved(elsewhere).enterprise
    other = approved(elsewhere, SupplierFactory()).enterprise
    send_meeting_request(conference=elsewhere, sender=outsider, recipient=other,
                         purpose="investment")
    thread = open_thread(conference=elsewhere, enterprise=outsider, counterpart=other)
    browser = signed_in(client, pair.users["buyer"])

    assert browser.get(reverse("messaging:thread", args=[thread.pk])).status_code == 404


def test_messages_are_shown_escaped_with_line_breaks(client, pair):
    thread = open_thread(conference=pair.conference, enterprise=pair.buyer,
                         counterpart=pair.supplier)
    post_message(thread=thread, sender=pair.supplier,
                 body='<script>alert("x")</script>\n<b>bold</b>')
    browser = signed_in(client, pair.users["buyer"])

    page = browser.get(reverse("messaging:thread", args=[thread.pk])).content.decode()

    assert "<script>alert" not in page and "<b>bold</b>" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;<br>&lt;b&gt;bold&lt;/b&gt;" in page


def test_the_nav_counts_unread_messages_until_the_thread_is_opened(client, pair):
    thread = open_thread(conference=pair.conference, enterprise=pair.buyer,
                         counterpart=pair.supplier)
    post_message(thread=thread, sender=pair.supplier, body="One")
    post_message(thread=thread, sender=pair.supplier, body="Two")
    browser = signed_in(client, pair.users["buyer"])

    before = browser.get(reverse("portal:requests")).content.decode()
    browser.get(reverse("messaging:thread", args=[thread.pk]))
    after = browser.get(reverse("portal:requests")).content.decode()

    assert '<span class="badge badge-pending">2<span class="visually-hidden"> unread' in before
    assert "visually-hidden\"> unread" not in after


def test_an_overlong_message_is_a_form_error(client, pair):
    browser = signed_in(client, pair.users["buyer"])

    response = browser.post(reverse("messaging:start", args=[pair.supplier.pk]),
                            {"body": "x" * 2001})

    assert response.status_code == 400
    assert "at most 2000 characters" in response.content.decode()
    assert not Message.objects.exists()


def test_the_request_list_links_to_the_thread(client, pair):
    browser = signed_in(client, pair.users["buyer"])

    page = browser.get(reverse("portal:requests")).content.decode()

    assert reverse("messaging:start", args=[pair.supplier.pk]) in page
