"""Where a meeting happens and how many fit: the one home for places and capacity.

Every question of the kind "is there room for this meeting in that slot?" is
answered here, so the slot picker, booking, publishing and the scheduler's
input cannot disagree:

- `places.py`: the places of a conference (today its active tables), the
  chairs a meeting needs, how many meetings fit in a slot, and which place a
  meeting takes (when publishing: a meeting staying in its slot keeps its
  place, the others take the engine's table number, or the next that fits);
- `availability.py`: who is free in which slot, and why not, for one meeting
  request (the picker shows what it allows, booking refuses what it refuses).

The seating rule: each side of a meeting brings ceil(delegates / meetings it
holds at once) people, at least one, so a delegation running two meetings in
parallel splits in two. A meeting fits a table with a chair for everyone of
both sides; a table holds one meeting at a time.

A meeting marked a no-show on the day gives its place back (`place_fields(None)`,
written by matchmaking.onsite's mark_attendance), so `occupancy` no longer counts it
and a walk-in can take the place for the rest of the slot. Staff on site may ask
`check_slots` for the running slot (`on_site`) and for one chosen place (`at`).

A request that asks to meet online, at a conference that allows it, takes the online
place (`online_place`): no chairs, no limit, never counted; the sides must still be free.

Callers only see `Place` and the functions below. Booths (several meetings at
once: `Place.capacity`) and online meetings (no chairs: `Place.seats is None`)
are added in `places.py` without touching them.
"""

from matchmaking.places.places import (
    Place,
    Wanted,
    assign_places,
    chairs_needed,
    fits_somewhere,
    occupancy,
    online_place,
    party_size,
    party_sizes,
    pick_place,
    place_by_token,
    place_fields,
    place_of,
    places_of,
    slot_capacity,
)

__all__ = [
    "Place",
    "Wanted",
    "assign_places",
    "chairs_needed",
    "fits_somewhere",
    "occupancy",
    "online_place",
    "party_size",
    "party_sizes",
    "pick_place",
    "place_by_token",
    "place_fields",
    "place_of",
    "places_of",
    "slot_capacity",
]
