"""The places of a conference, the chairs a meeting needs, and who sits where."""

import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from accounts.models import Registration
from events.models import Conference, Table
from matchmaking.models import Meeting, MeetingStatus

TABLE = "table"
BOOTH = "booth"
ONLINE = "online"


@dataclass(frozen=True)
class Place:
    """Somewhere meetings run: up to `capacity` at once, each with at most `seats` people
    (None: no chairs to count)."""

    kind: str
    pk: int
    number: int
    name: str = ""
    seats: int | None = None
    capacity: int = 1
    # The Table or Booth row it was read from (None for the online place).
    row: object = field(default=None, compare=False, repr=False)

    @property
    def key(self) -> tuple[str, int]:
        return (self.kind, self.pk)

    @property
    def token(self) -> str:
        """The key as one string, for forms and URLs (see place_by_token)."""
        return f"{self.kind}-{self.pk}"

    def fits(self, chairs: int) -> bool:
        return self.seats is None or chairs <= self.seats

    def __str__(self) -> str:
        if self.kind == ONLINE:
            return _("Online")
        if self.name:
            return self.name
        if self.kind == BOOTH:
            return _("Booth %(number)s") % {"number": self.number}
        return _("Table %(number)s") % {"number": self.number}


def _table_place(table: Table) -> Place:
    return Place(kind=TABLE, pk=table.pk, number=table.number, name=table.name,
                 seats=table.seats, row=table)


def _booth_place(booth, position: int) -> Place:
    # A booth has no chairs to count (people stand or sit around the stand); it holds
    # `capacity` meetings at once. Its number on the plan may be "A12": shown as its name.
    return Place(kind=BOOTH, pk=booth.pk, number=position, capacity=booth.capacity, row=booth,
                 name=_("Booth %(number)s (%(hall)s)") % {"number": booth.number,
                                                          "hall": booth.hall.name})


# An online meeting needs no place: no chairs, no limit, never in places_of (so it adds
# nothing to a slot's capacity) and never counted by occupancy.
ONLINE_PLACE = Place(kind=ONLINE, pk=0, number=0, seats=None, capacity=10**6)


def online_place(request) -> Place | None:
    """The online place when `request` asks to meet online and its conference allows it
    (load the request with its conference)."""
    return ONLINE_PLACE if request.online and request.conference.online_meetings else None


def places_of(*, conference: Conference | int) -> list[Place]:
    """The places meetings may use, in the order they are handed out: tables by number,
    then the booths that host meetings (capacity above zero), hall by hall."""
    from matchmaking.exhibition.models import Booth

    tables = Table.objects.filter(conference=conference, is_active=True).order_by("number")
    places = [_table_place(table) for table in tables]
    booths = Booth.objects.filter(hall__conference=conference, capacity__gt=0).select_related(
        "hall").order_by("hall__position", "hall__name", "number")
    return places + [_booth_place(booth, len(places) + i)
                     for i, booth in enumerate(booths, start=1)]


def place_by_token(places: list[Place], token: str) -> Place | None:
    return next((place for place in places if place.token == token), None)


def place_of(meeting: Meeting) -> Place | None:
    """Where a meeting is now (its table or booth, with the booth's hall, loaded with it)."""
    if meeting.is_online:
        return ONLINE_PLACE
    if meeting.table_id:
        return _table_place(meeting.table)
    if meeting.booth_id:
        return _booth_place(meeting.booth, 0)
    return None


def place_fields(place: Place | None) -> dict:
    """The Meeting fields that put a meeting at `place` (None: at no place yet)."""
    return {"table_id": place.pk if place and place.kind == TABLE else None,
            "booth_id": place.pk if place and place.kind == BOOTH else None,
            "is_online": bool(place and place.kind == ONLINE)}


def party_size(*, delegates: int, parallel: int) -> int:
    """People one side brings to one meeting: its delegates shared among the meetings it
    holds at once, at least one."""
    return max(1, math.ceil(delegates / max(1, parallel)))


