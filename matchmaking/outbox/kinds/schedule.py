"""The published schedule, its changes, the agenda the day before, and the surveys."""

import datetime as dt

from django.db.models import Sum
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from accounts.models import Enterprise
from matchmaking.agenda import ics
from matchmaking.agenda.selectors import agenda_meetings
from matchmaking.models import MeetingOutcome
from matchmaking.outbox.catalogue import email_kind
from matchmaking.outbox.kinds.rows import meeting_rows, snapshot
from matchmaking.outbox.values import amount, day, enterprise_name, link, local


def _company(context) -> tuple[Enterprise, dict]:
    enterprise = Enterprise.objects.get(pk=context["enterprise"])
    return enterprise, {"enterprise": enterprise_name(enterprise),
                        "agenda_url": link("portal:agenda")}


@email_kind("schedule_published", _("Schedule published"),
            ["enterprise", "meetings", "count", "agenda_url"])
def schedule_published(context, conference):
    enterprise, values = _company(context)
    meetings = meeting_rows(context["meetings"], enterprise)
    return {**values, "meetings": meetings, "count": len(meetings)}


@email_kind("schedule_changed", _("Schedule changed"),
            ["enterprise", "kept", "moved", "new", "cancelled", "agenda_url"])
def schedule_changed(context, conference):
    enterprise, values = _company(context)
    return {**values, "kept": context["kept"],
            **{kind: meeting_rows(context[kind], enterprise)
               for kind in ("moved", "new", "cancelled")}}


def _day_meetings(context, conference):
    enterprise = Enterprise.objects.get(pk=context["enterprise"])
    date = dt.date.fromisoformat(context["date"])
    meetings = [m for m in agenda_meetings(conference=conference, enterprise=enterprise)
                if local(m.slot.start, conference).date() == date]
    return enterprise, date, meetings


def agenda_attachment(context, conference) -> list[tuple[str, bytes, str]]:
    enterprise, date, meetings = _day_meetings(context, conference)
    body = ics.agenda_calendar(conference=conference, enterprise=enterprise, meetings=meetings,
                               language=translation.get_language())
    return [(f"agenda-{conference.slug}-{date.isoformat()}.ics", body, "text/calendar")]


@email_kind("agenda_day_before", _("Agenda for tomorrow"),
            ["enterprise", "date", "meetings", "agenda_url"], attach=agenda_attachment)
def agenda_day_before(context, conference):
    enterprise, date, meetings = _day_meetings(context, conference)
    rows = meeting_rows([snapshot(m) for m in meetings], enterprise)
    return {"enterprise": enterprise_name(enterprise), "date": day(date), "meetings": rows,
            "agenda_url": link("portal:agenda")}


@email_kind("outcome_survey", _("Outcome survey"), ["enterprise", "meetings_count", "agenda_url"])
def outcome_survey(context, conference):
    _enterprise, values = _company(context)
    return {**values, "meetings_count": context["meetings_count"]}


@email_kind("follow_up_survey", _("Follow-up survey"),
            ["enterprise", "months", "investment", "agenda_url"])
def follow_up_survey(context, conference):
    enterprise, values = _company(context)
    reported = MeetingOutcome.objects.filter(
        enterprise=enterprise, meeting__conference=conference,
    ).aggregate(total=Sum("intended_investment_usd"))["total"]
    return {**values, "months": context["months"],
            "investment": amount(reported) if reported else ""}
