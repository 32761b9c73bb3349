"""Writes on conferences and their meeting grid."""

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils.translation import gettext as _

from events.errors import DomainError
from events.models import AuditEntry, Conference, EligibilityRules, SessionPlan, Table, TimeSlot


def record_audit(
    *, actor, action: str, target: models.Model, reason: str = "", data: dict | None = None
) -> AuditEntry:
    """Append an audit entry; callers run inside the transaction of their change."""
    return AuditEntry.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        reason=reason,
        content_type=ContentType.objects.get_for_model(target),
        object_id=str(target.pk),
        data=data or {},
    )


def ensure_rules(*, conference: Conference) -> EligibilityRules:
    rules, _created = EligibilityRules.objects.get_or_create(conference=conference)
    return rules


def slot_times(plan: SessionPlan) -> list[tuple[dt.datetime, dt.datetime]]:
    """The (start, end) pairs a session plan yields, aware in the conference's zone."""
    zone = plan.day.conference.zone
    start = dt.datetime.combine(plan.day.date, plan.start_time, tzinfo=zone)
    close = dt.datetime.combine(plan.day.date, plan.end_time, tzinfo=zone)
    length = dt.timedelta(minutes=plan.slot_minutes)
    step = length + dt.timedelta(minutes=plan.break_minutes)
    times = []
    while start + length <= close:
        times.append((start, start + length))
        start += step
    return times


@transaction.atomic
def generate_slots(*, plan: SessionPlan, actor=None) -> list[TimeSlot]:
    """Create the plan's time slots; slots that already exist are kept, not duplicated."""
    conference = plan.day.conference
    times = slot_times(plan)
    if not times:
        raise DomainError(_("The session is shorter than one slot."), code="empty_session")
    clash = TimeSlot.objects.filter(
        conference=conference, start__lt=times[-1][1], end__gt=times[0][0]
    ).exclude(session=plan)
    if clash.exists():
        raise DomainError(
            _("The session overlaps slots of another session: %(slot)s.")
            % {"slot": clash.first()},
            code="overlap",
        )
    slots = []
    for start, end in times:
        slot, _created = TimeSlot.objects.get_or_create(
            conference=conference, start=start, defaults={"end": end, "session": plan}
        )
        slots.append(slot)
    record_audit(
        actor=actor, action="slots.generate", target=plan, data={"slots": len(slots)}
    )
    return slots


@transaction.atomic
def set_tables(*, conference: Conference, count: int, seats: int = 4, actor=None) -> None:
    """Make tables 1..count active and any above count inactive."""
    existing = set(Table.objects.filter(conference=conference).values_list("number", flat=True))
    Table.objects.bulk_create(
        Table(conference=conference, number=n, seats=seats)
        for n in range(1, count + 1)
        if n not in existing
    )
    Table.objects.filter(conference=conference, number__lte=count).update(is_active=True)
    Table.objects.filter(conference=conference, number__gt=count).update(is_active=False)
    record_audit(actor=actor, action="tables.set", target=conference, data={"count": count})



TABLE_FIELDS = ("number", "name", "seats", "is_active")


@transaction.atomic
def save_table(*, conference: Conference, table: Table | None, data: dict, actor=None) -> Table:
    """Add a table (`table` None) or change one to the values in `data`; the audit entry
    records what changed. Live meetings at a table taken out of use or made too small stay
    there until a schedule is published again, which places them elsewhere."""
    unknown = set(data) - set(TABLE_FIELDS)
    if unknown:
        raise DomainError(_("These fields cannot be set here: %(fields)s.")
                          % {"fields": ", ".join(sorted(unknown))}, code="fields")
    if table is None:
        table = Table(conference=conference, **data)
        changed = {name: (None, value) for name, value in data.items()}
    else:
        table = Table.objects.select_for_update().get(pk=table.pk)
        changed = {name: (getattr(table, name), value) for name, value in data.items()
                   if getattr(table, name) != value}
        for name, (_old, value) in changed.items():
            setattr(table, name, value)
    if changed:
        table.save()
        record_audit(actor=actor, action="table.save", target=table, data={
            "changed": {name: [old, new] for name, (old, new) in changed.items()}})
    return table
