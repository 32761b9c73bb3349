"""E-mails that time sends, queued by a beat task: requests about to expire, the agenda the
day before each conference day, the outcome survey after the last day, and follow-up
surveys 3 and 6 months later. Every one has a key per occasion and company, so each goes
exactly once however often beat runs."""

import calendar
import datetime as dt
from collections import defaultdict

from django.db.models import F

from accounts.models import Enterprise
from events.models import Conference, ConferenceDay, ConferenceStatus
from matchmaking.models import Meeting, MeetingRequest, MeetingStatus, RequestStatus
from matchmaking.outbox import notices
from matchmaking.outbox.models import OutgoingEmail

EXPIRY_NOTICE = dt.timedelta(hours=24)
AGENDA_HOUR = 9  # the agenda goes out from 09:00 the day before, conference time
FOLLOW_UP_MONTHS = (3, 6)
# A survey found due later than this (the feature arrived late, beat was down for weeks)
# is no longer worth sending.
SURVEY_WINDOW = dt.timedelta(days=14)


def queue_due_reminders(*, now: dt.datetime) -> dict:
    return {"request_expiring": queue_expiring_requests(now=now),
            "agenda_day_before": queue_agendas(now=now),
            "surveys": queue_surveys(now=now)}


def queue_expiring_requests(*, now: dt.datetime) -> int:
    """Pending requests that expire within 24 hours, once each. A request that lived less
    than a day in all is left alone: it was "expiring" when it arrived."""
    requests = MeetingRequest.objects.filter(
        status=RequestStatus.PENDING, expires_at__gt=now, expires_at__lte=now + EXPIRY_NOTICE,
        created_at__lt=F("expires_at") - EXPIRY_NOTICE,
    ).select_related("conference", "recipient")
    told = _told("request_expiring", "request")
    count = 0
    for request in requests:
        if request.pk not in told:
            count += len(notices.queue_request_expiring(request=request))
    return count


def queue_agendas(*, now: dt.datetime) -> int:
    count = 0
    conferences = Conference.objects.filter(status=ConferenceStatus.SCHEDULED)
    for conference in conferences:
        local = now.astimezone(conference.zone)
        tomorrow = local.date() + dt.timedelta(days=1)
        if local.hour < AGENDA_HOUR or not ConferenceDay.objects.filter(
                conference=conference, date=tomorrow).exists():
            continue
        told = _told("agenda_day_before", "enterprise", conference=conference,
                     context__date=tomorrow.isoformat())
        for enterprise in _companies_meeting(conference, day=tomorrow):
            if enterprise.pk not in told:
                count += len(notices.queue_for_enterprise(
                    template="agenda_day_before", enterprise=enterprise,
                    conference=conference,
                    context={"enterprise": enterprise.pk, "date": tomorrow.isoformat()},
                    event=f"agenda_day_before:{conference.pk}:{tomorrow}:{enterprise.pk}"))
    return count


def queue_surveys(*, now: dt.datetime) -> int:
    count = 0
    for conference in Conference.objects.filter(
            status__in=[ConferenceStatus.SCHEDULED, ConferenceStatus.CLOSED]):
        today = now.astimezone(conference.zone).date()
        after = conference.end_date + dt.timedelta(days=1)
        occasions = [("outcome_survey", after, {})] + [
            ("follow_up_survey", add_months(after, months), {"months": months})
            for months in FOLLOW_UP_MONTHS]
        for template, due, extra in occasions:
            if due <= today < due + SURVEY_WINDOW:
                count += _queue_survey(conference, template, extra)
    return count


def _queue_survey(conference: Conference, template: str, extra: dict) -> int:
    meetings = defaultdict(int)
    for pair in Meeting.objects.filter(conference=conference, status=MeetingStatus.SCHEDULED
                                       ).values_list("request__sender", "request__recipient"):
        for pk in pair:
            meetings[pk] += 1
    told = _told(template, "enterprise", conference=conference, **{
        f"context__{k}": v for k, v in extra.items()})
    count = 0
    for enterprise in Enterprise.objects.filter(pk__in=list(meetings)).exclude(pk__in=told):
        suffix = f":{extra['months']}" if extra else ""
        count += len(notices.queue_for_enterprise(
            template=template, enterprise=enterprise, conference=conference,
            context={"enterprise": enterprise.pk, "meetings_count": meetings[enterprise.pk],
                     **extra},
            event=f"{template}:{conference.pk}{suffix}:{enterprise.pk}"))
    return count


def _companies_meeting(conference: Conference, *, day: dt.date):
    start = dt.datetime.combine(day, dt.time(0), tzinfo=conference.zone)
    pairs = Meeting.objects.filter(
        conference=conference, status=MeetingStatus.SCHEDULED, slot__start__gte=start,
        slot__start__lt=start + dt.timedelta(days=1),
    ).values_list("request__sender", "request__recipient")
    return Enterprise.objects.filter(pk__in={pk for pair in pairs for pk in pair})


def _told(template: str, key: str, **filters) -> set[int]:
    """Ids (context[key]) already written for this template: a cheap pre-check, the
    idempotency key stays the guarantee."""
    return set(OutgoingEmail.objects.filter(template=template, **filters)
               .values_list(f"context__{key}", flat=True))


def add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
