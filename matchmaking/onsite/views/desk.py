"""The check-in desk: scan a badge or agenda code with the phone's camera, or search."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.models import Delegate
from events.errors import DomainError
from events.models import Conference
from matchmaking.onsite import codes, selectors, services
from matchmaking.onsite.forms import CheckInForm, ScanForm, SearchForm
from matchmaking.onsite.views.access import ON_SITE, on_site_view


def _rows(conference, delegates):
    done = selectors.check_ins_by_delegate(conference=conference, delegates=delegates)
    return [{"delegate": d, "check_in": done.get(d.pk)} for d in delegates]


def _check_in(request, conference, delegate) -> None:
    try:
        services.check_in_delegate(conference=conference, delegate=delegate, actor=request.user)
    except DomainError as error:
        level = messages.WARNING if error.code == "already_checked_in" else messages.ERROR
        messages.add_message(request, level, error.message)
        return
    messages.success(request, _("Checked in: %(delegate)s, %(enterprise)s.") % {
        "delegate": delegate.full_name, "enterprise": delegate.enterprise})


def _scan(request, conference, text: str):
    """A scanned badge checks its delegate in at once; an agenda code (a company) lists
    its delegates to pick from, unless it has only one."""
    try:
        delegates = selectors.delegates_for_code(conference=conference, text=text)
    except DomainError as error:
        messages.error(request, error.message)
        return None
    if len(delegates) == 1:
        _check_in(request, conference, delegates[0])
        return None
    return delegates


@on_site_view
@require_http_methods(["GET", "POST"])
def desk(request, conference):
    picked = None
    if request.method == "POST":
        if "delegate" in request.POST:
            form = CheckInForm(request.POST)
            if form.is_valid():
                delegate = get_object_or_404(Delegate.objects.select_related("enterprise"),
                                             pk=form.cleaned_data["delegate"])
                _check_in(request, conference, delegate)
            return redirect(request.get_full_path())
        form = ScanForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("No code was read. Scan again or search by name."))
            return redirect(request.path)
        picked = _scan(request, conference, form.cleaned_data["code"])
        if picked is None:
            return redirect(request.path)
    elif request.GET.get("code"):
        form = ScanForm(request.GET)
        if form.is_valid():
            picked = _pick(request, conference, form.cleaned_data["code"])
    search = SearchForm(request.GET or None)
    found = []
    if search.is_valid() and search.cleaned_data["q"]:
        found = selectors.search_delegates(conference=conference, query=search.cleaned_data["q"])
    with timezone.override(conference.zone):
        return render(request, "onsite/desk.html", {
            "conference": conference, "scan_form": ScanForm(), "search": search,
            "picked": _rows(conference, picked or []), "found": _rows(conference, found),
            "figures": selectors.check_in_count(conference=conference),
        })


def _pick(request, conference, text: str):
    """For a code opened as a link (a phone camera app): show whom it names, check in
    nobody until the desk confirms (a GET changes nothing)."""
    try:
        return selectors.delegates_for_code(conference=conference, text=text)
    except DomainError as error:
        messages.error(request, error.message)
        return None


def desk_url(conference, code: str = "") -> str:
    url = reverse("onsite:desk", args=[conference.edition])
    return f"{url}?code={code}" if code else url


@login_required
@permission_required(ON_SITE, raise_exception=True)
def open_code(request, token: str):
    """Where a badge's or an agenda's QR link lands: the desk of the code's conference,
    showing whom it names. An unreadable code still reaches a desk that says so."""
    code = codes.read_code(token)
    if code is None:
        raise Http404
    conference = get_object_or_404(Conference, pk=code.conference_id)
    return redirect(desk_url(conference, token))
