"""Writes on a conference: its fields, and its life cycle.

    draft -> registration open -> matchmaking open -> scheduled -> closed

and back where it makes sense: registration open -> draft while nobody has
applied; matchmaking open -> registration open (a pause: no requests);
scheduled -> matchmaking open once no meeting is live (withdraws an empty
schedule); closed -> scheduled (reopens). Each step has its checks, and the
invariant they keep is that the portal never shows what is not there: a
conference is scheduled only with a published schedule, and holds live
meetings only when scheduled or closed. Publishing a run moves the
conference to "scheduled" through the same service.

The checks read schedules, meetings and places, which live in matchmaking,
so this service lives here rather than in events.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from accounts.models import Registration
from accounts.services import reevaluate_conference
from events.errors import DomainError
from events.models import Conference, TimeSlot
from events.models import ConferenceStatus as Status
from events.services import ensure_rules, record_audit
from matchmaking import places
from matchmaking.models import Meeting, MeetingStatus, RunStatus, ScheduleRun


@dataclass(frozen=True)
class Transition:
    target: str
    label: Promise
    # What the step takes away, shown on a confirmation page first; None: no confirmation.
    warning: Promise | None = None


TRANSITIONS = {
    Status.DRAFT: [Transition(Status.REGISTRATION_OPEN, gettext_lazy("Open registration"))],
    Status.REGISTRATION_OPEN: [
        Transition(Status.MATCHMAKING_OPEN, gettext_lazy("Open matchmaking")),
        Transition(Status.DRAFT, gettext_lazy("Back to draft"), gettext_lazy(
            "The conference disappears from the portal and takes no registrations.")),
    ],
    Status.MATCHMAKING_OPEN: [
        Transition(Status.SCHEDULED, gettext_lazy("Mark as scheduled")),
        Transition(Status.REGISTRATION_OPEN, gettext_lazy("Pause matchmaking"), gettext_lazy(
            "Companies can no longer send or answer meeting requests until matchmaking "
            "opens again; registration stays open.")),
    ],
    Status.SCHEDULED: [
        Transition(Status.CLOSED, gettext_lazy("Close the conference"), gettext_lazy(
            "Companies can no longer book, move or cancel meetings; their agendas and "
            "outcome reports stay open.")),
        Transition(Status.MATCHMAKING_OPEN, gettext_lazy("Withdraw the schedule"),
                   gettext_lazy("Companies can no longer book meetings until a schedule is "
                                "published again.")),
    ],
    Status.CLOSED: [Transition(Status.SCHEDULED, gettext_lazy("Reopen the conference"))],
}


def allowed_transitions(conference: Conference) -> list[Transition]:
    return TRANSITIONS[conference.status]


def transition_problems(conference: Conference, status: str) -> list[str]:
    """Why `conference` cannot move to `status` now; empty when it can."""
    if status not in [t.target for t in allowed_transitions(conference)]:
        return [_("%(conference)s cannot go from %(before)s to %(after)s.") % {
            "conference": conference, "before": conference.get_status_display().lower(),
            "after": Status(status).label.lower()}]
    check = _CHECKS.get((conference.status, status))
    return check(conference) if check else []


def _registration_can_open(conference: Conference) -> list[str]:
    if conference.end_date < timezone.localdate(timezone=conference.zone):
        return [_("The conference is over.")]
    return []


def _nobody_applied(conference: Conference) -> list[str]:
    if Registration.objects.filter(conference=conference).exists():
        return [_("Enterprises have already applied; they would lose sight of the "
                  "conference.")]
    return []


def _grid_ready(conference: Conference) -> list[str]:
    problems = []
    if not TimeSlot.objects.filter(conference=conference).exists():
        problems.append(_("The conference has no time slots yet: add days and session "
                          "plans, then generate the slots."))
    if not places.places_of(conference=conference):
        problems.append(_("The conference has no table in use."))
    return problems


def _schedule_published(conference: Conference) -> list[str]:
    if not ScheduleRun.objects.filter(conference=conference,
                                      status=RunStatus.PUBLISHED).exists():
        return [_("No schedule is published: compute a schedule run and publish it.")]
    return []


def _no_live_meetings(conference: Conference) -> list[str]:
    count = Meeting.objects.filter(conference=conference, status=MeetingStatus.SCHEDULED).count()
    if count:
        return [ngettext("%(count)s meeting is still live; cancel it first.",
                         "%(count)s meetings are still live; cancel them first.", count)
                % {"count": count}]
    return []


_CHECKS = {
    (Status.DRAFT, Status.REGISTRATION_OPEN): _registration_can_open,
    (Status.REGISTRATION_OPEN, Status.DRAFT): _nobody_applied,
    (Status.REGISTRATION_OPEN, Status.MATCHMAKING_OPEN): _grid_ready,
    (Status.MATCHMAKING_OPEN, Status.SCHEDULED): _schedule_published,
    (Status.SCHEDULED, Status.MATCHMAKING_OPEN): _no_live_meetings,
    (Status.CLOSED, Status.SCHEDULED): _schedule_published,
}


@transaction.atomic
def change_conference_status(*, conference: Conference, status: str, actor,
                             reason: str = "") -> Conference:
    """Move a conference along its life cycle (see the module), after the step's checks."""
    conference = Conference.objects.select_for_update().get(pk=conference.pk)
    problems = transition_problems(conference, status)
    if problems:
        raise DomainError(" ".join(problems), code="status_transition")
    before = conference.status
    conference.status = status
    conference.save(update_fields=["status", "updated_at"])
    record_audit(actor=actor, action="conference.status", target=conference, reason=reason,
                 data={"from": before, "to": status})
    return conference


# Everything an organizer edits in a form; the status only moves by its transitions.
EDITABLE_FIELDS = tuple(field.name for field in Conference._meta.concrete_fields
                        if field.editable and not field.primary_key and field.name != "status")


@transaction.atomic
def create_conference(*, data: dict, actor) -> Conference:
    """A new conference, in draft, with the default eligibility rules."""
    conference = Conference(status=Status.DRAFT, **_editable(data))
    _validate(conference)
    conference.save()
    ensure_rules(conference=conference)
    record_audit(actor=actor, action="conference.create", target=conference)
    return conference


@transaction.atomic
def update_conference(*, conference: Conference, data: dict, actor) -> Conference:
    """Change a conference's fields to the values in `data`; the audit entry records what
    changed. A new host country changes who counts as foreign, so every registration is
    evaluated again."""
    conference = Conference.objects.select_for_update().get(pk=conference.pk)
    changed = {name: (getattr(conference, name), value)
               for name, value in _editable(data).items() if getattr(conference, name) != value}
    if not changed:
        return conference
    for name, (_old, value) in changed.items():
        setattr(conference, name, value)
    _validate(conference)
    conference.save()
    record_audit(actor=actor, action="conference.update", target=conference, data={
        "changed": {name: [str(old), str(new)] for name, (old, new) in changed.items()}})
    if "host_country" in changed:
        reevaluate_conference(conference=conference)
    return conference


def _editable(data: dict) -> dict:
    unknown = set(data) - set(EDITABLE_FIELDS)
    if unknown:
        raise DomainError(_("These fields cannot be set here: %(fields)s.")
                          % {"fields": ", ".join(sorted(unknown))}, code="fields")
    return data


def _validate(conference: Conference) -> None:
    try:
        conference.full_clean()
    except ValidationError as error:
        raise DomainError(" ".join(error.messages), code="invalid") from error
