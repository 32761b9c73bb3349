"""The broker (and the cache, the same Redis) stops for 10 s while companies work: pages
and the API keep answering, every change is saved, and once Redis is back the worker
resumes and the sweepers hand over what waited: every e-mail and webhook leaves exactly
once. Redis here is a private server without persistence, so whatever it held when it
stopped is gone, as after a real crash.

The sweeps run in this process at the moment beat would run them (their waiting times
moved into the past); `bench/faults/broker_outage.py` waits for a real beat."""

import datetime as dt
import shutil
import time
from collections import Counter

import pytest
from django.db.models import F
from django.test import Client

from matchmaking.models import MeetingRequest, WebhookDelivery, WebhookSubscription
from matchmaking.outbox.models import EmailStatus, OutgoingEmail
from matchmaking.outbox.tasks import sweep_outbox
from matchmaking.tasks.webhooks import retry_due_webhooks
from tests import factories
from tests.api.conftest import bearer, company_client, partner_key
from tests.api.receiver import Receiver
from tests.conftest import require
from tests.faults.workers import CeleryOn, RedisServer, start_worker, stop_worker
from tests.matchmaking.test_worker_kill import wait_for
from tests.outbox.helpers import messages_written, time_passes

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]
OUTAGE_SECONDS = 10


@pytest.fixture
def redis_server(tmp_path, settings):
    require(shutil.which("redis-server") is not None, "needs redis-server")
    server = RedisServer(tmp_path)
    server.start()
    settings.CACHES = {"default": {"BACKEND": "matchmaking.cache.FailOpenRedisCache",
                                   "LOCATION": server.url(1)}}
    yield server
    server.stop()


class Company:
    """A supplier working through the portal and the API; records every status it got."""

    def __init__(self, conference, buyers):
        self.conference, self.buyers, self.statuses = conference, list(buyers), []
        supplier = factories.approved(conference, factories.SupplierFactory()).enterprise
        self.api = company_client(supplier)
        self.portal = Client(raise_request_exception=False)
        self.portal.force_login(factories.CompanyUserFactory(enterprise=supplier))
        self.partner_row, raw = partner_key(conference)
        self.partner = bearer(raw)
        for client in (self.api, self.partner):
            client.raise_request_exception = False

    def work(self) -> None:
        """Pages, a read, and one meeting request (an e-mail and a webhook)."""
        responses = [self.portal.get("/portal/"), self.partner.get("/api/v1/conferences/"),
                     self.api.post("/api/v1/meeting-requests/", {
                         "conference": self.conference.slug, "recipient": self.buyers.pop().pk,
                         "purpose": "investment"}, format="json")]
        self.statuses += [r.status_code for r in responses]


def emails_since(first: int):
    return OutgoingEmail.objects.filter(pk__gt=first)


def test_ten_seconds_without_redis_lose_and_duplicate_nothing(conference, redis_server,
                                                              tmp_path):
    company = Company(conference, [factories.approved(conference).enterprise
                                   for _ in range(6)])
    first = OutgoingEmail.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    mails = tmp_path / "mails"
    mails.mkdir()
    worker = start_worker(tmp_path / "worker.log", redis_server.url(), pool="solo",
                          env={"EMAIL_URL": f"filemail:///{mails}"})
    with Receiver() as receiver, CeleryOn(redis_server.url()):
        WebhookSubscription.objects.create(partner=company.partner_row, url=receiver.url,
                                           secret="s", events=["meeting_request.created"])
        try:
            company.work()
            company.work()
            wait_for(lambda: not emails_since(first).exclude(status=EmailStatus.SENT).exists()
                     and len(receiver.calls) == 2, 120, "the worker to send before the outage")

            redis_server.stop()
            stopped = time.monotonic()
            company.work()
            company.work()
            time.sleep(max(0.0, OUTAGE_SECONDS - (time.monotonic() - stopped)))
            waiting = (emails_since(first).filter(status=EmailStatus.PENDING).count(),
                       WebhookDelivery.objects.filter(status="pending").count())
            redis_server.start()

            company.work()
            company.work()
            # What beat does a minute later.
            time_passes(minutes=2)
            WebhookDelivery.objects.filter(status="pending").update(
                next_attempt_at=F("next_attempt_at") - dt.timedelta(minutes=2))
            swept = sweep_outbox()["queued"], retry_due_webhooks()
            wait_for(lambda: not emails_since(first).exclude(status=EmailStatus.SENT).exists()
                     and len(receiver.calls) == 6, 120, "everything to be delivered")
        finally:
            stop_worker(worker)

    emails = emails_since(first)
    deliveries = WebhookDelivery.objects.all()
    assert set(company.statuses) <= {200, 201} and len(company.statuses) == 18
    assert MeetingRequest.objects.count() == 6
    assert waiting[0] >= 2 and waiting[1] == 2  # the outage's changes waited as rows
    assert swept[0] >= 2 and swept[1] >= 2
    assert emails.count() == messages_written(mails.iterdir()) >= 6
    assert set(emails.values_list("attempts", flat=True)) == {1}
    assert deliveries.count() == 6 and set(deliveries.values_list("status", flat=True)) == {
        "succeeded"}
    posted = Counter(call["headers"]["X-Matchmaking-Delivery"] for call in receiver.calls)
    assert sorted(posted) == sorted(str(pk) for pk in deliveries.values_list("pk", flat=True))
    assert set(posted.values()) == {1}
