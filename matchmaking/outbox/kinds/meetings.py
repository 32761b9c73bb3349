"""Meeting requests and meetings: the other side is told what happened."""

from django.utils.translation import gettext_lazy as _

from accounts.models import Enterprise
from matchmaking.models import MeetingRequest
from matchmaking.outbox.catalogue import email_kind
from matchmaking.outbox.kinds.rows import meeting_rows
from matchmaking.outbox.values import date_time, enterprise_name, link

REQUEST_VARIABLES = ["counterpart", "purpose", "requests_url"]
MEETING_VARIABLES = ["counterpart", "purpose", "by", "when", "table", "agenda_url"]


def _request(context, conference, reader: str) -> dict:
    """The request, as its `reader` ("sender" or "recipient") sees it."""
    request = MeetingRequest.objects.select_related("sender", "recipient").get(
        pk=context["request"])
    other = request.recipient if reader == "sender" else request.sender
    return {"counterpart": enterprise_name(other), "purpose": request.get_purpose_display(),
            "message": request.message, "expires": date_time(request.expires_at, conference),
            "requests_url": link("portal:requests")}


def _only(values: dict, names) -> dict:
    return {name: values[name] for name in names}


@email_kind("request_received", _("Meeting request received"),
            [*REQUEST_VARIABLES, "message", "expires"])
def request_received(context, conference):
    return _request(context, conference, "recipient")


@email_kind("request_accepted", _("Meeting request accepted"), REQUEST_VARIABLES)
def request_accepted(context, conference):
    return _only(_request(context, conference, "sender"), REQUEST_VARIABLES)


@email_kind("request_declined", _("Meeting request declined"), [*REQUEST_VARIABLES, "reason"])
def request_declined(context, conference):
    values = _only(_request(context, conference, "sender"), REQUEST_VARIABLES)
    return {**values, "reason": context.get("reason", "")}


@email_kind("request_withdrawn", _("Meeting request withdrawn"), REQUEST_VARIABLES)
def request_withdrawn(context, conference):
    return _only(_request(context, conference, "recipient"), REQUEST_VARIABLES)


@email_kind("request_expiring", _("Meeting request expiring in 24 hours"),
            [*REQUEST_VARIABLES, "expires"])
def request_expiring(context, conference):
    return _only(_request(context, conference, "recipient"), [*REQUEST_VARIABLES, "expires"])


def _meeting(context) -> dict:
    enterprise = Enterprise.objects.get(pk=context["enterprise"])
    by = Enterprise.objects.get(pk=context["by"]) if context.get("by") else None
    row = meeting_rows([context], enterprise)[0]
    return {**row, "by": enterprise_name(by), "agenda_url": link("portal:agenda")}


@email_kind("meeting_booked", _("Meeting booked"), MEETING_VARIABLES)
def meeting_booked(context, conference):
    return _meeting(context)


@email_kind("meeting_moved", _("Meeting moved"), [*MEETING_VARIABLES, "old_when", "old_table"])
def meeting_moved(context, conference):
    return _meeting(context)


@email_kind("meeting_cancelled", _("Meeting cancelled"), [*MEETING_VARIABLES, "reason"])
def meeting_cancelled(context, conference):
    return {**_meeting(context), "reason": context.get("reason", "")}
