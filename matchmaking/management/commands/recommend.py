from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from events.models import Conference
from matchmaking.recommendations.services import compute_recommendations


class Command(BaseCommand):
    help = "Compute a conference's recommended partners (replaces the previous ones)."

    def add_arguments(self, parser):
        parser.add_argument("conference", help="The conference's slug or edition number.")
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    def handle(self, *args, conference, no_progress=False, **options):
        found = find_conference(conference)
        with tqdm(total=0, desc="Scoring pairs", unit="pair", file=self.stderr,
                  disable=no_progress) as bar:
            def progress(done, total):
                bar.total = total
                bar.update(done - bar.n)

            count = compute_recommendations(conference=found, progress=progress)
        self.stdout.write(self.style.SUCCESS(f"{found}: {count} recommendations stored."))


def find_conference(key: str) -> Conference:
    lookup = {"edition": int(key)} if key.isdigit() else {"slug": key}
    conference = Conference.objects.filter(**lookup).first()
    if conference is None:
        raise CommandError(f"No conference with slug or edition {key!r}.", returncode=2)
    return conference
