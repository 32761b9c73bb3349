"""Fill the bare app's database with the product's rows (ids kept), its users and keys.

    python -m bench.web.bare.load PLAN.json
"""

import hashlib
import json
import os
import sys


def bare_key(raw: str) -> str:
    """The bare app's 40-character token for a user of the plan."""
    return hashlib.sha1(raw.encode()).hexdigest()


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.web.bare.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    with open(argv[0]) as source:
        plan = json.load(source)
    call_command("migrate", interactive=False, verbosity=0)
    with transaction.atomic():
        load_shape(plan["shape"])
        load_users(plan["users"])
    with connection.cursor() as cursor:
        for statement in sequence_resets():
            cursor.execute(statement)
        cursor.execute("ANALYZE")
    print(f"bare: {len(plan['shape']['companies'])} companies, {len(plan['users'])} users")
    return 0


def load_shape(shape: dict) -> None:
    from bench.web.bare import models

    models.Field.objects.bulk_create(models.Field(**row) for row in shape["fields"])
    models.Company.objects.bulk_create(
        models.Company(**{k: v for k, v in row.items() if k != "fields"})
        for row in shape["companies"])
    through = models.Company.fields.through
    through.objects.bulk_create(through(company_id=row["id"], field_id=field)
                                for row in shape["companies"] for field in row["fields"])
    models.Delegate.objects.bulk_create(
        models.Delegate(company_id=row["company"],
                        **{k: v for k, v in row.items() if k != "company"})
        for row in shape["delegates"])
    models.Registration.objects.bulk_create(
        models.Registration(id=row["id"], company_id=row["company"], status=row["status"])
        for row in shape["registrations"])
    models.Slot.objects.bulk_create(models.Slot(**row) for row in shape["slots"])
    models.Table.objects.bulk_create(models.Table(**row) for row in shape["tables"])
    models.MeetingRequest.objects.bulk_create(
        models.MeetingRequest(id=row["id"], sender_id=row["sender"],
                              recipient_id=row["recipient"], purpose=row["purpose"],
                              status=row["status"])
        for row in shape["requests"])
    requests = {row["id"]: row for row in shape["requests"]}
    meetings = models.Meeting.objects.bulk_create(
        models.Meeting(id=row["id"], request_id=row["request"], slot_id=row["slot"],
                       table_id=row["table"], status=row["status"])
        for row in shape["meetings"])
    models.SlotBooking.objects.bulk_create(
        models.SlotBooking(meeting=meeting, company_id=requests[meeting.request_id][side],
                           slot_id=meeting.slot_id)
        for meeting in meetings if meeting.status == "scheduled"
        for side in ("sender", "recipient"))


def load_users(users: list[dict]) -> None:
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import User
    from rest_framework.authtoken.models import Token

    from bench.web.bare.models import Member

    # One hash for all: the same hasher and cost as each of the product's users.
    encoded = make_password(users[0]["password"]) if users else ""
    for row in users:
        user = User.objects.create(username=row["email"], email=row["email"], password=encoded)
        Member.objects.create(user=user, company_id=row["enterprise"])
        Token.objects.create(user=user, key=bare_key(row["api_key"]))


def sequence_resets() -> list[str]:
    from django.apps import apps
    from django.core.management.color import no_style
    from django.db import connection

    return connection.ops.sequence_reset_sql(no_style(), apps.get_app_config("bare").get_models())


if __name__ == "__main__":
    sys.exit(main())
