"""The exhibitor directory on the portal: who exhibits, where, and the hall plans."""

from django.core.paginator import Paginator
from django.views.decorators.http import require_GET

from matchmaking.exhibition import selectors
from matchmaking.exhibition.forms import ExhibitorFilterForm
from matchmaking.portal.access import agenda_view, render_portal

PAGE_SIZE = 30


@agenda_view
@require_GET
def exhibitors(request):
    conference = request.portal.conference
    form = ExhibitorFilterForm(request.GET or None,
                               countries=selectors.exhibitor_countries(conference=conference))
    filters = form.cleaned_data if form.is_valid() else {}
    rows = selectors.directory(conference=conference, query=filters.get("q", ""),
                               field=filters.get("field"), country=filters.get("country", ""))
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render_portal(request, "exhibition/directory.html", {
        "form": form, "page": page, "halls": selectors.halls(conference=conference),
        "total": selectors.exhibitor_count(conference=conference),
    })
