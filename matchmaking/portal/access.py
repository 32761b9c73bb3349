"""Who may open which portal page, and which conference a page is about.

A company user acts for exactly one enterprise. Its "current" conference is
one it has registered for that is not closed; with several, the choice is
kept in the session. Matchmaking pages need an approved registration at a
conference open for matchmaking; anything else gets a page saying why. A company
whose approval went back to review after a vetted change keeps reading its agenda,
meetings and requests (`reading=True` pages) but cannot act until re-approved.
"""

from dataclasses import dataclass, field
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from accounts.models import Enterprise, Registration, RegistrationStatus
from events.models import Conference, ConferenceStatus

SESSION_KEY = "portal_conference"
VISIBLE_STATUSES = (
    ConferenceStatus.REGISTRATION_OPEN,
    ConferenceStatus.MATCHMAKING_OPEN,
    ConferenceStatus.SCHEDULED,
    ConferenceStatus.CLOSED,
)
MATCHMAKING_STATUSES = (ConferenceStatus.MATCHMAKING_OPEN, ConferenceStatus.SCHEDULED)
# The agenda and the outcomes stay open after the conference closes.
ATTENDEE_STATUSES = MATCHMAKING_STATUSES + (ConferenceStatus.CLOSED,)


@dataclass
class Portal:
    """What every portal page knows about the visitor."""

    enterprise: Enterprise
    registrations: list[Registration] = field(default_factory=list)
    registration: Registration | None = None

    @property
    def conference(self) -> Conference | None:
        return self.registration.conference if self.registration else None

    @property
    def in_rereview(self) -> bool:
        return self.registration is not None and self.registration.needs_rereview

    def may(self, statuses=MATCHMAKING_STATUSES, *, reading: bool = False) -> bool:
        if self.registration is None or self.conference.status not in statuses:
            return False
        return self.registration.status == RegistrationStatus.APPROVED or (
            reading and self.in_rereview)

    @property
    def may_match(self) -> bool:
        return self.may(MATCHMAKING_STATUSES)

    @property
    def is_published(self) -> bool:
        return self.may_match and self.conference.status == ConferenceStatus.SCHEDULED


def load_portal(request) -> Portal:
    """The visitor's enterprise and registrations in one query (the enterprise comes along
    with its registrations; alone only when it has none)."""
    registrations = list(
        Registration.objects.filter(enterprise=request.user.enterprise_id,
                                    conference__status__in=VISIBLE_STATUSES)
        .select_related("conference", "enterprise")
        .order_by("-conference__start_date")
    )
    if registrations:
        request.user.enterprise = registrations[0].enterprise
    enterprise = request.user.enterprise
    for registration in registrations:
        registration.enterprise = enterprise
    chosen = request.session.get(SESSION_KEY)
    current = next((r for r in registrations if r.conference_id == chosen), None)
    # Without a choice, the first conference that is not over yet.
    ongoing = [r for r in registrations if r.conference.status != ConferenceStatus.CLOSED]
    default = (ongoing or registrations or [None])[0]
    return Portal(enterprise, registrations, current or default)


def redirect_back(request, default: str):
    """Redirect to the form's `next` path when it is a local path, else to the named default.
    Only a path is accepted: `redirect()` would treat any other word as a URL name."""
    target = request.POST.get("next", "")
    if target.startswith("/") and url_has_allowed_host_and_scheme(
            target, {request.get_host()}, request.is_secure()):
        return redirect(target)
    return redirect(default)


def render_portal(request, template: str, context: dict | None = None, status: int = 200):
    """Render in the conference's time zone, with the portal in the context."""
    portal = request.portal
    context = {"portal": portal, "conference": portal.conference, **(context or {})}
    zone = portal.conference.zone if portal.conference else timezone.get_current_timezone()
    with timezone.override(zone):
        return render(request, template, context, status=status)


def company_view(view):
    """Signed-in company users only; staff go to the admin."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.user.is_staff:
            return redirect("admin:index")
        if request.user.enterprise_id is None:
            return render(request, "portal/no_enterprise.html", status=403)
        request.portal = load_portal(request)
        return view(request, *args, **kwargs)

    return wrapper


def refusal_reason(portal: Portal) -> str:
    if portal.registration is None:
        return _("Your company is not registered for an open conference.")
    if portal.in_rereview:
        return _(
            "Your registration for %(conference)s is back under review because details the "
            "organizers vetted changed. Your agenda, meetings and requests stay visible; you "
            "can send, answer and book meetings again once they approve it."
        ) % {"conference": portal.conference}
    if portal.registration.status != RegistrationStatus.APPROVED:
        return _(
            "Your registration for %(conference)s is %(status)s. Matchmaking opens to your "
            "company once the organizers approve it."
        ) % {
            "conference": portal.conference,
            "status": portal.registration.get_status_display().lower(),
        }
    if portal.conference.status == ConferenceStatus.CLOSED:
        return _("%(conference)s is over.") % {"conference": portal.conference}
    return _("Matchmaking is not open yet for %(conference)s.") % {"conference": portal.conference}


def participant_view(view=None, *, statuses=MATCHMAKING_STATUSES, reading: bool = False):
    """Company users of an approved participant of a conference in one of `statuses`
    (by default: open for matchmaking); with `reading`, also of one back in review
    after a vetted change (pages that only show its own meetings and requests)."""

    def decorate(view):
        @company_view
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.portal.may(statuses, reading=reading):
                context = {"reason": refusal_reason(request.portal)}
                return render_portal(request, "portal/refused.html", context, status=403)
            return view(request, *args, **kwargs)

        return wrapper

    return decorate(view) if view is not None else decorate


attendee_view = participant_view(statuses=ATTENDEE_STATUSES)
# The agenda and its downloads: attendees, and companies back in review.
agenda_view = participant_view(statuses=ATTENDEE_STATUSES, reading=True)
