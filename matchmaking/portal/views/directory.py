"""The directory of participants, the shortlist star and the recommended partners."""

import hashlib
from dataclasses import dataclass
from functools import partial

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import prefetch_related_objects
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.views.decorators.http import require_POST

from accounts.models import Enterprise
from events.caching import remember
from events.errors import DomainError
from events.models import IndustryField
from matchmaking.models import MeetingRequest
from matchmaking.portal import selectors
from matchmaking.portal.access import participant_view, redirect_back, render_portal
from matchmaking.portal.forms import DirectoryFilterForm
from matchmaking.recommendations.selectors import recommended_partners
from matchmaking.services.participation import may_meet
from matchmaking.services.shortlist import set_shortlisted

PAGE_SIZE = 25


@dataclass
class Card:
    """A participant as its card shows it to the viewer."""

    enterprise: Enterprise
    listed: bool
    request: MeetingRequest | None
    can_request: bool


def cards_for(portal, enterprises: list[Enterprise]) -> list[Card]:
    """Cards for a page of enterprises, in two queries whatever the page size (one when
    the directory's query says which are shortlisted)."""
    conference, me = portal.conference, portal.enterprise
    if all(hasattr(e, "shortlisted") for e in enterprises):
        listed = {e.pk for e in enterprises if e.shortlisted}
    else:
        listed = selectors.shortlisted_ids(conference=conference, enterprise=me,
                                           among=enterprises)
    live = selectors.live_requests_with(conference=conference, enterprise=me, among=enterprises)
    return [
        Card(e, e.pk in listed, live.get(e.pk),
             e.pk not in live and may_meet(conference, me, e))
        for e in enterprises
    ]


SELECTS = ("role", "country", "field", "size", "language")


def filter_selects(form) -> str:
    """The filter's select boxes as HTML. Rendering their options took a fifth of the
    page's time, and the HTML is the same for every reader with the same choices, choice
    made and language: it is cached under a digest of exactly those (a form with errors
    is rendered as it is)."""
    def render():
        return render_to_string("portal/partials/directory_selects.html", {"form": form})

    if form.errors:
        return render()
    state = (
        get_language(), [(name, form[name].value()) for name in SELECTS],
        [(code, str(label)) for code, label in form.fields["country"].choices],
        list(IndustryField.objects.order_by("pk").values_list("pk", "slug", "name", "name_zh")),
    )
    key = "portal:directory-selects:" + hashlib.sha256(repr(state).encode()).hexdigest()
    return mark_safe(remember(key, render))  # noqa: S308 (our own template's output)


@participant_view
def directory(request):
    portal = request.portal
    tally = selectors.participant_countries(conference=portal.conference,
                                            exclude=portal.enterprise)
    form = DirectoryFilterForm(request.GET or None, countries=selectors.country_choices(tally))
    filters = form.cleaned_data if form.is_valid() else {}
    found = selectors.directory(conference=portal.conference, viewer=portal.enterprise,
                                filters=filters)
    paginator = Paginator(found, PAGE_SIZE)
    if not any(filters.values()):
        # Unfiltered, the directory is every participant the country tally counted.
        paginator.count = sum(tally.values())
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "cards": cards_for(portal, list(page.object_list)),
               "query": query.urlencode(), "selects": partial(filter_selects, form)}
    template = "portal/directory.html"
    if request.htmx and request.htmx.target == "results":
        template = "portal/partials/directory_results.html"
    return render_portal(request, template, context)


@participant_view
@require_POST
def toggle_shortlist(request, enterprise_id: int):
    portal = request.portal
    target = get_object_or_404(selectors.participants(conference=portal.conference),
                               pk=enterprise_id)
    try:
        listed = set_shortlisted(conference=portal.conference, enterprise=portal.enterprise,
                                 target=target, listed=request.POST.get("listed") == "1",
                                 actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
        listed = False
    if request.htmx:
        return render_portal(request, "portal/partials/star.html",
                             {"card": Card(target, listed, None, False)})
    return redirect_back(request, "portal:directory")


def reason_texts(row) -> list[str]:
    """The selector words reasons in the reader's language; stored text is the fallback."""
    if hasattr(row, "reason_texts"):
        return list(row.reason_texts)
    return [r.get("text", r.get("code", "")) if isinstance(r, dict) else str(r)
            for r in row.reasons]


def recommended(portal, limit: int = 30) -> list:
    return recommended_partners(conference=portal.conference, enterprise=portal.enterprise,
                                limit=limit)


@participant_view
def recommendations(request):
    portal = request.portal
    rows = recommended(portal)
    counterparts = [row.counterpart for row in rows]
    prefetch_related_objects(counterparts, "fields")
    cards = cards_for(portal, counterparts)
    items = [{"row": row, "card": card, "reasons": reason_texts(row)}
             for row, card in zip(rows, cards, strict=True)]
    return render_portal(request, "portal/recommendations.html", {"items": items})
