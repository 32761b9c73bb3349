from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts import keys
from accounts.models import ApiKeyScope, Partner
from events.errors import DomainError
from events.models import Conference


def fail(message: str) -> CommandError:
    return CommandError(message, returncode=2)


class Command(BaseCommand):
    help = ("Issue an API key for a partner (created if new) on one or more conferences. "
            "The key is printed once; only its hash is stored.")

    def add_arguments(self, parser):
        parser.add_argument("name", help="Partner name, for example 'Jiangsu Commerce Portal'.")
        parser.add_argument("--conference", action="append", default=[], metavar="SLUG",
                            help="Conference slug or edition; repeat for several.")
        parser.add_argument("--scope", default="read", help="read or write (default: read).")
        parser.add_argument("--organizer", action="store_true",
                            help="Organizer system: may start schedule runs and see every "
                                 "registration of its conferences.")
        parser.add_argument("--key-name", default="", help="Label of the key (default: NAME).")

    def handle(self, *args, **options):
        name = options["name"].strip()
        if not name or len(name) > 120:
            raise fail("The partner name must have 1 to 120 characters.")
        if options["scope"] not in ApiKeyScope.values:
            raise fail(f"--scope must be read or write, not {options['scope']!r}.")
        if not options["conference"]:
            raise fail("Name at least one conference with --conference SLUG.")
        conferences = [find_conference(value) for value in options["conference"]]
        try:
            key, raw = self.issue(name, conferences, options)
        except DomainError as error:
            raise fail(str(error.message)) from error
        slugs = ", ".join(c.slug for c in conferences)
        self.stdout.write(f"Partner: {key.partner} (organizer: {key.partner.is_organizer})")
        self.stdout.write(f"Key prefix: {key.prefix}  scope: {key.scope}  conferences: {slugs}")
        self.stdout.write("Store this key now; it is not shown again:")
        self.stdout.write(raw)

    @transaction.atomic
    def issue(self, name, conferences, options):
        partner, _created = Partner.objects.get_or_create(name=name)
        if options["organizer"] and not partner.is_organizer:
            partner.is_organizer = True
            partner.save(update_fields=["is_organizer"])
        partner.conferences.add(*conferences)
        return keys.create_api_key(name=options["key_name"] or name, scope=options["scope"],
                                   partner=partner, conferences=conferences)


def find_conference(value: str) -> Conference:
    lookup = {"edition": int(value)} if value.isdigit() else {"slug": value}
    conference = Conference.objects.filter(**lookup).first()
    if conference is None:
        raise fail(f"No conference {value!r} (give its slug or edition number).")
    return conference
