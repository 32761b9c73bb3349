"""The privacy notice, consent to it, the personal-data download and erasure requests."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from matchmaking.privacy import selectors, services
from matchmaking.privacy.forms import ErasureForm
from matchmaking.privacy.templatetags.privacy import SESSION_KEY


def notice(request):
    """Public: anyone may read what we do with personal data, in either language."""
    return render(request, "privacy/notice.html", {"version": services.current_version()})


def _next(request, fallback: str) -> str:
    target = request.POST.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return fallback


@login_required
@require_POST
def accept(request):
    version = services.current_version()
    services.record_consent(user=request.user, version=version)
    request.session[SESSION_KEY] = version
    messages.success(request, _("Thank you: you accepted the privacy notice."))
    return redirect(_next(request, "portal:dashboard"))


def _company_user(request) -> bool:
    return request.user.is_authenticated and not request.user.is_staff


@login_required
def download(request):
    if not _company_user(request):
        return redirect("admin:index")
    data = selectors.personal_data(request.user)
    body = json.dumps(data, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    stamp = timezone.now().strftime("%Y%m%d")
    response["Content-Disposition"] = f'attachment; filename="personal-data-{stamp}.json"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def erasure(request):
    if not _company_user(request):
        return redirect("admin:index")
    form = ErasureForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.request_erasure(user=request.user, reason=form.cleaned_data["reason"])
        messages.success(request, _("Your request was sent to the organizers. They will "
                                    "anonymise your personal data and tell you."))
        return redirect("accounts:profile")
    return render(request, "privacy/erasure.html", {"form": form},
                  status=400 if form.errors else 200)
