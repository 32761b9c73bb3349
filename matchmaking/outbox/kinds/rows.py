"""Meetings as template rows, from the snapshots (meeting, slot, table) kept in contexts."""

from events.models import TimeSlot
from matchmaking.models import Meeting
from matchmaking.outbox.values import (
    booth_label,
    enterprise_name,
    online_label,
    slot_time,
    table_label,
)


def snapshot(meeting, *, slot=None, table=None) -> dict:
    """Where a meeting is (or was): ids and a table number (or a booth's number on the
    hall plan), for a context."""
    slot = slot or meeting.slot
    table = table if table is not None else meeting.table
    where = {"meeting": meeting.pk, "slot": slot.pk, "table": table.number if table else None}
    if table is None and meeting.booth_id:
        where["booth"] = meeting.booth.number
    if table is None and meeting.is_online:
        where["online"] = meeting.online_link or True
    return where


def place_label(item: dict) -> str:
    if item.get("online"):
        return online_label(item["online"])
    if item.get("booth"):
        return booth_label(item["booth"])
    return table_label(item.get("table"))


def meeting_rows(items: list[dict], enterprise) -> list[dict]:
    """Each snapshot as {counterpart, purpose, when, table} (and old_when, old_table for a
    move), in time order, as `enterprise` sees them."""
    meetings = Meeting.objects.select_related("request__sender", "request__recipient").in_bulk(
        [item["meeting"] for item in items])
    slot_ids = {item[key] for item in items for key in ("slot", "old_slot") if item.get(key)}
    slots = TimeSlot.objects.select_related("conference").in_bulk(list(slot_ids))
    rows = []
    for item in sorted(items, key=lambda i: (slots[i["slot"]].start, i.get("table") or 0)):
        request = meetings[item["meeting"]].request
        row = {"counterpart": enterprise_name(request.counterpart_of(enterprise)),
               "purpose": request.get_purpose_display(),
               "when": slot_time(slots[item["slot"]]),
               "table": place_label(item)}
        if item.get("old_slot"):
            row.update(old_when=slot_time(slots[item["old_slot"]]),
                       old_table=table_label(item.get("old_table")))
        rows.append(row)
    return rows
