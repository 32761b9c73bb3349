"""The one-click results report, printed the way the agendas are (WeasyPrint)."""

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import CSS, HTML

from events.models import Conference
from matchmaking.results.dashboard import build_dashboard
from matchmaking.results.exports.writers import summary_rows


def results_pdf(*, conference: Conference, language: str) -> bytes:
    with translation.override(language):
        html = render_to_string("results/report_pdf.html", {
            "conference": conference, "board": build_dashboard(conference),
            "summary": summary_rows(conference), "LANGUAGE_CODE": language,
        })
    stylesheet = CSS(filename=finders.find("results/report-pdf.css"))
    return HTML(string=html).write_pdf(stylesheets=[stylesheet])