def party_sizes(*, conference: Conference | int,
                enterprise_ids: Iterable[int] | None = None) -> dict[int, int]:
    """party_size of each registered enterprise (or of those given), in one query."""
    registrations = Registration.objects.filter(conference=conference)
    if enterprise_ids is not None:
        registrations = registrations.filter(enterprise_id__in=list(enterprise_ids))
    rows = registrations.annotate(delegate_count=Count("enterprise__delegates")).values_list(
        "enterprise_id", "parallel_meetings", "delegate_count")
    return {pk: party_size(delegates=count, parallel=parallel) for pk, parallel, count in rows}


def chairs_needed(sizes: dict[int, int], a: int, b: int) -> int:
    """Chairs a meeting of enterprises `a` and `b` needs, from party_sizes."""
    return sizes.get(a, 1) + sizes.get(b, 1)


def fits_somewhere(places: list[Place], chairs: int) -> bool:
    return any(place.fits(chairs) for place in places)


def slot_capacity(*, places: list[Place], slot_ids: Iterable[int], chairs: int) -> dict[int, int]:
    """How many meetings of `chairs` people can run at once in each slot.

    A scheduler that only counts meetings per slot is safe with this figure
    for any mix of meetings up to that size: every place counted fits each.
    """
    fitting = sum(place.capacity for place in places if place.fits(chairs))
    return dict.fromkeys(slot_ids, fitting)


def occupancy(*, conference: Conference | int, slot_ids: Iterable[int],
              exclude: Iterable[int] = ()) -> dict[int, Counter]:
    """Live meetings at each place, per slot: {slot pk: Counter(place key)}; the meetings
    in `exclude` (being moved or rewritten) do not count."""
    rows = (Meeting.objects.filter(conference=conference, status=MeetingStatus.SCHEDULED,
                                   slot_id__in=list(slot_ids))
            .filter(Q(table__isnull=False) | Q(booth__isnull=False))
            .exclude(pk__in=list(exclude)).values_list("slot_id", "table_id", "booth_id"))
    used: dict[int, Counter] = defaultdict(Counter)
    for slot_pk, table_pk, booth_pk in rows:
        used[slot_pk][(TABLE, table_pk) if table_pk else (BOOTH, booth_pk)] += 1
    return used


def pick_place(places: list[Place], used: Counter, chairs: int, first: int = 0) -> Place | None:
    """The first free place with enough chairs, looking from position `first` on, then
    from the start."""
    ordered = places[first:] + places[:first]
    return next((p for p in ordered if p.fits(chairs) and used[p.key] < p.capacity), None)


@dataclass(frozen=True)
class Wanted:
    """A meeting to place in a slot: the engine's table number for it, the chairs it
    needs, and the place it holds now when it already is in that slot."""

    key: object
    number: int | None
    chairs: int
    current: tuple[str, int] | None = None


def assign_places(*, places: list[Place], used: Counter,
                  wanted: list[Wanted]) -> dict[object, Place | None]:
    """Places for the meetings of one slot. A meeting already in the slot keeps its place
    while it fits; the meeting the engine numbered k takes the k-th place when it fits and
    is free, otherwise the next free place that fits (None: no place left). `used` (the
    slot's occupancy) is updated."""
    chosen: dict[object, Place | None] = {}
    by_key = {place.key: place for place in places}

    def take(item: Wanted, place: Place | None) -> None:
        if place is not None and place.fits(item.chairs) and used[place.key] < place.capacity:
            chosen[item.key] = place
            used[place.key] += 1

    # Staying meetings first, then exact engine numbers, so a meeting that must look
    # further never takes a place another one holds or was numbered for.
    for item in wanted:
        take(item, by_key.get(item.current))
    for item in wanted:
        if item.key not in chosen and item.number and 1 <= item.number <= len(places):
            take(item, places[item.number - 1])
    for item in wanted:
        if item.key not in chosen:
            first = max(0, (item.number or 1) - 1)
            chosen[item.key] = None
            take(item, pick_place(places, used, item.chairs, first=first))
    return chosen
