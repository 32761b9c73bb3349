"""What we hold about a company user: the JSON they download from their profile."""

from django.db.models import Q

from accounts.models import User
from matchmaking.messaging.models import Message
from matchmaking.models import Meeting, MeetingOutcome, MeetingRequest

ENTERPRISE_FIELDS = ["legal_name", "name_zh", "slug", "province", "city", "role",
                     "description", "offers", "needs", "contract_value_usd", "employees",
                     "website"]


def _row(obj, names) -> dict:
    return {name: _plain(getattr(obj, name)) for name in names}


def _plain(value):
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if value is None or isinstance(value, (bool, int, str)):
        return value
    return str(value)


def personal_data(user: User) -> dict:
    """Everything about the user and their enterprise, as plain JSON values."""
    data = {"user": _row(user, ["email", "full_name", "language", "date_joined", "last_login"]),
            "consents": [_row(c, ["version", "given_at"]) for c in user.consents.all()]}
    enterprise = user.enterprise
    if enterprise is None:
        return data
    data["enterprise"] = {**_row(enterprise, ENTERPRISE_FIELDS),
                          "country": enterprise.country.code,
                          "fields": [f.slug for f in enterprise.fields.all()]}
    data["delegates"] = [_row(d, ["full_name", "title", "email", "phone", "languages"])
                         for d in enterprise.delegates.all()]
    data["registrations"] = [
        {"conference": r.conference.slug, **_row(r, ["status", "submitted_at", "decided_at",
                                                     "decision_reason"])}
        for r in enterprise.registrations.select_related("conference")]
    data.update(_activity(enterprise))
    return data


def _activity(enterprise) -> dict:
    requests = MeetingRequest.objects.involving(enterprise).select_related(
        "conference", "sender", "recipient")
    meetings = Meeting.objects.filter(Q(request__sender=enterprise)
                                      | Q(request__recipient=enterprise)).select_related(
        "conference", "slot", "table", "request__sender", "request__recipient")
    return {
        "meeting_requests": [
            {"conference": r.conference.slug, "from": r.sender.legal_name,
             "to": r.recipient.legal_name,
             **_row(r, ["purpose", "message", "status", "created_at", "decline_reason"])}
            for r in requests],
        "meetings": [
            {"conference": m.conference.slug, "with": m.request.counterpart_of(
                enterprise).legal_name, "start": m.slot.start.isoformat(),
             "table": m.table.number if m.table else None, "status": m.status}
            for m in meetings],
        "outcomes": [_row(o, ["meeting_id", "result", "intended_investment_usd",
                              "follow_up_on", "stage", "notes", "reported_at"])
                     for o in MeetingOutcome.objects.filter(enterprise=enterprise)],
        "messages_sent": [
            {"thread": m.thread_id, **_row(m, ["body", "created_at"])}
            for m in Message.objects.filter(sender=enterprise)],
    }
