"""Prepare the product's database for the web benchmark; run under the product's settings.

    python -m bench.web.product_seed PLAN.json [--users N]

Migrates, loads the demo's scheduled edition through `load_demo`, creates company users
(through the accounts service) with personal read keys (through `accounts.keys`), runs
ANALYZE, and writes the plan: who logs in, which request each user books and cancels, the
search terms, and the shape of the data the bare app copies.
"""

import argparse
import json
import os
import sys

EDITION = 2
PASSWORD = "bench-web-password-1"
USER_EMAIL = "bench-{n:03d}@webbench.test"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("plan")
    parser.add_argument("--users", type=int, default=32)
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "matchmaking.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", interactive=False, verbosity=0)
    with open(os.devnull, "w") as quiet:
        call_command("load_demo", edition=[EDITION], no_progress=True, stdout=quiet)
    plan = build_plan(args.users)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    with open(args.plan, "w") as out:
        json.dump(plan, out, indent=1)
    print(f"{len(plan['users'])} users, {len(plan['shape']['companies'])} companies, "
          f"{len(plan['shape']['meetings'])} meetings")
    return 0


def pick_pairs(conference, count: int) -> list:
    """(enterprise, meeting) pairs whose companies are all different: each user books and
    cancels its own meeting, and no two users' writes touch the same company."""
    from accounts.models import Registration
    from matchmaking.models import Meeting

    approved = set(Registration.objects.approved().filter(conference=conference)
                   .values_list("enterprise_id", flat=True))
    used: set[int] = set()
    slots_used: dict[int, int] = {}
    pairs = []
    meetings = (Meeting.objects.filter(conference=conference, status="scheduled",
                                       table__isnull=False)
                .select_related("request").order_by("slot__start", "pk"))
    # Spread the users over the slots, so rebooking never waits for a table.
    for meeting in sorted(meetings, key=lambda m: (slots_used.get(m.slot_id, 0), m.pk)):
        sides = [meeting.request.sender_id, meeting.request.recipient_id]
        if used & set(sides) or not set(sides) <= approved:
            continue
        used.update(sides)
        slots_used[meeting.slot_id] = slots_used.get(meeting.slot_id, 0) + 1
        pairs.append((sides[0], meeting))
        if len(pairs) == count:
            break
    return pairs


def build_plan(count: int) -> dict:
    from accounts import keys
    from accounts.models import Enterprise, User
    from accounts.services.users import create_company_user
    from events.models import Conference

    conference = Conference.objects.get(edition=EDITION)
    organizer = User.objects.filter(is_superuser=True).order_by("pk").first()
    users = []
    for n, (enterprise_id, meeting) in enumerate(pick_pairs(conference, count), start=1):
        email = USER_EMAIL.format(n=n)
        enterprise = Enterprise.objects.get(pk=enterprise_id)
        user = User.objects.filter(email=email).first()
        if user is None:
            user = create_company_user(enterprise=enterprise, email=email, password=PASSWORD,
                                       full_name=f"Bench user {n}", actor=organizer)
        _key, raw = keys.create_api_key(name=f"bench {n}", scope="read", user=user,
                                        actor=organizer)
        users.append({"email": email, "password": PASSWORD, "enterprise": enterprise_id,
                      "api_key": raw, "request": meeting.request_id, "meeting": meeting.pk,
                      "slot": meeting.slot_id})
    return {"conference": conference.slug, "users": users, "search_terms": search_terms(),
            "shape": shape(conference)}


def search_terms() -> list[str]:
    """Words of the directory's own texts, so searches find something."""
    return ["animation", "software", "design", "Nanjing", "testing", "data", "Inc", "cloud"]


def shape(conference) -> dict:
    """The rows the bare app copies, ids included."""
    from accounts.models import Delegate, Enterprise, Registration
    from events.models import IndustryField, Table, TimeSlot
    from matchmaking.models import Meeting, MeetingRequest

    registrations = Registration.objects.filter(conference=conference)
    ids = set(registrations.values_list("enterprise_id", flat=True))
    companies = [
        {"id": e.pk, "legal_name": e.legal_name, "name_zh": e.name_zh, "slug": e.slug,
         "country": e.country.code, "province": e.province, "city": e.city, "role": e.role,
         "description": e.description, "offers": e.offers, "needs": e.needs,
         "employees": e.employees, "website": e.website,
         "fields": [f.pk for f in e.fields.all()]}
        for e in Enterprise.objects.filter(pk__in=ids).prefetch_related("fields")
    ]
    return {
        "fields": [{"id": f.pk, "slug": f.slug, "name": f.name}
                   for f in IndustryField.objects.all()],
        "companies": companies,
        "delegates": [
            {"id": d.pk, "company": d.enterprise_id, "full_name": d.full_name,
             "title": d.title, "email": d.email, "phone": d.phone, "languages": d.languages}
            for d in Delegate.objects.filter(enterprise_id__in=ids)],
        "registrations": [{"id": r.pk, "company": r.enterprise_id, "status": r.status}
                          for r in registrations],
        "slots": [{"id": s.pk, "start": s.start.isoformat(), "end": s.end.isoformat()}
                  for s in TimeSlot.objects.filter(conference=conference)],
        "tables": [{"id": t.pk, "number": t.number}
                   for t in Table.objects.filter(conference=conference)],
        "requests": [{"id": r.pk, "sender": r.sender_id, "recipient": r.recipient_id,
                      "purpose": r.purpose, "status": r.status}
                     for r in MeetingRequest.objects.filter(conference=conference)],
        "meetings": [{"id": m.pk, "request": m.request_id, "slot": m.slot_id,
                      "table": m.table_id, "status": m.status}
                     for m in Meeting.objects.filter(conference=conference)],
    }


if __name__ == "__main__":
    sys.exit(main())
