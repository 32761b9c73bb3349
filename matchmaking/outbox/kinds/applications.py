"""Public applications: the link confirming the applicant's e-mail address."""

import datetime as dt

from django.utils.translation import gettext_lazy as _

from matchmaking.outbox.catalogue import email_kind
from matchmaking.outbox.values import chinese, date_time


@email_kind("application_confirm", _("Application: confirm your e-mail"),
            ["enterprise", "confirm_url", "expires"], overridable=False)
def application_confirm(context, conference):
    name = context["name_zh"] if chinese() and context.get("name_zh") else context["legal_name"]
    expires = dt.datetime.fromisoformat(context["expires_at"])
    return {"enterprise": name, "confirm_url": context["confirm_url"],
            "expires": date_time(expires, conference)}
