"""The live board: a large screen at the venue with the current and the next slot, each
place's meeting. It refreshes itself with a meta refresh (no script, so a strict CSP
later costs nothing)."""

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from matchmaking.onsite import grid, selectors
from matchmaking.onsite.views.access import on_site_view
from matchmaking.places import place_of, places_of

REFRESH_SECONDS = 30


def board_rows(conference, slot):
    """(place, [meetings]) for every place in `slot`, then the meetings without one."""
    if slot is None:
        return []
    places = places_of(conference=conference)
    at: dict = {}
    for meeting in grid.day_meetings([slot]):
        place = place_of(meeting)
        at.setdefault(place.key if place else None, []).append(meeting)
    return [(place, at.get(place.key, [])) for place in places]


@on_site_view
@require_GET
def board(request, conference):
    current, upcoming = selectors.current_and_next(conference=conference)
    with timezone.override(conference.zone):
        return render(request, "onsite/board.html", {
            "conference": conference, "refresh": REFRESH_SECONDS, "now": timezone.now(),
            "sections": [(slot, board_rows(conference, slot), is_current)
                         for slot, is_current in ((current, True), (upcoming, False))
                         if slot is not None],
        })
