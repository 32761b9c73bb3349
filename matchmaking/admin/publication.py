"""The confirmation page of publishing: what the draft changes, in total and per company."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from events.errors import DomainError
from matchmaking.forms import PublishForm
from matchmaking.models import ScheduleRun
from matchmaking.services.publishing import require_applicable, require_publishable
from matchmaking.services.schedule_diff import (
    CANCELLED,
    KINDS,
    MOVED,
    CompanyChanges,
    diff_schedule_run,
)

COLUMNS = [("company", gettext_lazy("Company")), ("kept", gettext_lazy("Kept")),
           ("moved", gettext_lazy("Moved")), ("new", gettext_lazy("New")),
           ("cancelled", gettext_lazy("Cancelled"))]


def publication_context(run: ScheduleRun, sort: str) -> dict:
    context = {"run": run, "conference": run.conference, "columns": COLUMNS, "sort": sort,
               "title": _("Publish %(run)s?") % {"run": run}}
    try:
        require_publishable(run)
        diff = diff_schedule_run(run=run)
        require_applicable(diff, None)
    except DomainError as error:
        return {**context, "refusal": error.message}
    return {**context, "diff": diff, "totals": diff.totals,
            "companies": sorted_companies(diff.companies, sort),
            "notified": len(diff.to_notify()),
            "surprises": [c for c in diff.changes if c.kind in (MOVED, CANCELLED)],
            "form": PublishForm(initial={"changes": diff.fingerprint})}


def sorted_companies(companies: list[CompanyChanges], sort: str) -> list[dict]:
    """Rows of the per-company table: the most affected first, or by the column asked for
    (names A to Z, counts largest first)."""
    rows = [{"enterprise": c.enterprise, "changed": c.changed, **c.counts} for c in companies]
    if sort == "company":
        return sorted(rows, key=lambda row: str(row["enterprise"]))
    if sort in KINDS:
        return sorted(rows, key=lambda row: (-row[sort], str(row["enterprise"])))
    return rows  # already the most affected first

