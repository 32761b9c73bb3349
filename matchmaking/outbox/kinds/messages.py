"""Messages between companies: the other side is told about new messages, at most once
per MESSAGE_EMAIL_INTERVAL_MINUTES and thread (see messaging.services.post_message)."""

import datetime as dt

from django.utils.translation import gettext_lazy as _

from matchmaking.outbox.catalogue import email_kind
from matchmaking.outbox.values import date_time, enterprise_name, link

# An e-mail quotes the latest messages; the thread on the portal has them all.
QUOTED = 10


@email_kind("new_messages", _("New messages from a company"),
            ["counterpart", "count", "messages", "thread_url"])
def new_messages(context, conference):
    from matchmaking.messaging.models import Thread

    thread = Thread.objects.select_related("low", "high").get(pk=context["thread"])
    counterpart = thread.counterpart_of(context["enterprise"])
    batch = thread.messages.filter(
        pk__gte=context["from"], created_at__lte=dt.datetime.fromisoformat(context["until"]),
        sender=counterpart)
    latest = list(batch.order_by("-created_at", "-id")[:QUOTED])[::-1]
    return {"counterpart": enterprise_name(counterpart), "count": batch.count(),
            "messages": [{"when": date_time(m.created_at, conference), "text": m.body}
                         for m in latest],
            "thread_url": link("messaging:thread", thread.pk)}
