"""A company marks one of its meetings held or a no-show, from its agenda."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from events.errors import DomainError
from matchmaking.onsite.forms import AttendanceForm
from matchmaking.onsite.models import AttendanceStatus
from matchmaking.onsite.services import mark_attendance
from matchmaking.portal.access import attendee_view
from matchmaking.portal.views.booking import own_meeting


@attendee_view
@require_POST
def mark(request, meeting_id: int):
    portal = request.portal
    meeting = own_meeting(portal, meeting_id)
    form = AttendanceForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose held or no-show."))
        return redirect("portal:agenda")
    try:
        mark_attendance(meeting=meeting, status=form.cleaned_data["status"], actor=request.user,
                        enterprise=portal.enterprise)
    except DomainError as refused:
        messages.error(request, refused.message)
    else:
        if form.cleaned_data["status"] == AttendanceStatus.HELD:
            messages.success(request, _("Thank you: the meeting is marked held."))
        else:
            messages.success(request, _("The meeting is marked a no-show; its table is free "
                                        "again for the rest of the slot."))
    return redirect("portal:agenda")
