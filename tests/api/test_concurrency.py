"""Two identical POSTs with one Idempotency-Key at the same time: the unique constraint on
(owner, key) decides, and exactly one request is created."""

import threading

import pytest
from django.db import connections

from matchmaking.models import IdempotencyRecord, MeetingRequest
from tests.api.conftest import bearer, partner_key
from tests.factories import SupplierFactory, approved


@pytest.mark.django_db(transaction=True)
def test_racing_requests_with_one_idempotency_key_create_once(conference):
    buyer = approved(conference).enterprise
    seller = approved(conference, SupplierFactory()).enterprise
    _partner, raw = partner_key(conference, organizer=True)  # sends for any enterprise
    body = {"conference": conference.slug, "sender": seller.pk, "recipient": buyer.pk,
            "purpose": "investment"}
    start, results = threading.Barrier(4), []

    def post():
        try:
            start.wait()
            response = bearer(raw).post("/api/v1/meeting-requests/", body, format="json",
                                        HTTP_IDEMPOTENCY_KEY="race-1")
            results.append((response.status_code, response.json()))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=post) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert MeetingRequest.objects.count() == 1
    assert IdempotencyRecord.objects.count() == 1
    created = [body for status, body in results if status == 201]
    assert created and all(b["id"] == MeetingRequest.objects.get().pk for b in created)
    assert {status for status, _body in results} <= {201, 409}
