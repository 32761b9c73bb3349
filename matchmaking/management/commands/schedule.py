from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from events.errors import DomainError
from events.models import Conference
from matchmaking.models import RunStatus, ScheduleRun
from matchmaking.services import scheduling
from matchmaking.services.publishing import publish_schedule_run


class Command(BaseCommand):
    help = ("Compute a conference's meeting schedule in this process, optionally publish it. "
            "On a live schedule, published meetings stay where they are unless moving them "
            "schedules more weight; --replace reshuffles from scratch.")

    def add_arguments(self, parser):
        parser.add_argument("conference", help="Conference slug or edition number.")
        parser.add_argument("--publish", action="store_true", help="Publish the draft.")
        mode = parser.add_mutually_exclusive_group()
        mode.add_argument("--repair", action="store_true",
                          help="Also fix locked published meetings in place.")
        mode.add_argument("--replace", action="store_true",
                          help="Recompute from scratch, ignoring where meetings are now.")
        parser.add_argument("--time-limit", type=float, default=10.0)
        parser.add_argument("--seed", type=int, default=0)

    def handle(self, *args, **options):
        conference = find_conference(options["conference"])
        mode = (ScheduleRun.Mode.REPAIR if options["repair"] else
                ScheduleRun.Mode.REPLACE if options["replace"] else ScheduleRun.Mode.FULL)
        try:
            run = self.compute(conference, mode, options)
            if run.status != RunStatus.SUCCEEDED:
                raise CommandError(f"Run {run.pk} failed: {run.error}", returncode=1)
            self.report(run)
            if options["publish"]:
                run = publish_schedule_run(run=run)
                self.stdout.write(self.style.SUCCESS(summary(run.metrics["published"])))
        except DomainError as error:
            raise CommandError(error.message, returncode=2) from error

    def compute(self, conference, mode, options) -> ScheduleRun:
        # Recorded like any run, but computed here rather than by a worker, with a bar.
        run = scheduling.start_schedule_run(
            conference=conference, mode=mode, time_limit=options["time_limit"],
            seed=options["seed"], enqueue_job=False)
        run = scheduling.claim_run(run.pk)
        # A percentage, not a rate: "Scheduling:  40%|####      | 00:04<00:06".
        with tqdm(total=100, desc="Scheduling", file=self.stderr,
                  bar_format="{desc}: {percentage:3.0f}%|{bar}| {elapsed}<{remaining}") as bar:
            run = scheduling.compute_draft(
                run=run, on_progress=lambda f: bar.update(int(f * 100) - bar.n))
            bar.update(100 - bar.n)
        return run

    def report(self, run: ScheduleRun) -> None:
        m = run.metrics
        self.stdout.write(
            f"Run {run.pk}: {m['scheduled']}/{m['requests']} meetings, weight {m['weight']} of "
            f"at most {m['bound']} ({m['quality_percent']}%), fairness {m['fairness']}, "
            f"breaks {m['breaks']}, idle slots {m['idle_slots']}, {m['seconds']} s."
        )


def summary(counts: dict) -> str:
    return (f"kept {counts['kept']}, moved {counts['moved']}, new {counts['created']}, "
            f"cancelled {counts['cancelled']}")


def find_conference(value: str) -> Conference:
    lookup = {"edition": int(value)} if value.isdigit() else {"slug": value}
    conference = Conference.objects.filter(**lookup).first()
    if conference is None:
        raise CommandError(f"No conference {value!r} (give a slug or an edition number).",
                           returncode=2)
    return conference
