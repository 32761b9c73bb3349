import datetime as dt

import pytest

from events import services
from events.errors import DomainError
from events.models import AuditEntry, ConferenceDay, SessionPlan, Table, TimeSlot

pytestmark = pytest.mark.django_db


def plan(conference, start, end, *, minutes=30, pause=0, name="Morning"):
    day, _ = ConferenceDay.objects.get_or_create(conference=conference, date=conference.start_date)
    return SessionPlan.objects.create(
        day=day, name=name, start_time=start, end_time=end, slot_minutes=minutes,
        break_minutes=pause,
    )


def test_generate_slots_fills_the_session_in_the_conference_time_zone(conference):
    morning = plan(conference, dt.time(9), dt.time(12))

    slots = services.generate_slots(plan=morning)

    assert len(slots) == 6
    first = TimeSlot.objects.order_by("start").first()
    # 09:00 in Shanghai (UTC+8) is stored as 01:00 UTC.
    day = conference.start_date
    assert first.start == dt.datetime(day.year, day.month, day.day, 1, 0, tzinfo=dt.UTC)
    assert str(first) == f"{day.isoformat()} 09:00"
    assert AuditEntry.objects.get(action="slots.generate").data == {"slots": 6}


def test_breaks_between_slots_and_a_short_tail_are_left_out(conference):
    morning = plan(conference, dt.time(9), dt.time(10, 50), minutes=20, pause=10)

    slots = services.generate_slots(plan=morning)

    local = [s.start.astimezone(conference.zone).strftime("%H:%M") for s in slots]
    assert local == ["09:00", "09:30", "10:00", "10:30"]


def test_generating_twice_does_not_duplicate_slots(conference):
    morning = plan(conference, dt.time(9), dt.time(10))

    services.generate_slots(plan=morning)
    services.generate_slots(plan=morning)

    assert TimeSlot.objects.filter(conference=conference).count() == 2


def test_overlapping_session_is_refused_and_writes_nothing(conference):
    services.generate_slots(plan=plan(conference, dt.time(9), dt.time(12)))
    overlapping = plan(conference, dt.time(11), dt.time(13), name="Late")

    with pytest.raises(DomainError, match="overlaps"):
        services.generate_slots(plan=overlapping)

    assert TimeSlot.objects.filter(session=overlapping).count() == 0


def test_session_shorter_than_a_slot_is_refused(conference):
    with pytest.raises(DomainError, match="shorter than one slot"):
        services.generate_slots(plan=plan(conference, dt.time(9), dt.time(9, 10)))


def test_set_tables_activates_exactly_the_requested_count(conference):
    services.set_tables(conference=conference, count=5)
    services.set_tables(conference=conference, count=3)

    active = Table.objects.filter(conference=conference, is_active=True)
    assert sorted(active.values_list("number", flat=True)) == [1, 2, 3]
    assert Table.objects.filter(conference=conference).count() == 5


def test_save_table_records_what_changed(conference, organizer):
    services.set_tables(conference=conference, count=2)
    table = Table.objects.get(conference=conference, number=2)

    services.save_table(conference=conference, table=table, actor=organizer,
                        data={"name": "Window", "seats": 6, "is_active": True, "number": 2})

    entry = AuditEntry.objects.get(action="table.save")
    assert entry.actor == organizer and entry.data == {
        "changed": {"name": ["", "Window"], "seats": [4, 6]}}


def test_table_form_in_the_admin_goes_through_the_service(organizer_client, conference,
                                                          organizer):
    services.set_tables(conference=conference, count=1)
    table = Table.objects.get(conference=conference)

    organizer_client.post(f"/admin/events/table/{table.pk}/change/",
                          {"number": 1, "name": "", "seats": 2, "is_active": "on"})
    organizer_client.post("/admin/events/table/add/",
                          {"conference": conference.pk, "number": 7, "name": "Booth",
                           "seats": 8, "is_active": "on"})

    table.refresh_from_db()
    assert table.seats == 2
    assert Table.objects.get(conference=conference, number=7).seats == 8
    assert AuditEntry.objects.filter(action="table.save", actor=organizer).count() == 2
