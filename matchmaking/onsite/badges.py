"""Printable badges: one A6 page per delegate with name, company, country and a QR code
that checks that delegate in (see codes.py). Rendered like the agenda PDF."""

from collections.abc import Callable, Iterable

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from weasyprint import CSS, HTML

from accounts.models import Delegate, Registration
from matchmaking.agenda.pdf import qr_data_uri
from matchmaking.onsite import codes


def badge_delegates(registrations: Iterable[Registration]) -> list[tuple[Registration, Delegate]]:
    """Every delegate of the given registrations, by company then name."""
    rows = Registration.objects.filter(pk__in=[r.pk for r in registrations]).select_related(
        "conference", "enterprise").prefetch_related("enterprise__delegates").order_by(
        "enterprise__legal_name")
    return [(registration, delegate) for registration in rows
            for delegate in sorted(registration.enterprise.delegates.all(),
                                   key=lambda d: d.full_name)]


def badges_pdf(*, registrations: Iterable[Registration], absolute: Callable[[str], str],
               language: str) -> bytes:
    """The badges of every delegate of `registrations`; `absolute` turns a path into the
    URL printed in the QR code (request.build_absolute_uri)."""
    badges = []
    for registration, delegate in badge_delegates(registrations):
        token = codes.badge_token(conference_id=registration.conference_id,
                                  delegate_id=delegate.pk)
        badges.append({"registration": registration, "delegate": delegate,
                       "qr": qr_data_uri(absolute(reverse("onsite:code", args=[token])))})
    with translation.override(language):
        html = render_to_string("onsite/badges_pdf.html", {
            "badges": badges, "LANGUAGE_CODE": language})
    stylesheet = CSS(filename=finders.find("onsite/css/badges-pdf.css"))
    return HTML(string=html).write_pdf(stylesheets=[stylesheet])
