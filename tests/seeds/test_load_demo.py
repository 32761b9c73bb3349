import io

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count

from accounts.models import Enterprise, Registration, User
from events.models import AuditEntry, Conference, TimeSlot
from matchmaking.outbox.models import EmailStatus, OutgoingEmail
from matchmaking.results.selectors import total_investment
from seeds import demo

pytestmark = pytest.mark.django_db


def load(*editions):
    args = [f"--edition={e}" for e in editions]
    call_command("load_demo", *args, "--no-progress", stdout=io.StringIO())


def test_second_edition_matches_the_press_conference_figures():
    load(2)

    conference = Conference.objects.get(edition=2)
    registrations = Registration.objects.filter(conference=conference)
    foreign_approved = registrations.approved().exclude(enterprise__country="CN")
    assert foreign_approved.count() == 57
    assert foreign_approved.values("enterprise__country").distinct().count() == 10
    assert {"US", "CA", "JP", "IN", "KR"} <= set(
        foreign_approved.values_list("enterprise__country", flat=True)
    )
    assert registrations.awaiting_decision().count() == 20
    failing = registrations.filter(passes_rules=False)
    assert sorted(r.failed_rule_codes for r in failing) == [
        ",contract_value,", ",contract_value,", ",delegate_seniority,", ",delegate_seniority,"
    ]
    assert total_investment(conference) == 260_000_000
    assert conference.rules.min_foreign_buyer_contract_usd == 8_000_000
    fields = registrations.approved().filter(enterprise__country="CN").values(
        "enterprise__fields__slug").annotate(n=Count("id"))
    assert len(fields) == 4  # domestic suppliers across the four fields


def test_the_demos_emails_are_written_but_none_is_sent(mailoutbox):
    load(2)

    statuses = set(OutgoingEmail.objects.values_list("status", flat=True))
    assert OutgoingEmail.objects.exists() and statuses == {EmailStatus.PENDING}
    assert mailoutbox == []


def test_loading_twice_creates_nothing_new():
    load(2)
    counts = (Enterprise.objects.count(), Registration.objects.count(),
              TimeSlot.objects.count(), User.objects.count(), AuditEntry.objects.count())

    load(2)

    assert counts == (Enterprise.objects.count(), Registration.objects.count(),
                      TimeSlot.objects.count(), User.objects.count(), AuditEntry.objects.count())


def test_loading_is_deterministic():
    first = [p.legal_name for p in demo.enterprise_plans(5, demo.EDITIONS[5])]
    second = [p.legal_name for p in demo.enterprise_plans(5, demo.EDITIONS[5])]

    assert first == second and len(set(first)) == 700


def test_demo_logins_work_and_company_users_belong_to_their_enterprise():
    load(2)

    for _role, email, password in demo.demo_logins():
        assert User.objects.get(email=email).check_password(password)
    buyer = User.objects.get(email=demo.BUYER_EMAIL)
    assert buyer.enterprise.city == "Toronto" and not buyer.is_staff
    supplier = User.objects.get(email=demo.SUPPLIER_EMAIL)
    assert supplier.enterprise.city == "Suzhou"
    assert Registration.objects.get(enterprise=supplier.enterprise).status == "approved"


def test_fifth_edition_at_real_scale():
    # Registrations only: its whole life cycle takes minutes (bench/results.py loads it).
    call_command("load_demo", "--edition=5", "--registrations-only", "--no-progress",
                 stdout=io.StringIO())

    registrations = Registration.objects.filter(conference__edition=5)
    assert registrations.count() == 700
    assert registrations.values("enterprise__country").distinct().count() == 21
    assert Conference.objects.get(edition=5).start_date.isoformat() == "2012-06-19"


def test_unknown_edition_exits_with_status_2():
    with pytest.raises(CommandError) as error:
        load(9)

    assert error.value.returncode == 2
    assert "No demo data for edition 9" in str(error.value)


def test_the_next_edition_takes_public_applications(client):
    load(6)

    conference = Conference.objects.get(edition=6)
    page = client.get("/zh-hans/apply/cisocc-6/")

    assert conference.status == "registration_open" and not conference.registrations.exists()
    assert page.status_code == 200 and "第六届中国国际服务外包合作大会" in page.content.decode()
