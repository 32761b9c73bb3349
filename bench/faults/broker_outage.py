"""Redis (the broker and the cache) stopped for 10 s while companies work.

    python -m bench.faults.broker_outage [--redis-port 6391] [--pg-port 5439] [--web-port 8105]

Starts a private PostgreSQL cluster, a private Redis without persistence (broker on db 0,
the rate-limit cache on db 1), gunicorn (2 workers), a Celery worker (2 processes) and
beat, and a webhook receiver. Three threads load the portal page, an API list, and send
meeting requests through the API (each writes an e-mail and a webhook delivery). After
10 s Redis is stopped for 10 s (whatever it held is gone), then started again; the load
goes on 10 s more. Then it waits for the worker and beat to deliver everything and
prints: answers by phase and status, server errors, e-mails written / sent / files the
mail backend wrote, webhook deliveries / succeeded / POSTs received, any duplicate, and
the seconds from Redis's return until the last one left. Target: 0 server errors,
nothing lost, nothing twice.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import tempfile
import threading
import time
from collections import Counter

from bench.faults import processes as p
from bench.faults.seed import seed

OUTAGE = 10.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--redis-port", type=int, default=6391)
    parser.add_argument("--pg-port", type=int, default=5439)
    parser.add_argument("--web-port", type=int, default=8105)
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="faults-broker-")
    mails = os.path.join(work, "mails")
    os.mkdir(mails)
    cluster, redis = p.PostgresCluster(args.pg_port), p.RedisServer(args.redis_port)
    cluster.create()
    redis.start()
    servers = {"DATABASE_URL": cluster.url(), "CELERY_BROKER_URL": redis.url(0),
               "REDIS_URL": redis.url(0), "CACHE_URL": redis.url(1), "DEBUG": "false",
               "CELERY_TASK_ALWAYS_EAGER": "false", "EMAIL_URL": f"filemail:///{mails}",
               "WEBHOOK_ALLOW_PRIVATE_ADDRESSES": "true", "SECRET_KEY": "faults-broker",
               "LOG_LEVEL": "INFO"}
    running = []
    try:
        p.manage(servers, "migrate", "--no-input")
        # This process only seeds and reads: tasks eager, mail nowhere.
        p.django_setup({"DATABASE_URL": cluster.url(), "CELERY_TASK_ALWAYS_EAGER": "true",
                        "EMAIL_URL": "dummymail://", "LOG_LEVEL": "WARNING"})
        world = seed(buyers=60)
        from tests.api.receiver import Receiver

        with Receiver() as receiver:
            subscribe(world, receiver.url)
            running.append(p.gunicorn(servers, args.web_port, os.path.join(work, "web.log")))
            running.append(p.celery_worker(servers, os.path.join(work, "worker.log"), "faults",
                                           concurrency=2))
            running.append(p.celery_beat(servers, os.path.join(work, "beat.log"), work))
            p.worker_ready(os.path.join(work, "worker.log"))
            marks, answers, first_email = drive(world, args.web_port, redis)
            drained = wait_for_delivery(first_email, receiver, marks)
            report(answers, marks, drained, first_email, receiver, mails)
    finally:
        for process in reversed(running):
            p.stop(process)
        redis.stop()
        cluster.remove()
    print(f"logs: {work}")


def subscribe(world, url: str) -> None:
    from matchmaking.models import WebhookSubscription

    WebhookSubscription.objects.create(partner_id=world.partner_id, url=url, secret="s",
                                       events=["meeting_request.created"])


def drive(world, port: int, redis: p.RedisServer):
    from matchmaking.outbox.models import OutgoingEmail

    first_email = OutgoingEmail.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    base = f"http://127.0.0.1:{port}"
    buyers, lock = list(world.buyer_ids), threading.Lock()

    def send_request():
        with lock:
            buyer = buyers.pop() if buyers else None
        if buyer is None:
            return p.get(f"{base}/readyz")
        return p.request(f"{base}/api/v1/meeting-requests/", data={
            "conference": world.conference_slug, "recipient": buyer, "purpose": "investment"},
            headers={"Authorization": f"Bearer {world.company_key}"})

    calls = [
        lambda: p.get(f"{base}/portal/", headers={"Cookie": f"sessionid={world.session_cookie}"}),
        lambda: p.get(f"{base}/api/v1/conferences/",
                      headers={"Authorization": f"Bearer {world.partner_key}"}),
        send_request,
    ]
    marks = {}
    with p.Load(calls, threads=3, pause=0.4) as load:
        time.sleep(10)
        marks["stop"] = time.monotonic()
        redis.stop()
        time.sleep(OUTAGE)
        marks["pending_at_return"] = pending_counts(first_email)
        redis.start()
        marks["start"] = time.monotonic()
        time.sleep(10)
    marks["end"] = time.monotonic()
    return marks, load.answers, first_email


def pending_counts(first_email: int) -> tuple[int, int]:
    from matchmaking.models import WebhookDelivery
    from matchmaking.outbox.models import OutgoingEmail

    return (OutgoingEmail.objects.filter(pk__gt=first_email).exclude(status="sent").count(),
            WebhookDelivery.objects.exclude(status="succeeded").count())


def wait_for_delivery(first_email: int, receiver, marks) -> float:
    from matchmaking.models import WebhookDelivery

    def done():
        return (pending_counts(first_email) == (0, 0)
                and len(receiver.calls) >= WebhookDelivery.objects.count())

    p.wait_until(done, 600, "every e-mail and webhook to be delivered", step=1)
    return time.monotonic() - marks["start"]


def phase(answer: p.Answer, marks: dict) -> str:
    if answer.at < marks["stop"]:
        return "before"
    return "redis stopped" if answer.at < marks["start"] else "after"


def report(answers, marks, drained, first_email, receiver, mails) -> None:
    from matchmaking.models import MeetingRequest, WebhookDelivery
    from matchmaking.outbox.models import OutgoingEmail

    print(f"# Redis stopped {OUTAGE:.0f} s during activity, "
          f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC")
    by_phase = Counter((phase(a, marks), a.status) for a in answers)
    for name in ("before", "redis stopped", "after"):
        counts = {status: n for (ph, status), n in sorted(by_phase.items()) if ph == name}
        print(f"{name:>14}: {counts}")
    errors = [a for a in answers if a.status >= 500 or a.status == 0]
    created = sum(a.status == 201 for a in answers)
    during = sum(a.status == 201 and phase(a, marks) == "redis stopped" for a in answers)
    print(f"answers: {len(answers)}, server errors: {len(errors)}; meeting requests created: "
          f"{created} ({during} while Redis was down), in the database: "
          f"{MeetingRequest.objects.count()}")
    for answer in errors[:5]:
        print(f"  {answer.status} {answer.path}: {answer.body[:200]!r}")
    emails = OutgoingEmail.objects.filter(pk__gt=first_email)
    files = len(os.listdir(mails))
    attempts = Counter(emails.values_list("attempts", flat=True))
    print(f"e-mails: {emails.count()} written, {emails.filter(status='sent').count()} sent, "
          f"{files} handed to the mail backend, attempts {dict(attempts)}")
    deliveries = WebhookDelivery.objects.all()
    posted = Counter(call["headers"]["X-Matchmaking-Delivery"] for call in receiver.calls)
    twice = sum(1 for n in posted.values() if n > 1)
    print(f"webhooks: {deliveries.count()} deliveries, "
          f"{deliveries.filter(status='succeeded').count()} succeeded, {len(receiver.calls)} "
          f"POSTs received for {len(posted)} deliveries, {twice} received twice")
    print(f"waiting as rows when Redis came back: {marks['pending_at_return'][0]} e-mails, "
          f"{marks['pending_at_return'][1]} webhooks")
    print(f"everything delivered {drained:.0f} s after Redis was back")
    ok = (not errors and emails.count() == files == emails.filter(status="sent").count()
          and not twice and len(posted) == deliveries.count() == created)
    print(f"RESULT: {'PASS' if ok else 'MISS'}")


if __name__ == "__main__":
    main()
