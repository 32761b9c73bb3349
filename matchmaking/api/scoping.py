"""Every queryset of the API, scoped to the caller. A row outside the scope is a 404.

Partner keys see their conferences: the directory of approved enterprises, the
grid, meeting requests and meetings (the same facts their webhooks announce);
registrations, delegate contacts and outcomes only of the registrations they
submitted (organizer keys: all of their conferences). Company users see what
the portal shows them: the directories of conferences where they are approved,
and their own enterprise's registrations, delegates, requests and meetings.
"""

from django.db.models import Exists, OuterRef, Q, QuerySet

from accounts.models import Delegate, Enterprise, Registration, RegistrationStatus
from events.models import Conference, IndustryField, Table, TimeSlot
from matchmaking.api.caller import Caller
from matchmaking.messaging.models import Message, Thread
from matchmaking.models import (
    Meeting,
    MeetingOutcome,
    MeetingRequest,
    ScheduleRun,
    WebhookSubscription,
)


def conferences(caller: Caller) -> QuerySet:
    return Conference.objects.filter(pk__in=caller.conference_ids)


def industry_fields(caller: Caller) -> QuerySet:
    return IndustryField.objects.all()


def slots(caller: Caller) -> QuerySet:
    return TimeSlot.objects.filter(conference_id__in=caller.directory_ids).select_related(
        "conference")


def tables(caller: Caller) -> QuerySet:
    return Table.objects.filter(conference_id__in=caller.directory_ids).select_related(
        "conference")


def enterprises(caller: Caller) -> QuerySet:
    approved = Registration.objects.filter(
        conference_id__in=caller.directory_ids, status=RegistrationStatus.APPROVED)
    return Enterprise.objects.filter(pk__in=approved.values("enterprise")).prefetch_related(
        "fields", "delegates")


def registrations(caller: Caller) -> QuerySet:
    rows = Registration.objects.select_related("conference", "enterprise").prefetch_related(
        "enterprise__fields", "enterprise__delegates")
    if caller.enterprise_id is not None:
        return rows.filter(enterprise_id=caller.enterprise_id,
                           conference_id__in=caller.conference_ids)
    rows = rows.filter(conference_id__in=caller.conference_ids)
    if caller.is_organizer:
        return rows
    return rows.filter(submitted_by_partner=caller.partner)


def managed_enterprise_ids(caller: Caller) -> QuerySet | list[int]:
    """Enterprises whose private data (contacts, outcomes) the caller may see and change."""
    if caller.enterprise_id is not None:
        return [caller.enterprise_id]
    return registrations(caller).values("enterprise_id")


def may_act_for(caller: Caller, enterprise_id: int, conference) -> bool:
    """Whether the caller may write in the name of this enterprise at this conference: a
    company user for its own, a partner for the enterprises it registered there, an
    organizer key for any."""
    if caller.enterprise_id is not None:
        return caller.enterprise_id == enterprise_id
    return registrations(caller).filter(conference=conference,
                                        enterprise_id=enterprise_id).exists()


def delegates(caller: Caller) -> QuerySet:
    return Delegate.objects.filter(enterprise_id__in=managed_enterprise_ids(caller))


def meeting_requests(caller: Caller) -> QuerySet:
    rows = MeetingRequest.objects.select_related("conference", "sender", "recipient")
    if caller.enterprise_id is not None:
        return rows.filter(Q(sender_id=caller.enterprise_id)
                           | Q(recipient_id=caller.enterprise_id),
                           conference_id__in=caller.conference_ids)
    return rows.filter(conference_id__in=caller.directory_ids)


def meetings(caller: Caller) -> QuerySet:
    rows = Meeting.objects.select_related(
        "conference", "request__sender", "request__recipient", "slot", "table")
    if caller.enterprise_id is not None:
        return rows.filter(Q(request__sender_id=caller.enterprise_id)
                           | Q(request__recipient_id=caller.enterprise_id),
                           conference_id__in=caller.conference_ids)
    return rows.filter(conference_id__in=caller.directory_ids)


def agenda_enterprises(caller: Caller) -> QuerySet:
    """Whose agenda the caller may read: a company only its own."""
    rows = enterprises(caller)
    if caller.enterprise_id is not None:
        return Enterprise.objects.filter(pk=caller.enterprise_id)
    return rows


def outcomes(caller: Caller) -> QuerySet:
    rows = MeetingOutcome.objects.select_related("field")
    if caller.enterprise_id is not None:
        return rows.filter(enterprise_id=caller.enterprise_id,
                           meeting__conference_id__in=caller.conference_ids)
    rows = rows.filter(meeting__conference_id__in=caller.directory_ids)
    if caller.is_organizer:
        return rows
    return rows.filter(enterprise_id__in=managed_enterprise_ids(caller))


def schedule_runs(caller: Caller) -> QuerySet:
    if not caller.is_organizer:
        return ScheduleRun.objects.none()
    return ScheduleRun.objects.filter(conference_id__in=caller.conference_ids).select_related(
        "conference")


def webhook_subscriptions(caller: Caller) -> QuerySet:
    if caller.partner is None:
        return WebhookSubscription.objects.none()
    return WebhookSubscription.objects.filter(partner=caller.partner)


def threads(caller: Caller) -> QuerySet:
    """Threads of the caller's enterprise or, for a partner, of the enterprises it acts
    for at that conference (registrations it submitted; organizer keys: all)."""
    rows = Thread.objects.select_related("conference", "low", "high").prefetch_related(
        "readers")
    if caller.enterprise_id is not None:
        return rows.filter(conference_id__in=caller.conference_ids).involving(
            caller.enterprise_id)
    acted = registrations(caller).filter(conference=OuterRef("conference"))
    return rows.filter(conference_id__in=caller.directory_ids).filter(
        Exists(acted.filter(enterprise=OuterRef("low")))
        | Exists(acted.filter(enterprise=OuterRef("high"))))


def acting_for(caller: Caller, thread: Thread | None = None) -> set[int]:
    """The enterprises the caller may speak for (among a thread's sides, when given)."""
    if caller.enterprise_id is not None:
        ids = {caller.enterprise_id}
    elif thread is not None:
        ids = set(registrations(caller).filter(conference=thread.conference_id,
                                               enterprise__in=thread.side_ids)
                  .values_list("enterprise_id", flat=True))
    else:
        ids = set(registrations(caller).values_list("enterprise_id", flat=True))
    return ids if thread is None else ids & set(thread.side_ids)


def thread_messages(thread: Thread) -> QuerySet:
    return Message.objects.filter(thread=thread).select_related("sender")
