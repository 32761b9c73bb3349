"""Import enterprises from a CSV or XLSX file, the way the admin's import does.

Exit status: 0 imported (or a clean dry run), 1 some rows are bad and nothing was
imported (the report says why), 2 the file itself is unusable (one line on stderr).
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from tqdm import tqdm

from accounts.imports import ImportFileError, read_table, report
from accounts.models import User
from accounts.resources import EnterpriseResource
from events.models import Conference


class Command(BaseCommand):
    help = ("Import enterprises from a CSV or XLSX file with the admin's columns (see the "
            "README), through the same checks and services: changed vetted details send "
            "approved registrations back to review. Any bad row: nothing is imported.")

    def add_arguments(self, parser):
        parser.add_argument("file", help="A .csv (UTF-8) or .xlsx file.")
        parser.add_argument("--conference", metavar="EDITION",
                            help="Submit a registration for this edition for every row "
                                 "(as the `conference` column does).")
        parser.add_argument("--dry-run", action="store_true",
                            help="Check and report every row, save nothing.")
        parser.add_argument("--user", metavar="EMAIL",
                            help="The organizer to name in the audit trail (default: none).")

    def handle(self, *args, file, conference=None, dry_run=False, user=None, **options):
        edition = find_conference(conference) if conference else None
        actor = find_organizer(user) if user else None
        try:
            dataset = read_table(Path(file))
        except ImportFileError as error:
            raise CommandError(str(error), returncode=2) from error
        resource = EnterpriseResource(actor=actor, conference=edition)
        problem = resource.column_problem(dataset.headers)
        if problem:
            raise CommandError(problem, returncode=2)
        with tqdm(total=len(dataset), desc=_("Importing"), unit=_("row"),
                  file=self.stderr) as bar:
            resource.progress = bar.update
            result = resource.import_data(dataset, dry_run=dry_run, use_transactions=True)
        rows = report(dataset, result, resource.outcomes)
        for row in rows:
            self.stdout.write(str(row))
        self.finish(rows, dry_run)

    def finish(self, rows, dry_run: bool) -> None:
        bad = sum(row.state == "error" for row in rows)
        if bad:
            raise CommandError(_("Nothing imported: %(bad)s of %(total)s rows have errors.")
                               % {"bad": bad, "total": len(rows)}, returncode=1)
        counts = {state: sum(row.state == state for row in rows)
                  for state in ("new", "updated", "unchanged")}
        summary = _("%(new)s new, %(updated)s updated, %(unchanged)s unchanged.") % counts
        if dry_run:
            self.stdout.write(_("Dry run, nothing saved: %(summary)s") % {"summary": summary})
            return
        self.stdout.write(self.style.SUCCESS(_("Imported: %(summary)s") % {"summary": summary}))


def find_organizer(email: str):
    user = User.objects.filter(email__iexact=email, is_active=True).first()
    if user is None or not user.has_perm("accounts.import_enterprise"):
        raise CommandError(_("%(email)s is not an active user with the right to import "
                             "enterprises.") % {"email": email}, returncode=2)
    return user


def find_conference(edition: str) -> Conference:
    conference = Conference.objects.filter(edition=edition).first() if edition.isdigit() else None
    if conference is None:
        raise CommandError(_("No conference with edition %(edition)s.") % {"edition": edition},
                           returncode=2)
    return conference
