"""Webhook delivery: signed POSTs, retried with exponential backoff, never sent twice.

The delivery row is locked while it is sent, and marked succeeded in the same
transaction, so a duplicate task (a redelivered Celery message) waits and then
finds it done. Only transient failures are retried: network errors, timeouts,
5xx and 429. A 4xx answer is the receiver's refusal and is final. The attempt
count lives on the row, not in the Celery message, so a requeued delivery keeps
its place in the backoff.

Eager mode (development, tests) has no broker to hold a delayed retry: a
failed attempt stays pending with its `next_attempt_at`, for
`retry_due_webhooks` or the admin's "redeliver".
"""

import datetime as dt
import hashlib
import hmac
import ipaddress
import json
import logging
import socket
import time
import urllib.error
import urllib.parse
import urllib.request

from celery import shared_task
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from events.services import record_audit
from matchmaking.models import WebhookDelivery
from matchmaking.outbox import relay

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 9  # the first try and 8 retries
TIMEOUT_SECONDS = 10
# A pending delivery this late lost its Celery retry (worker or broker died).
LATE = dt.timedelta(minutes=5)
# A delivery never tried this long after it was due missed its after-commit hand-over (the
# broker was down): like the outbox's e-mails, it goes with the next sweep.
NEVER_TRIED = dt.timedelta(minutes=1)
# 30 s, 1, 2, 4, 8, 16 min, then 30 min: below the broker's visibility timeout.
BASE_DELAY, MAX_DELAY = 30, 1800
Status = WebhookDelivery.Status


class Transient(Exception):
    """A failure worth retrying; `wait` is the receiver's Retry-After, if any."""

    def __init__(self, message: str, status_code: int | None = None, wait: int = 0):
        super().__init__(message)
        self.status_code, self.wait = status_code, wait


def sign(secret: str, timestamp: str, body: bytes) -> str:
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"sha256={digest.hexdigest()}"


def envelope(delivery: WebhookDelivery) -> bytes:
    event = delivery.event
    return json.dumps({"id": str(event.id), "type": event.type,
                       "created": event.created_at.isoformat(), "data": event.payload},
                      separators=(",", ":"), sort_keys=True).encode()


def post(delivery: WebhookDelivery) -> int:
    """Send once; the HTTP status of a definitive answer, or Transient."""
    body, timestamp = envelope(delivery), str(int(time.time()))
    request = urllib.request.Request(delivery.subscription.url, data=body, method="POST", headers={
        "Content-Type": "application/json", "User-Agent": "matchmaking-webhooks/1",
        "X-Matchmaking-Event": delivery.event.type,
        "X-Matchmaking-Delivery": str(delivery.pk),
        "X-Matchmaking-Timestamp": timestamp,
        "X-Matchmaking-Signature": sign(delivery.subscription.secret, timestamp, body),
    })
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310 (the partner's own http(s) URL)
            return response.status
    except urllib.error.HTTPError as error:
        if error.code >= 500 or error.code == 429:
            wait = error.headers.get("Retry-After", "")
            raise Transient(f"HTTP {error.code}", error.code,
                            int(wait) if wait.isdigit() else 0) from error
        return error.code
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        raise Transient(f"{type(error).__name__}: {getattr(error, 'reason', error)}") from error


def blocked_reason(url: str) -> str:
    """Why a URL may not be called, or "": a partner's URL must not reach into our own
    network (loopback, private, link-local addresses) unless the deployment allows it."""
    if settings.WEBHOOK_ALLOW_PRIVATE_ADDRESSES:
        return ""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return "Only http and https URLs are delivered."
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or 443, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError):
        return ""  # unresolvable now: the attempt fails and is retried like any network error
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%")[0])
        if not address.is_global:
            return f"{address} is not a public address; webhooks are not sent there."
    return ""


def backoff(failures: int, wait: int = 0) -> int:
    """Seconds before the next try after `failures` failed attempts (1, 2, ...)."""
    return relay.backoff(failures, base=BASE_DELAY, cap=MAX_DELAY, wait=wait)


def attempt(delivery_id: int) -> int | None:
    """One locked attempt; returns a countdown when it should be retried."""
    with transaction.atomic():
        delivery = (WebhookDelivery.objects.select_for_update(of=("self",))
                    .select_related("subscription", "event").filter(pk=delivery_id).first())
        if delivery is None or delivery.status != Status.PENDING:
            return None
        delivery.attempts += 1
        blocked = blocked_reason(delivery.subscription.url)
        if blocked:
            _record(delivery, Status.FAILED, None, blocked, None)
            return None
        try:
            code = post(delivery) if delivery.subscription.is_active else None
        except Transient as error:
            last = delivery.attempts >= MAX_ATTEMPTS
            countdown = None if last else backoff(delivery.attempts, error.wait)
            _record(delivery, Status.FAILED if last else Status.PENDING, error.status_code,
                    str(error), countdown)
            return countdown
        if code is None:
            _record(delivery, Status.FAILED, None, "The subscription is inactive.", None)
        elif 200 <= code < 300:
            _record(delivery, Status.SUCCEEDED, code, "", None)
        else:
            _record(delivery, Status.FAILED, code, f"HTTP {code}: refused by the receiver", None)
    return None


def _record(delivery, status, code, error, countdown) -> None:
    now = timezone.now()
    delivery.status, delivery.last_status_code, delivery.last_error = status, code, error[:2000]
    delivery.next_attempt_at = now + dt.timedelta(seconds=countdown) if countdown else None
    if status == Status.SUCCEEDED:
        delivery.delivered_at = now
    delivery.save()
    logger.info("webhook delivery %s attempt %s: %s %s %s", delivery.pk, delivery.attempts,
                status, code or "", error)


@shared_task(bind=True, name="matchmaking.deliver_webhook", max_retries=MAX_ATTEMPTS,
             acks_late=True)
def deliver_webhook(self, delivery_id: int) -> None:
    countdown = attempt(delivery_id)
    if countdown is not None and not self.request.is_eager:
        raise self.retry(countdown=countdown)


@shared_task(name="matchmaking.retry_due_webhooks")
def retry_due_webhooks() -> int:
    """Requeue pending deliveries whose first try or retry is overdue; run every minute by
    beat. A copy handed over twice is harmless: the delivery is locked while it is sent."""
    now = timezone.now()
    overdue = (Q(attempts=0, next_attempt_at__lte=now - NEVER_TRIED)
               | Q(next_attempt_at__lte=now - LATE))
    due = list(WebhookDelivery.objects.filter(overdue, status=Status.PENDING)
               .order_by("next_attempt_at").values_list("pk", flat=True)[:500])
    queued = relay.sweep(deliver_webhook, due)
    logger.info("requeued %s of %s overdue webhook deliveries", queued, len(due))
    return queued


@transaction.atomic
def redeliver(*, deliveries, actor=None) -> int:
    """Send chosen deliveries again (admin action), whatever their state."""
    pks = [d.pk for d in deliveries]
    WebhookDelivery.objects.filter(pk__in=pks).update(
        status=Status.PENDING, attempts=0, next_attempt_at=timezone.now(), last_error="")
    for delivery in WebhookDelivery.objects.filter(pk__in=pks):
        record_audit(actor=actor, action="webhook.redeliver", target=delivery)
        relay.relay_after_commit(deliver_webhook, delivery.pk)
    return len(pks)
