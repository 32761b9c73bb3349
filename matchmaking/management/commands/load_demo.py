from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings
from tqdm import tqdm

from events.statistics import refresh_statistics
from matchmaking.outbox import relay
from matchmaking.outbox.tasks import send_email
from seeds import demo
from seeds.figures import EDITIONS


class Command(BaseCommand):
    help = "Load the demo conferences (idempotent and deterministic)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--edition", type=int, action="append",
            help="Edition to load (1, 2, 5 or 6); repeatable. Default: all.",
        )
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")
        parser.add_argument(
            "--registrations-only", action="store_true",
            help="Enterprises and registrations only: no requests, schedule or outcomes "
                 "(quick; the full 5th edition takes minutes).")

    def handle(self, *args, edition=None, no_progress=False, registrations_only=False,
               **options):
        editions = edition or sorted(EDITIONS)
        unknown = [e for e in editions if e not in EDITIONS]
        if unknown:
            raise CommandError(f"No demo data for edition {unknown[0]}; choose from "
                               f"{', '.join(map(str, sorted(EDITIONS)))}.", returncode=2)
        # The demo's requests and decisions write thousands of e-mails: they stay in the
        # outbox, pending: none is handed over to be sent.
        with relay.holding(send_email), override_settings(
                EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
            for number in editions:
                self.load_edition(number, show_progress=not no_progress,
                                  life_cycle=not registrations_only)
        refresh_statistics()  # every table was written in bulk
        self.stdout.write(f"Demo logins (password for all: {demo.DEMO_PASSWORD}):")
        for role, email, _password in demo.demo_logins():
            self.stdout.write(f"  {role:<28} {email}")

    def load_edition(self, number: int, *, show_progress: bool, life_cycle: bool) -> None:
        with tqdm(total=0, desc=f"Edition {number}", unit="enterprise",
                  disable=not show_progress, file=self.stderr) as bar:
            def progress(done, total):
                bar.total = total
                bar.update(done - bar.n)

            report = demo.load(edition=number, progress=progress, life_cycle=life_cycle)
        self.stdout.write(self.style.SUCCESS(
            f"{report['conference']}: {report['enterprises']} enterprises "
            f"({report['created']} new), {report['requests']} new meeting requests."
        ))
