"""The printable agenda: one page per day, with a check-in QR code."""

import segno
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone, translation
from weasyprint import CSS, HTML

from events.models import Conference


def qr_data_uri(url: str) -> str:
    return segno.make(url, error="m").svg_data_uri(scale=4)


def agenda_html(*, conference: Conference, enterprise, days, check_in_url: str,
                language: str) -> str:
    """The page WeasyPrint prints, in the reader's language and the conference's zone."""
    with translation.override(language), timezone.override(conference.zone):
        return render_to_string("agenda/agenda_pdf.html", {
            "conference": conference, "enterprise": enterprise, "days": days,
            "qr": qr_data_uri(check_in_url), "check_in_url": check_in_url,
            "LANGUAGE_CODE": language,
        })


def agenda_pdf(*, conference: Conference, enterprise, days, check_in_url: str,
               language: str) -> bytes:
    """Render the agenda; `days` are AgendaDay rows (every conference day, even empty)."""
    html = agenda_html(conference=conference, enterprise=enterprise, days=days,
                       check_in_url=check_in_url, language=language)
    stylesheet = CSS(filename=finders.find("css/agenda-pdf.css"))
    return HTML(string=html).write_pdf(stylesheets=[stylesheet])
