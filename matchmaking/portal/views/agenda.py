"""The personal agenda: page, .ics download, subscribable feed, PDF, check-in."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import Registration
from matchmaking.agenda import ics, pdf, tokens
from matchmaking.agenda import services as feed_services
from matchmaking.agenda.models import FeedToken
from matchmaking.agenda.selectors import agenda_days, agenda_meetings
from matchmaking.portal.access import agenda_view, render_portal


def token_for(portal, salt: str) -> str:
    return tokens.make_token(conference_id=portal.conference.pk,
                             enterprise_id=portal.enterprise.pk, salt=salt)


@agenda_view
def agenda(request):
    portal = request.portal
    meetings = agenda_meetings(conference=portal.conference, enterprise=portal.enterprise)
    secret = feed_services.live_feed_secret(conference=portal.conference,
                                            enterprise=portal.enterprise)
    feed = reverse("portal:agenda_feed", args=[secret]) if secret else None
    context = {
        "days": agenda_days(conference=portal.conference, meetings=meetings),
        "feed_url": request.build_absolute_uri(feed) if feed else "", "now": timezone.now(),
    }
    return render_portal(request, "portal/agenda.html", context)


FEED_ACTIONS = {
    "issue": (feed_services.issue_feed_token, _("Your private calendar address is ready.")),
    "rotate": (feed_services.rotate_feed_token,
               _("A new calendar address replaces the old one, which no longer works.")),
    "revoke": (feed_services.revoke_feed_token,
               _("The calendar address is turned off; calendars using it get nothing more.")),
}


@agenda_view
@require_POST
def agenda_feed_token(request, action: str):
    """Create, replace or turn off the private calendar address (the agenda's buttons)."""
    if action not in FEED_ACTIONS:
        raise Http404
    service, done = FEED_ACTIONS[action]
    service(conference=request.portal.conference, enterprise=request.portal.enterprise,
            actor=request.user)
    messages.success(request, done)
    return redirect("portal:agenda")


def _calendar_response(conference, enterprise, *, download: bool, meetings=None) -> HttpResponse:
    if meetings is None:
        meetings = agenda_meetings(conference=conference, enterprise=enterprise)
    body = ics.agenda_calendar(conference=conference, enterprise=enterprise,
                               meetings=meetings, language=get_language())
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    if download:
        response["Content-Disposition"] = f'attachment; filename="agenda-{conference.slug}.ics"'
    return response


@agenda_view
def agenda_ics(request):
    portal = request.portal
    return _calendar_response(portal.conference, portal.enterprise, download=True)


def agenda_feed(request, token: str):
    """For calendar apps: no session, the stored secret is the credential. A company
    whose approval was withdrawn gets an empty calendar rather than an error, so
    subscribed apps keep working without showing stale meetings; one back in review
    after a vetted change keeps its meetings, which stay live."""
    feed = get_object_or_404(FeedToken.objects.select_related("conference", "enterprise"),
                             secret=token, revoked_at__isnull=True)
    conference, enterprise = feed.conference, feed.enterprise
    attending = Registration.objects.keeping_agenda().filter(
        conference=conference, enterprise=enterprise).exists()
    return _calendar_response(conference, enterprise, download=False,
                              meetings=None if attending else [])


@agenda_view
def agenda_pdf(request):
    portal = request.portal
    meetings = agenda_meetings(conference=portal.conference, enterprise=portal.enterprise)
    check_in = reverse("portal:check_in", args=[token_for(portal, tokens.CHECK_IN_SALT)])
    body = pdf.agenda_pdf(
        conference=portal.conference, enterprise=portal.enterprise,
        days=agenda_days(conference=portal.conference, meetings=meetings),
        check_in_url=request.build_absolute_uri(check_in), language=get_language(),
    )
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="agenda-{portal.conference.slug}.pdf"')
    return response


def check_in(request, token: str):
    """An agenda's QR code opened as a link: the on-site desk takes it from here."""
    return redirect("onsite:code", token=token)
