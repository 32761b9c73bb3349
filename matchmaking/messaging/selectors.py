"""Reads of the message threads, each in a fixed number of queries."""

from django.db.models import Prefetch, QuerySet, Sum

from accounts.models import Enterprise
from events.caching import remember
from events.models import Conference
from matchmaking.messaging.models import Message, Thread, ThreadReader
from matchmaking.models import MeetingRequest

# A thread page shows the latest messages; older ones stay in the database and the API.
PAGE_MESSAGES = 200


def threads_of(*, conference: Conference, enterprise_id: int) -> QuerySet[Thread]:
    """The enterprise's threads at the conference, newest first, with both sides and the
    readers (for unread counts) fetched along."""
    return (Thread.objects.filter(conference=conference).involving(enterprise_id)
            .select_related("low", "high")
            .prefetch_related(Prefetch("readers", queryset=ThreadReader.objects.all())))


def unread_of(thread: Thread, enterprise_id: int) -> int:
    """From prefetched readers: how many messages wait for this side."""
    return next((r.unread for r in thread.readers.all() if r.enterprise_id == enterprise_id), 0)


def unread_key(conference_id: int, enterprise_id: int) -> str:
    return f"messaging:unread:{conference_id}:{enterprise_id}"


def unread_total(*, conference: Conference | None, enterprise_id: int) -> int:
    """Unread messages of every thread of the enterprise at the conference: one query,
    then cached (every portal page shows it) until a message or a reading changes it."""
    if conference is None:
        return 0

    def count() -> int:
        total = ThreadReader.objects.filter(
            thread__conference=conference, enterprise_id=enterprise_id).aggregate(n=Sum("unread"))
        return total["n"] or 0

    return remember(unread_key(conference.pk, enterprise_id), count)


def thread_between(*, conference: Conference, enterprise_id: int,
                   counterpart_id: int) -> Thread | None:
    low, high = sorted((enterprise_id, counterpart_id))
    return Thread.objects.filter(conference=conference, low_id=low, high_id=high).first()


def counterparts(*, conference: Conference, enterprise: Enterprise) -> QuerySet[Enterprise]:
    """Companies the enterprise may write to: those it has a meeting request with."""
    requests = MeetingRequest.objects.filter(conference=conference).involving(enterprise)
    ids = {pk for pair in requests.values_list("sender_id", "recipient_id") for pk in pair}
    return Enterprise.objects.filter(pk__in=ids - {enterprise.pk})


def latest_messages(thread: Thread) -> list[Message]:
    rows = thread.messages.select_related("sender").order_by("-created_at", "-id")
    return list(rows[:PAGE_MESSAGES])[::-1]
