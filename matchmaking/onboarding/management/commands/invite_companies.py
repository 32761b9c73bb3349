"""Invite every delegate without an account of the enterprises approved for an edition.

    manage.py invite_companies 5 [--dry-run] [--user organizer@example.com]

Prints `N invitations` at the end. Exit status 2, with one line, for an unknown edition
or organizer."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from tqdm import tqdm

from accounts.management.commands.import_enterprises import find_conference
from accounts.models import User
from matchmaking.onboarding.selectors import approved_enterprises, invitable_delegates
from matchmaking.onboarding.services import invite_delegates

# Each batch is one transaction: a failure keeps what was sent before it.
BATCH = 50


class Command(BaseCommand):
    help = "Invite the delegates without an account of every approved enterprise."

    def add_arguments(self, parser):
        parser.add_argument("edition", help="The conference's edition number.")
        parser.add_argument("--dry-run", action="store_true", help="Count only; send nothing.")
        parser.add_argument("--user", default="", help="The organizer named in the audit.")

    def handle(self, *args, edition, dry_run, user, **options):
        conference = find_conference(edition)
        actor = find_inviter(user) if user else None
        delegates = list(invitable_delegates(approved_enterprises(conference)))
        if dry_run:
            self.stdout.write(_("Dry run, nothing sent: %(summary)s") % {
                "summary": summary(len(delegates))})
            return
        sent = 0
        with tqdm(total=len(delegates), desc=_("Inviting"), unit=_("delegate"),
                  file=self.stderr) as bar:
            for start in range(0, len(delegates), BATCH):
                batch = delegates[start:start + BATCH]
                sent += len(invite_delegates(delegates=batch, actor=actor,
                                             conference=conference))
                bar.update(len(batch))
        self.stdout.write(self.style.SUCCESS(summary(sent)))


def summary(count: int) -> str:
    return ngettext("%(count)s invitation", "%(count)s invitations", count) % {"count": count}


def find_inviter(email: str):
    user = User.objects.filter(email__iexact=email, is_active=True).first()
    if user is None or not user.has_perm("onboarding.add_invitation"):
        raise CommandError(_("%(email)s is not an active user with the right to invite.")
                           % {"email": email}, returncode=2)
    return user
