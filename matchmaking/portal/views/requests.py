"""Meeting requests: send, answer, withdraw, and the lists of both directions."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from events.errors import DomainError
from matchmaking.models import MeetingRequest
from matchmaking.portal import selectors
from matchmaking.portal.access import participant_view, render_portal
from matchmaking.portal.forms import DeclineForm, MeetingRequestForm
from matchmaking.services import requests as services


def own_request(portal, request_id: int) -> MeetingRequest:
    """A request of the current conference that the enterprise is a side of; 404 otherwise."""
    found = MeetingRequest.objects.filter(conference=portal.conference).involving(
        portal.enterprise).select_related("sender", "recipient", "conference")
    return get_object_or_404(found, pk=request_id)


@participant_view(reading=True)
def request_list(request):
    portal = request.portal
    context = {
        direction: selectors.requests_for(conference=portal.conference,
                                          enterprise=portal.enterprise, direction=direction)
        for direction in ("received", "sent")
    }
    context["decline_form"] = DeclineForm()
    return render_portal(request, "portal/requests.html", context)


@participant_view
@require_http_methods(["GET", "POST"])
def send_request(request, enterprise_id: int):
    portal = request.portal
    recipient = get_object_or_404(
        selectors.participants(conference=portal.conference).prefetch_related("fields"),
        pk=enterprise_id)
    form = MeetingRequestForm(request.POST if request.method == "POST" else None,
                              online_allowed=portal.conference.online_meetings)
    if request.method == "POST" and form.is_valid():
        try:
            services.send_meeting_request(
                conference=portal.conference, sender=portal.enterprise, recipient=recipient,
                purpose=form.cleaned_data["purpose"], message=form.cleaned_data["message"],
                online=form.cleaned_data.get("online", False), actor=request.user)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Your request was sent to %(name)s.")
                             % {"name": recipient})
            return redirect("portal:requests")
    status = 400 if form.errors else 200
    return render_portal(request, "portal/send_request.html",
                         {"form": form, "recipient": recipient}, status=status)


def _answer(request, request_id: int, action, success: str, **extra):
    portal = request.portal
    meeting_request = own_request(portal, request_id)
    try:
        action(request=meeting_request, enterprise=portal.enterprise, actor=request.user,
               **extra)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, success % {"name": meeting_request.counterpart_of(
            portal.enterprise)})
    return redirect("portal:requests")


@participant_view
@require_POST
def accept_request(request, request_id: int):
    return _answer(request, request_id, services.accept_meeting_request,
                   _("You accepted the request of %(name)s."))


@participant_view
@require_POST
def decline_request(request, request_id: int):
    form = DeclineForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The reason is too long: at most 500 characters."))
        return redirect("portal:requests")
    return _answer(request, request_id, services.decline_meeting_request,
                   _("You declined the request of %(name)s."),
                   reason=form.cleaned_data["reason"])


@participant_view
@require_POST
def withdraw_request(request, request_id: int):
    return _answer(request, request_id, services.withdraw_meeting_request,
                   _("You withdrew your request to %(name)s."))
