"""Who may use the on-site pages: staff holding the on-site permission (organizers)."""

from functools import wraps

from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import get_object_or_404

from events.models import Conference

ON_SITE = "onsite.work_on_site"


def on_site_view(view):
    """Staff with the on-site right only; the conference comes from the URL's edition."""

    @login_required
    @permission_required(ON_SITE, raise_exception=True)
    @wraps(view)
    def wrapper(request, edition: int, *args, **kwargs):
        conference = get_object_or_404(Conference, edition=edition)
        return view(request, conference, *args, **kwargs)

    return wrapper
