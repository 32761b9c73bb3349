"""Every list endpoint runs a fixed number of queries, however many rows it returns."""

import pytest
from django.urls import reverse

from matchmaking.messaging.models import Thread
from matchmaking.messaging.services import open_thread, post_message
from matchmaking.models import ScheduleRun, WebhookSubscription
from matchmaking.services import booking
from matchmaking.services import requests as svc
from matchmaking.services.outcomes import record_meeting_outcome
from tests.api.conftest import bearer, partner_key
from tests.factories import SupplierFactory, approved, slots, took_place

pytestmark = pytest.mark.django_db

LISTS = ["conference-list", "industry-field-list", "slot-list", "table-list",
         "enterprise-list", "registration-list", "delegate-list", "meeting-request-list",
         "meeting-list", "outcome-list", "schedule-run-list", "webhook-list", "thread-list"]
# Authentication (key, conferences) + count-free cursor page + prefetches.
MAX_QUERIES = 7


@pytest.fixture
def busy(conference):
    """Several rows of every kind, seen by an organizer key."""
    conference.status = "scheduled"
    conference.save()
    grid = slots(conference, 6, tables=6)
    buyer = approved(conference, delegates=2).enterprise
    for hours_ago, slot in enumerate(grid[:5], start=1):
        seller = approved(conference, SupplierFactory(), delegates=2).enterprise
        request = svc.accept_meeting_request(request=svc.send_meeting_request(
            conference=conference, sender=seller, recipient=buyer, purpose="investment"),
            enterprise=buyer)
        meeting = booking.book_meeting(request=request, slot=slot, enterprise=buyer)
        took_place(slot, hours_ago=hours_ago)
        record_meeting_outcome(meeting=meeting, enterprise=seller, result="informative")
        thread = open_thread(conference=conference, enterprise=seller, counterpart=buyer)
        for n in range(3):
            post_message(thread=thread, sender=seller if n % 2 else buyer, body=f"Note {n}")
    partner, raw = partner_key(conference, organizer=True)
    for n in range(3):
        ScheduleRun.objects.create(conference=conference, status="failed")
        WebhookSubscription.objects.create(partner=partner, url=f"https://h.example/{n}",
                                           secret="x")
    return bearer(raw)


@pytest.mark.parametrize("name", LISTS)
def test_list_query_count_is_fixed(busy, name, django_assert_max_num_queries):
    with django_assert_max_num_queries(MAX_QUERIES):
        response = busy.get(reverse(f"api:{name}"))

    assert response.status_code == 200
    assert len(response.json()["results"]) >= 1


def test_every_list_route_is_pinned():
    from tests.api.test_authorization_matrix import COLLECTION_ROUTES

    assert set(LISTS) == COLLECTION_ROUTES - {"me"}


def test_thread_messages_query_count_is_fixed(busy, django_assert_max_num_queries):
    thread = Thread.objects.first()

    with django_assert_max_num_queries(MAX_QUERIES):
        response = busy.get(reverse("api:thread-messages", kwargs={"pk": thread.pk}))

    assert [row["body"] for row in response.json()["results"]] == ["Note 0", "Note 1",
                                                                   "Note 2"]
