"""Sample values for previews of e-mails and of organizers' wording, in the active
language."""

import datetime as dt

from django.utils.translation import gettext as _

from matchmaking.models import Purpose
from matchmaking.outbox.catalogue import EmailKind
from matchmaking.outbox.values import amount, chinese, day, link, table_label, time_span


def _names() -> tuple[str, str]:
    if chinese():
        return "枫叶分析有限公司", "苏州太湖软件有限公司"
    return "Maple Analytics Inc.", "Suzhou Taihu Software Co., Ltd."


def _when(hour: int) -> str:
    start = dt.datetime(2026, 6, 19, hour)
    return time_span(start, start + dt.timedelta(minutes=30))


def _variables() -> dict:
    mine, theirs = _names()
    meeting = {"counterpart": theirs, "purpose": Purpose.OUTSOURCING_PURCHASE.label,
               "when": _when(9), "table": table_label(12)}
    moved = {**meeting, "old_when": _when(11), "old_table": table_label(4)}
    return {
        "enterprise": mine, "counterpart": theirs, "by": theirs,
        "purpose": str(Purpose.OUTSOURCING_PURCHASE.label),
        "message": _("We would like to present our testing services."),
        "reason": _("The delegation changed its travel dates."),
        "expires": _when(18), "when": meeting["when"], "table": meeting["table"],
        "old_when": moved["old_when"], "old_table": moved["old_table"],
        "meetings": [meeting], "count": 1, "kept": 3, "moved": [moved], "new": [meeting],
        "cancelled": [meeting], "date": day(dt.date(2026, 6, 19)), "meetings_count": 6,
        "months": 3, "investment": amount(2_500_000), "email": "anna.smith@example.com",
        "requests_url": link("portal:requests"), "agenda_url": link("portal:agenda"),
        "accept_url": link("portal:dashboard"), "confirm_url": link("home"),
        "reset_url": link("accounts:password_reset"),
        "subject": _("Sample subject"), "body": _("Sample text."),
        "messages": [{"when": _when(10), "text": _("Could we meet a day earlier?")}],
        "thread_url": link("messaging:index"),
    }


def sample_variables(kind: EmailKind) -> dict:
    every = _variables()
    return {name: every[name] for name in kind.variables}
