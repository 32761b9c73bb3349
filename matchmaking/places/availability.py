"""Who is free in which slot, and why not: one answer for the slot picker and for booking.

The picker offers the slots this module calls free; the booking service asks
again for the one slot chosen, under its lock, and refuses with the reason
given here. They read the same rules, so they cannot disagree.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, PositiveSmallIntegerField, Value
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Registration, RegistrationStatus
from events.models import TimeSlot
from matchmaking.models import Meeting, MeetingRequest, SlotBooking, Unavailability
from matchmaking.places import places as places_module


@dataclass
class SlotCheck:
    """Whether a request can take a slot: `reason` is empty when it can, and then `place`
    and `seats` (enterprise pk -> seat number) say where it goes."""

    slot: TimeSlot
    reason: str = ""
    message: str = ""
    place: places_module.Place | None = None
    seats: dict[int, int] = field(default_factory=dict)

    @property
    def is_free(self) -> bool:
        return not self.reason


@dataclass
class _Side:
    enterprise: object
    approved: bool
    parallel: int
    party: int


class _State:
    """Everything the checks read, for both sides and the given slots, in four queries."""

    def __init__(self, request: MeetingRequest, slot_ids: list[int], moving: Meeting | None,
                 on_site: bool = False, at: places_module.Place | None = None):
        self.request, self.moving, self.on_site, self.at = request, moving, on_site, at
        sides = {request.sender_id: request.sender, request.recipient_id: request.recipient}
        rows = {r.enterprise_id: r for r in Registration.objects.filter(
            conference=request.conference_id, enterprise_id__in=list(sides)).annotate(
            delegate_count=Count("enterprise__delegates"))}
        self.sides = [self._side(enterprise, rows.get(pk)) for pk, enterprise in sides.items()]
        self.blocked, self.seats_taken = set(), defaultdict(set)
        for enterprise_pk, slot_pk, seat in _blocked_and_taken(list(sides), slot_ids, moving):
            if seat is None:
                self.blocked.add((enterprise_pk, slot_pk))
            else:
                self.seats_taken[(enterprise_pk, slot_pk)].add(seat)
        self.places = places_module.places_of(conference=request.conference_id)
        self.used = places_module.occupancy(conference=request.conference_id, slot_ids=slot_ids,
                                            exclude=[moving.pk] if moving else [])

    @staticmethod
    def _side(enterprise, registration: Registration | None) -> _Side:
        if registration is None:
            return _Side(enterprise, False, 1, 1)
        return _Side(enterprise, registration.status == RegistrationStatus.APPROVED,
                     registration.parallel_meetings,
                     places_module.party_size(delegates=registration.delegate_count,
                                              parallel=registration.parallel_meetings))

    def check(self, slot: TimeSlot, now) -> SlotCheck:
        refusal = self._refusal(slot, now)
        if refusal is not None:
            return SlotCheck(slot, *refusal)
        seats = {}
        for side in self.sides:
            seat = self._free_seat(side, slot)
            if seat is None:
                return SlotCheck(slot, "busy", _("%(enterprise)s already has a meeting at that "
                                                 "time.") % {"enterprise": side.enterprise})
            seats[side.enterprise.pk] = seat
        online = places_module.online_place(self.request)
        if online is not None:
            return SlotCheck(slot, place=online, seats=seats)
        chairs = sum(side.party for side in self.sides)
        used = self.used.get(slot.pk, Counter())
        if self.at is not None:
            return self._check_at(slot, used, chairs, seats)
        place = places_module.pick_place(self.places, used, chairs)
        if place is None:
            return SlotCheck(slot, "tables_full", self._no_place_message(used, chairs))
        return SlotCheck(slot, place=place, seats=seats)

    def _check_at(self, slot: TimeSlot, used: Counter, chairs: int, seats: dict) -> SlotCheck:
        """The one place staff chose on the grid: it must be in use, fit and be free."""
        place = next((p for p in self.places if p.key == self.at.key), None)
        if place is None:
            return SlotCheck(slot, "bad_place", _("That place is not in use."))
        if not place.fits(chairs):
            return SlotCheck(slot, "too_small", _(
                "%(place)s does not have the %(chairs)s seats this meeting needs.") % {
                "place": place, "chairs": chairs})
        if used[place.key] >= place.capacity:
            return SlotCheck(slot, "place_taken", _("%(place)s is taken at that time.") % {
                "place": place})
        return SlotCheck(slot, place=place, seats=seats)

    def _no_place_message(self, used: Counter, chairs: int) -> str:
        if any(used[place.key] < place.capacity for place in self.places):
            return _("No free table has the %(chairs)s seats this meeting needs at that "
                     "time.") % {"chairs": chairs}
        return _("Every table is taken at that time.")

    def _refusal(self, slot: TimeSlot, now) -> tuple[str, str] | None:
        if slot.conference_id != self.request.conference_id:
            return "bad_slot", _("That slot belongs to another conference.")
        # On site, staff may still seat a meeting in the slot that is running.
        if slot.start <= now and not (self.on_site and slot.end > now):
            return "past", _("That slot has already begun.")
        if self.moving is not None and slot.pk == self.moving.slot_id and self.at is None:
            return "same_slot", _("The meeting is already in that slot.")
        for side in self.sides:
            if not side.approved:
                return "not_approved", _(
                    "%(enterprise)s is not an approved participant of %(conference)s.") % {
                    "enterprise": side.enterprise, "conference": self.request.conference}
        for side in self.sides:
            if (side.enterprise.pk, slot.pk) in self.blocked:
                return "unavailable", _("%(enterprise)s is not available at that time.") % {
                    "enterprise": side.enterprise}
        return None

    def _free_seat(self, side: _Side, slot: TimeSlot) -> int | None:
        taken = self.seats_taken[(side.enterprise.pk, slot.pk)]
        return next((seat for seat in range(1, side.parallel + 1) if seat not in taken), None)


def _blocked_and_taken(enterprise_ids: list[int], slot_ids: list[int],
                       moving: Meeting | None) -> list[tuple[int, int, int | None]]:
    """(enterprise, slot, seat) of each seat these companies hold in these slots (but the
    meeting being moved's), and (enterprise, slot, None) where they said they are not
    available: both in one query."""
    blocked = Unavailability.objects.filter(
        enterprise_id__in=enterprise_ids, slot_id__in=slot_ids).annotate(
        held=Value(None, output_field=PositiveSmallIntegerField())).order_by()
    bookings = SlotBooking.objects.filter(enterprise_id__in=enterprise_ids, slot_id__in=slot_ids)
    if moving is not None:
        bookings = bookings.exclude(meeting=moving)
    return list(blocked.values_list("enterprise_id", "slot_id", "held").union(
        bookings.order_by().values_list("enterprise_id", "slot_id", "seat"), all=True))


def check_slots(*, request: MeetingRequest, slots: list[TimeSlot],
                moving: Meeting | None = None, now=None, on_site: bool = False,
                at: places_module.Place | None = None) -> list[SlotCheck]:
    """For each slot, whether `request` can be booked there (or `moving`, a live meeting of
    that request, moved there), and why not. Load the request with its sender, recipient
    and conference. `on_site` (staff on the day) also allows the slot running now; `at`
    asks for that one place instead of the first free one that fits."""
    state = _State(request, [slot.pk for slot in slots], moving, on_site, at)
    now = now or timezone.now()
    return [state.check(slot, now) for slot in slots]
