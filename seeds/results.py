"""The demo's life cycle after matchmaking: a published schedule and the companies'
outcomes, through the same services as the portal and the admin.

- 2nd edition: its meetings' outcomes add up to exactly the USD 260 million of
  intentional cooperation investment the press conference reported.
- 5th edition: a past conference taken through its whole life cycle (matchmaking open,
  requests, a published schedule, outcomes, closed).

The demo holds the 2nd edition in the future (so its slots can still be booked), so its
outcomes are recorded as of the day after it ends (`now=` of the outcome service): the
history the reported figure comes from. Deterministic (a fixed seed per edition; the
values are fixed by the seed, whatever meetings the time-limited scheduler places) and
idempotent (each step is skipped once done).
"""

import datetime as dt
import random

from django.db import transaction

from accounts.models import Enterprise, User
from events.models import Conference, ConferenceStatus
from matchmaking.models import Meeting, MeetingOutcome, RunStatus, ScheduleRun
from matchmaking.results.selectors import live_meetings
from matchmaking.results.services import confirm_investment
from matchmaking.services import conferences, scheduling
from matchmaking.services.outcomes import record_meeting_outcome
from matchmaking.services.publishing import publish_schedule_run

UNIT = 100_000  # values are whole multiples of USD 100,000
NON_COUNTING = ["no_fit", "informative", "informative", "not_held"]


def open_matchmaking(conference: Conference, organizer: User) -> None:
    if conference.status == ConferenceStatus.REGISTRATION_OPEN:
        conferences.change_conference_status(conference=conference,
                                             status=ConferenceStatus.MATCHMAKING_OPEN,
                                             actor=organizer)


def publish_schedule(conference: Conference, organizer: User, *, time_limit: float) -> int:
    """Compute and publish a schedule once; returns the meetings published now."""
    if ScheduleRun.objects.filter(conference=conference, status=RunStatus.PUBLISHED).exists():
        return 0
    run = scheduling.start_schedule_run(conference=conference, actor=organizer,
                                        time_limit=time_limit, enqueue_job=False)
    run = scheduling.compute_draft(run=scheduling.claim_run(run.pk))
    publish_schedule_run(run=run, actor=organizer)
    return live_meetings(conference).count()


def close(conference: Conference, organizer: User) -> None:
    conference.refresh_from_db()
    if conference.status == ConferenceStatus.SCHEDULED:
        conferences.change_conference_status(conference=conference,
                                             status=ConferenceStatus.CLOSED, actor=organizer)


def split_total(rng: random.Random, total: int, count: int) -> list[int]:
    """`count` values in whole units that add up to exactly `total`."""
    units = total // UNIT
    weights = [rng.uniform(0.2, 1.8) for _ in range(count)]
    values = [int(units * w / sum(weights)) for w in weights]
    for index in range(units - sum(values)):
        values[index % count] += 1
    return [v * UNIT for v in values]


def load_outcomes(conference: Conference, organizer: User, *, total: int | None) -> int:
    """Both sides' answers on the conference's meetings, once. A third of the meetings
    carry a value; with `total`, those values add up to exactly it. Returns the outcomes
    recorded."""
    if MeetingOutcome.objects.filter(meeting__conference=conference).exists():
        return 0
    rng = random.Random(conference.edition * 15485863)
    meetings = list(live_meetings(conference).select_related("request").order_by("pk"))
    rng.shuffle(meetings)
    valued = meetings[: len(meetings) // 3]
    values = (split_total(rng, total, len(valued)) if total
              else [rng.randrange(2, 20) * UNIT for _ in valued])
    plain = meetings[len(valued):]
    as_of = after(conference, days=1)
    recorded = 0
    for index, (meeting, value) in enumerate(zip(valued, values, strict=True)):
        recorded += record_valued(rng, meeting, value, as_of, organizer,
                                  confirmed=index < 2)
    for meeting in plain[: len(plain) * 2 // 3]:
        recorded += record_plain(rng, meeting, as_of, disputed=rng.random() < 0.04)
    return recorded


def after(conference: Conference, *, days: int) -> dt.datetime:
    return dt.datetime.combine(conference.end_date + dt.timedelta(days=days), dt.time(10),
                               tzinfo=conference.zone)


@transaction.atomic
def record_valued(rng, meeting: Meeting, value: int, as_of, organizer, *,
                  confirmed: bool) -> int:
    """A meeting worth `value`: both sides agree (the larger value counts), or one side
    only answers, or (`confirmed`) they disagree and the organizers confirm the value."""
    first, second = sides(rng, meeting)
    field = shared_field(first, second)
    signed = rng.random() < 0.2
    result = "signed" if signed else "likely"
    record_meeting_outcome(meeting=meeting, enterprise=first, result=result,
                           intended_investment_usd=value, field=field, now=as_of,
                           follow_up_on=as_of.date() + dt.timedelta(days=90))
    if confirmed:
        record_meeting_outcome(meeting=meeting, enterprise=second, result="informative",
                               now=as_of)
        confirm_investment(meeting=meeting, value_usd=value, signed=signed, field=field,
                           reason="Both companies confirmed by telephone.", actor=organizer)
        return 2
    if rng.random() < 0.3:
        return 1
    smaller = max(UNIT, value - rng.randrange(0, 4) * UNIT)
    record_meeting_outcome(meeting=meeting, enterprise=second, result=result,
                           intended_investment_usd=smaller, field=field, now=as_of)
    if not signed and rng.random() < 0.15:
        # The 3-month follow-up: now signed, same value (the total does not move).
        record_meeting_outcome(meeting=meeting, enterprise=first, result="signed",
                               intended_investment_usd=value, field=field,
                               now=after(meeting.conference, days=95))
        record_meeting_outcome(meeting=meeting, enterprise=second, result="signed",
                               intended_investment_usd=smaller, field=field,
                               now=after(meeting.conference, days=95))
    return 2


@transaction.atomic
def record_plain(rng, meeting: Meeting, as_of, *, disputed: bool) -> int:
    """A meeting without value; `disputed`: one side claims one, for the organizers."""
    first, second = sides(rng, meeting)
    if disputed:
        record_meeting_outcome(meeting=meeting, enterprise=first, result="likely",
                               intended_investment_usd=rng.randrange(5, 40) * UNIT,
                               field=shared_field(first, second), now=as_of)
        record_meeting_outcome(meeting=meeting, enterprise=second, result="no_fit", now=as_of)
        return 2
    for company in (first, second):
        record_meeting_outcome(meeting=meeting, enterprise=company,
                               result=rng.choice(NON_COUNTING), now=as_of)
    return 2


def sides(rng, meeting: Meeting) -> tuple[Enterprise, Enterprise]:
    pair = [meeting.request.sender, meeting.request.recipient]
    rng.shuffle(pair)
    return pair[0], pair[1]


def shared_field(a: Enterprise, b: Enterprise):
    mine = list(a.fields.order_by("slug"))
    common = [f for f in mine if b.fields.filter(pk=f.pk).exists()]
    return (common or mine or [None])[0]


def load_life_cycle(conference: Conference, spec: dict, organizer: User) -> None:
    """After the requests: the published schedule, the outcomes, and (for a past edition)
    closing. The on-site demo (check-ins, attendance) belongs between the outcomes and
    closing."""
    publish_schedule(conference, organizer, time_limit=spec["schedule_seconds"])
    load_outcomes(conference, organizer, total=spec.get("outcomes_total_usd"))
    if spec["life_cycle"] == "closed":
        close(conference, organizer)
