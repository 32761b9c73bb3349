"""The e-mails of the domain: what each event tells whom. Call these inside the
transaction of the change; each queues one outbox row per reader (see services.queue_email)
and is idempotent through its key."""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone, translation

from accounts.models import Enterprise, Registration, RegistrationStatus
from events.models import Conference, Table, TimeSlot
from matchmaking.models import Meeting, MeetingRequest, RequestStatus, ScheduleRun
from matchmaking.outbox.kinds.rows import snapshot
from matchmaking.outbox.models import OutgoingEmail
from matchmaking.outbox.selectors import (
    Recipient,
    enterprise_recipients,
    organizer_recipients,
    user_recipient,
)
from matchmaking.outbox.services import address_key, queue_email, queue_new_emails
from matchmaking.places import Place


def queue_for_enterprise(*, template: str, enterprise: Enterprise, conference: Conference | None,
                         context: dict, event: str) -> list[OutgoingEmail]:
    """One e-mail per reader of the enterprise (its users, else its delegates); `event`
    names the occurrence, unique per e-mail kind (the address is added to make the key)."""
    return [queue_email(template=template, recipient=person, context=context,
                        key=address_key(event, person.email), conference=conference)
            for person in enterprise_recipients(enterprise, conference)]


# --- Registration -----------------------------------------------------------------------

DECISION_TEMPLATES = {
    RegistrationStatus.APPROVED: "registration_approved",
    RegistrationStatus.REJECTED: "registration_rejected",
    RegistrationStatus.WAITLISTED: "registration_waitlisted",
    "information_requested": "registration_information_requested",
}


def queue_registration_decision(*, registration: Registration, status: str) -> list:
    """approved / rejected / waitlisted (with the decision's reason) / information_requested
    (the reason is the message to the applicant). Other statuses send nothing."""
    template = DECISION_TEMPLATES.get(status)
    if template is None:
        return []
    reason = registration.decision_reason
    key = "message" if status == "information_requested" else "reason"
    decided = (registration.decided_at or timezone.now()).isoformat()
    return queue_for_enterprise(
        template=template, enterprise=registration.enterprise,
        conference=registration.conference,
        context={"registration": registration.pk, key: reason},
        event=f"{template}:{registration.pk}:{decided}")


def queue_reopened_registration(*, registration: Registration, changes: list) -> list:
    """A vetted change sent an approved registration back to review: the company learns why
    matchmaking pauses and that its agenda stays; every organizer is asked to review it.
    `changes` are lazy labels, worded here in each reader's language."""
    reopened = registration.reopened_at.isoformat()
    readers = enterprise_recipients(registration.enterprise, registration.conference)
    company = [(person, "registration_reopened") for person in readers]
    organizers = [(person, "rereview_needed") for person in organizer_recipients()]
    sent = []
    for person, template in company + organizers:
        with translation.override(person.language):
            words = [str(label) for label in changes]
        sent.append(queue_email(
            template=template, recipient=person, conference=registration.conference,
            context={"registration": registration.pk, "changes": words},
            key=address_key(f"{template}:{registration.pk}:{reopened}", person.email)))
    return sent


def queue_registration_answered(*, registration: Registration, note: str) -> list:
    """The applicant answered the organizers' request for information: every organizer is
    asked to review the registration again, with the answer."""
    answered = registration.updated_at.isoformat()
    return [queue_email(template="registration_answered", recipient=person,
                        conference=registration.conference,
                        context={"registration": registration.pk, "note": note},
                        key=address_key(f"registration_answered:{registration.pk}:{answered}",
                                        person.email))
            for person in organizer_recipients()]


def queue_application_received(*, registration: Registration) -> list:
    return queue_for_enterprise(
        template="application_received", enterprise=registration.enterprise,
        conference=registration.conference, context={"registration": registration.pk},
        event=f"application_received:{registration.pk}:{registration.submitted_at.isoformat()}")


def queue_application_confirmation(*, recipient: Recipient, conference: Conference,
                                   legal_name: str, name_zh: str, url: str,
                                   expires_at: dt.datetime, key: str) -> OutgoingEmail:
    """The link that confirms a public application's e-mail address (no enterprise exists
    yet: its names travel in the context)."""
    return queue_email(
        template="application_confirm", recipient=recipient, conference=conference, key=key,
        context={"legal_name": legal_name, "name_zh": name_zh, "confirm_url": url,
                 "expires_at": expires_at.isoformat()})


def queue_invitation(*, recipient: Recipient, enterprise: Enterprise, conference: Conference,
                     accept_url: str, expires_at: dt.datetime, key: str) -> OutgoingEmail:
    """`key` identifies the invitation (one per invitation and sending: a resent invitation
    needs a new key)."""
    return queue_email(
        template="invitation", recipient=recipient, conference=conference, key=key,
        context={"enterprise": enterprise.pk, "accept_url": accept_url,
                 "expires_at": expires_at.isoformat()})


