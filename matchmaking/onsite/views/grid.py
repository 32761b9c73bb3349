"""The meeting grid for staff: see the day, and create, move, swap, cancel or mark a
meeting, or seat a walk-in. Every change goes through the booking services, so the grid
obeys the same checks as the companies' own booking."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from events.errors import DomainError
from matchmaking.onsite import forms, grid, selectors, services
from matchmaking.onsite.views.access import on_site_view
from matchmaking.places import place_of, places_of
from matchmaking.services import booking


def _grid_url(conference, day) -> str:
    url = reverse("onsite:grid", args=[conference.edition])
    return f"{url}?day={day}" if day else url


@on_site_view
@require_GET
def day_grid(request, conference):
    day = grid.pick_day(conference, request.GET.get("day"))
    places, rows = grid.build_grid(conference=conference, day=day) if day else ([], [])
    with timezone.override(conference.zone):
        return render(request, "onsite/grid.html", {
            "conference": conference, "day": day, "days": grid.conference_days(conference),
            "places": places, "rows": rows,
        })


@on_site_view
@require_GET
def cell(request, conference):
    """The editor of one cell (loaded into the grid page by htmx, or as a page)."""
    places = places_of(conference=conference)
    target = forms.TargetForm(request.GET, conference=conference, places=places)
    if not target.is_valid():
        return redirect(_grid_url(conference, request.GET.get("day")))
    slot, place = target.cleaned_data["slot"], target.chosen_place()
    meetings = [m for m in grid.day_meetings([slot])
                if place is None or getattr(place_of(m), "key", None) == place.key]
    initial = {"slot": slot.pk, "place": place.token if place else ""}
    context = {
        "conference": conference, "slot": slot, "place": place, "meetings": meetings,
        "day": timezone.localtime(slot.start, conference.zone).date(),
        "book_form": forms.BookForm(initial=initial, conference=conference, places=places),
        "walk_in_form": forms.WalkInForm(
            initial=initial, conference=conference, places=places,
            here=selectors.checked_in_enterprise_ids(conference=conference)),
        "move_form": forms.MoveForm(initial=initial, conference=conference, places=places),
        "swap_form": forms.SwapForm(conference=conference),
    }
    template = "onsite/_cell.html" if request.htmx else "onsite/cell.html"
    with timezone.override(conference.zone):
        return render(request, template, context)


def _done(request, conference, message: str):
    messages.success(request, message)
    return redirect(_grid_url(conference, request.POST.get("day")))


def _refused(request, conference, error: DomainError | str):
    messages.error(request, getattr(error, "message", error))
    return redirect(_grid_url(conference, request.POST.get("day")))


@on_site_view
@require_POST
def book(request, conference):
    form = forms.BookForm(request.POST, conference=conference,
                          places=places_of(conference=conference))
    if not form.is_valid():
        return _refused(request, conference, _("Choose a request and a slot."))
    try:
        booking.book_meeting(request=form.cleaned_data["request"], slot=form.cleaned_data["slot"],
                             enterprise=None, actor=request.user, at=form.chosen_place())
    except DomainError as error:
        return _refused(request, conference, error)
    return _done(request, conference, _("The meeting is booked; both companies are told."))


@on_site_view
@require_POST
def walk_in(request, conference):
    form = forms.WalkInForm(request.POST, conference=conference,
                            places=places_of(conference=conference),
                            here=selectors.checked_in_enterprise_ids(conference=conference))
    if not form.is_valid():
        return _refused(request, conference, _("Choose two checked-in companies and a slot."))
    data = form.cleaned_data
    try:
        services.book_walk_in(conference=conference, first=data["first"], second=data["second"],
                              slot=data["slot"], purpose=data["purpose"], actor=request.user,
                              at=form.chosen_place())
    except DomainError as error:
        return _refused(request, conference, error)
    return _done(request, conference, _("Walk-in booked: %(first)s and %(second)s.") % {
        "first": data["first"], "second": data["second"]})


@on_site_view
@require_POST
def move(request, conference):
    form = forms.MoveForm(request.POST, conference=conference,
                          places=places_of(conference=conference))
    if not form.is_valid():
        return _refused(request, conference, _("Choose where to move the meeting."))
    try:
        booking.move_meeting(meeting=form.cleaned_data["meeting"], slot=form.cleaned_data["slot"],
                             enterprise=None, actor=request.user, at=form.chosen_place())
    except DomainError as error:
        return _refused(request, conference, error)
    return _done(request, conference, _("The meeting is moved; both companies are told."))


@on_site_view
@require_POST
def swap(request, conference):
    form = forms.SwapForm(request.POST, conference=conference)
    if not form.is_valid():
        return _refused(request, conference, _("Choose the meeting to swap with."))
    try:
        booking.swap_meetings(first=form.cleaned_data["meeting"],
                              second=form.cleaned_data["other"], actor=request.user)
    except DomainError as error:
        return _refused(request, conference, error)
    return _done(request, conference, _("The two meetings are swapped."))


@on_site_view
@require_POST
def cancel(request, conference):
    form = forms.StaffCancelForm(request.POST, conference=conference)
    if not form.is_valid():
        return _refused(request, conference, _("That meeting is no longer live."))
    try:
        booking.cancel_meeting(meeting=form.cleaned_data["meeting"], enterprise=None,
                               actor=request.user, reason=form.cleaned_data["reason"])
    except DomainError as error:
        return _refused(request, conference, error)
    return _done(request, conference, _("The meeting is cancelled; both companies are told."))


@on_site_view
@require_POST
def attendance(request, conference):
    form = forms.StaffAttendanceForm(request.POST, conference=conference)
    if not form.is_valid():
        return _refused(request, conference, _("Choose held or no-show."))
    try:
        services.mark_attendance(meeting=form.cleaned_data["meeting"],
                                 status=form.cleaned_data["status"], actor=request.user)
    except DomainError as error:
        return _refused(request, conference, error)
    return _done(request, conference, _("Attendance saved."))


