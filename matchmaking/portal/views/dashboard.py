"""The company's start page and the conference switcher."""

from django.db.models import Count, Q
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts import eligibility
from matchmaking.agenda.selectors import agenda_meetings
from matchmaking.models import MeetingRequest, RequestStatus
from matchmaking.portal.access import SESSION_KEY, company_view, redirect_back, render_portal


def registration_summaries(portal) -> list[dict]:
    """Each registration with the sentences of its failed rules, in the reader's language."""
    return [
        {
            "registration": registration,
            "failed": [
                {"label": eligibility.label(r["code"]), "text": eligibility.describe(r)}
                for r in registration.failed_rules
            ],
        }
        for registration in portal.registrations
    ]


def request_counts(portal) -> dict:
    me, now = portal.enterprise, timezone.now()
    pending = Q(status=RequestStatus.PENDING, expires_at__gt=now)
    return MeetingRequest.objects.filter(conference=portal.conference).aggregate(
        received=Count("pk", filter=pending & Q(recipient=me)),
        sent=Count("pk", filter=pending & Q(sender=me)),
        accepted=Count("pk", filter=Q(status=RequestStatus.ACCEPTED)
                       & (Q(sender=me) | Q(recipient=me))),
    )


@company_view
def dashboard(request):
    portal = request.portal
    context = {"summaries": registration_summaries(portal)}
    if portal.may_match:
        context["counts"] = request_counts(portal)
        meetings = agenda_meetings(conference=portal.conference, enterprise=portal.enterprise)
        upcoming = [m for m in meetings if m.slot.end >= timezone.now()]
        context.update(meeting_count=len(meetings), upcoming=upcoming[:3])
    return render_portal(request, "portal/dashboard.html", context)


@company_view
@require_POST
def switch_conference(request):
    chosen = request.POST.get("conference", "")
    ids = {r.conference_id for r in request.portal.registrations}
    if chosen.isdigit() and int(chosen) in ids:
        request.session[SESSION_KEY] = int(chosen)
    return redirect_back(request, "portal:dashboard")