def queue_password_reset(*, user, reset_url: str, key: str) -> OutgoingEmail:
    return queue_email(template="password_reset", recipient=user_recipient(user), key=key,
                       context={"email": user.email, "reset_url": reset_url})


# --- Meeting requests --------------------------------------------------------------------

def queue_request_received(*, request: MeetingRequest) -> list:
    return queue_for_enterprise(
        template="request_received", enterprise=request.recipient,
        conference=request.conference, context={"request": request.pk},
        event=f"request_received:{request.pk}")


def queue_request_answered(*, request: MeetingRequest) -> list:
    """The sender hears that the request was accepted, or declined (with the reason)."""
    accepted = request.status == RequestStatus.ACCEPTED
    template = "request_accepted" if accepted else "request_declined"
    context = {"request": request.pk}
    if not accepted:
        context["reason"] = request.decline_reason
    return queue_for_enterprise(template=template, enterprise=request.sender,
                                conference=request.conference, context=context,
                                event=f"{template}:{request.pk}")


def queue_request_withdrawn(*, request: MeetingRequest) -> list:
    return queue_for_enterprise(
        template="request_withdrawn", enterprise=request.recipient,
        conference=request.conference, context={"request": request.pk},
        event=f"request_withdrawn:{request.pk}")


def queue_request_expiring(*, request: MeetingRequest) -> list:
    """Once per request, to the side that has to answer."""
    return queue_for_enterprise(
        template="request_expiring", enterprise=request.recipient,
        conference=request.conference, context={"request": request.pk},
        event=f"request_expiring:{request.pk}")


# --- Meetings ----------------------------------------------------------------------------

def queue_meeting_change(*, meeting: Meeting, change: str, acting: Enterprise | None,
                         event: str, old_slot: TimeSlot | None = None,
                         old_table: Table | None = None, reason: str = "") -> list:
    """`change` is "booked", "moved" (give old_slot and old_table) or "cancelled" (give the
    reason). Every side but the acting one is told (both when organizers acted). `event`
    identifies this change by a row written in the same transaction, such as its audit
    entry, so its keys are new (see queue_new_emails)."""
    where = snapshot(meeting)
    if change == "moved":
        where.update(old_slot=old_slot.pk, old_table=old_table.number if old_table else None)
    if change == "cancelled":
        where["reason"] = reason
    emails = []
    for side in (meeting.request.sender, meeting.request.recipient):
        if acting is None or side.pk != acting.pk:
            context = {**where, "enterprise": side.pk, "by": acting.pk if acting else None}
            emails += [(f"meeting_{change}", person, context,
                        address_key(f"meeting_{change}:{meeting.pk}:{event}:{side.pk}",
                                    person.email))
                       for person in enterprise_recipients(side, meeting.conference)]
    return queue_new_emails(emails, conference=meeting.conference)


# --- Schedule ----------------------------------------------------------------------------

@dataclass(frozen=True)
class MeetingChange:
    """What a publish did to one meeting of a company: "kept", "moved" (from old_slot and
    old_table), "new" or "cancelled"."""

    meeting: Meeting
    kind: str
    old_slot: TimeSlot | None = None
    old_table: "Table | Place | None" = None  # anything with a `number`


def queue_schedule_notice(*, enterprise: Enterprise, conference: Conference,
                          meetings: list[Meeting], changes: list[MeetingChange] | None,
                          run: ScheduleRun) -> list:
    """Tell a company about a publish. On the first publish (`changes` None) it gets
    "schedule_published" with its own live `meetings`; on a later one "schedule_changed"
    with only what changed for it (moved, new, cancelled, and how many were kept), and
    nothing when nothing changed. Once per run and company."""
    if changes is None:
        template = "schedule_published"
        context = {"meetings": [snapshot(m) for m in meetings]}
    else:
        template = "schedule_changed"
        context = _changes_context(changes)
        if not (context["moved"] or context["new"] or context["cancelled"]):
            return []
    return queue_for_enterprise(
        template=template, enterprise=enterprise, conference=conference,
        context={**context, "enterprise": enterprise.pk, "run": run.pk},
        event=f"{template}:{run.pk}:{enterprise.pk}")


def _changes_context(changes: list[MeetingChange]) -> dict:
    context = {"kept": 0, "moved": [], "new": [], "cancelled": []}
    for change in changes:
        if change.kind == "kept":
            context["kept"] += 1
        elif change.kind == "moved":
            old = change.old_table
            context["moved"].append({**snapshot(change.meeting), "old_slot": change.old_slot.pk,
                                     "old_table": old.number if old else None})
        else:
            context[change.kind].append(snapshot(change.meeting))
    return context
