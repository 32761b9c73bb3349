"""After the schedule is published: book, move and cancel meetings; report outcomes;
and the company's availability."""

from django.contrib import messages
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from events.errors import DomainError
from events.models import SessionPlan, TimeSlot
from matchmaking.models import Meeting, MeetingStatus, RequestStatus, Unavailability
from matchmaking.portal.access import attendee_view, participant_view, render_portal
from matchmaking.portal.forms import (
    AvailabilityForm,
    CancelForm,
    OnlineLinkForm,
    OutcomeForm,
    SlotChoiceForm,
)
from matchmaking.portal.slots import by_day, free_slots
from matchmaking.portal.views.requests import own_request
from matchmaking.services import booking
from matchmaking.services.availability import set_unavailable_sessions
from matchmaking.services.outcomes import outcome_refusal, record_meeting_outcome


def own_meeting(portal, meeting_id: int) -> Meeting:
    mine = Q(request__sender=portal.enterprise) | Q(request__recipient=portal.enterprise)
    found = Meeting.objects.filter(conference=portal.conference).filter(mine).select_related(
        "slot", "table", "request__sender", "request__recipient", "request__conference")
    return get_object_or_404(found, pk=meeting_id)


def _slot_page(request, *, meeting_request, moving, action, error=""):
    """The free slots to choose from; `error` (a refused booking) is shown above them."""
    portal = request.portal
    slots = free_slots(request=meeting_request, moving=moving)
    context = {
        "meeting_request": meeting_request, "counterpart": meeting_request.counterpart_of(
            portal.enterprise), "moving": moving, "days": by_day(slots, portal.conference.zone),
        "action": action, "error": error,
    }
    template = "portal/book.html"
    if request.htmx and request.htmx.target == "free-slots":
        template = "portal/partials/free_slots.html"
    return render_portal(request, template, context, status=409 if error else 200)


def _chosen_slot(request, conference) -> TimeSlot | None:
    # Every slot of the conference is a valid choice here: whether it is still free is
    # the service's decision, so a slot taken meanwhile gets its clear message.
    form = SlotChoiceForm(request.POST, conference=conference)
    return form.cleaned_data["slot"] if form.is_valid() else None


@participant_view
@require_http_methods(["GET", "POST"])
def book(request, request_id: int):
    portal = request.portal
    meeting_request = own_request(portal, request_id)
    error = ""
    if not portal.is_published:
        error = _("Slots can be booked once the schedule is published.")
    elif meeting_request.status != RequestStatus.ACCEPTED:
        error = _("Only an accepted request can be booked.")
    elif request.method == "POST":
        slot = _chosen_slot(request, portal.conference)
        try:
            if slot is None:
                raise DomainError(_("Choose one of the free slots."), code="invalid")
            booking.book_meeting(request=meeting_request, slot=slot,
                                 enterprise=portal.enterprise, actor=request.user)
        except DomainError as refused:
            error = refused.message
        else:
            messages.success(request, _("Your meeting is booked. %(name)s has been told.")
                             % {"name": meeting_request.counterpart_of(portal.enterprise)})
            return redirect("portal:agenda")
    return _slot_page(request, meeting_request=meeting_request, moving=None, error=error,
                      action=request.path)


@participant_view
@require_http_methods(["GET", "POST"])
def move(request, meeting_id: int):
    portal = request.portal
    meeting = own_meeting(portal, meeting_id)
    error = ""
    if meeting.status != MeetingStatus.SCHEDULED:
        error = _("A cancelled meeting cannot be moved.")
    elif request.method == "POST":
        slot = _chosen_slot(request, portal.conference)
        try:
            if slot is None:
                raise DomainError(_("Choose one of the free slots."), code="invalid")
            booking.move_meeting(meeting=meeting, slot=slot, enterprise=portal.enterprise,
                                 actor=request.user)
        except DomainError as refused:
            error = refused.message
        else:
            messages.success(request, _("Your meeting is moved. %(name)s has been told.")
                             % {"name": meeting.request.counterpart_of(portal.enterprise)})
            return redirect("portal:agenda")
    return _slot_page(request, meeting_request=meeting.request, moving=meeting, error=error,
                      action=request.path)


@participant_view
@require_POST
def cancel(request, meeting_id: int):
    portal = request.portal
    meeting = own_meeting(portal, meeting_id)
    form = CancelForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        booking.cancel_meeting(meeting=meeting, enterprise=portal.enterprise,
                               actor=request.user, reason=reason)
    except DomainError as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _("The meeting is cancelled. %(name)s has been told.")
                         % {"name": meeting.request.counterpart_of(portal.enterprise)})
    return redirect("portal:agenda")


@participant_view
@require_POST
def online_link(request, meeting_id: int):
    portal = request.portal
    meeting = own_meeting(portal, meeting_id)
    form = OnlineLinkForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter a full web address, starting with https://."))
        return redirect("portal:agenda")
    try:
        booking.set_online_link(meeting=meeting, link=form.cleaned_data["link"],
                                enterprise=portal.enterprise, actor=request.user)
    except DomainError as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _("The meeting link is saved."))
    return redirect("portal:agenda")


@attendee_view
@require_http_methods(["GET", "POST"])
def outcome(request, meeting_id: int):
    portal = request.portal
    meeting = own_meeting(portal, meeting_id)
    refusal = outcome_refusal(meeting)
    if refusal:
        # Not offered before the meeting starts; a forced request is told why.
        messages.error(request, refusal.message)
        return redirect("portal:agenda")
    existing = meeting.outcomes.filter(enterprise=portal.enterprise).first()
    data = request.POST if request.method == "POST" else None
    form = OutcomeForm(data, instance=existing)
    if request.method == "POST" and form.is_valid():
        try:
            record_meeting_outcome(meeting=meeting, enterprise=portal.enterprise,
                                   actor=request.user, **form.cleaned_data)
        except DomainError as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, _("Thank you: the outcome is saved."))
            return redirect("portal:agenda")
    context = {"form": form, "meeting": meeting,
               "counterpart": meeting.request.counterpart_of(portal.enterprise)}
    return render_portal(request, "portal/outcome.html", context,
                         status=400 if form.errors else 200)


@participant_view
@require_http_methods(["GET", "POST"])
def availability(request):
    portal = request.portal
    sessions = list(SessionPlan.objects.filter(day__conference=portal.conference)
                    .select_related("day").order_by("day__date", "start_time"))
    unavailable = set(Unavailability.objects.filter(
        enterprise=portal.enterprise, slot__conference=portal.conference,
        slot__session__isnull=False).values_list("slot__session_id", flat=True))
    data = request.POST if request.method == "POST" else None
    form = AvailabilityForm(data, sessions=sessions, unavailable=unavailable)
    if request.method == "POST" and form.is_valid():
        try:
            set_unavailable_sessions(conference=portal.conference, enterprise=portal.enterprise,
                                     session_ids=form.unavailable_sessions(), actor=request.user)
        except DomainError as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, _("Your availability is saved."))
            return redirect("portal:availability")
    days = by_session_day(form, sessions)
    return render_portal(request, "portal/availability.html", {"form": form, "days": days},
                         status=400 if form.errors else 200)


def by_session_day(form, sessions) -> list[tuple]:
    days: dict = {}
    for session in sessions:
        days.setdefault(session.day.date, []).append(
            (session, form[f"session_{session.pk}"]))
    return list(days.items())
