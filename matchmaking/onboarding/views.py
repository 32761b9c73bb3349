"""Accepting an invitation (anyone with the link), and evidence files (staff only)."""

import os

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from accounts.evidence import file_kind, private_storage
from accounts.models import Evidence
from events.errors import DomainError
from matchmaking.onboarding.forms import SetPasswordForm
from matchmaking.onboarding.models import Application
from matchmaking.onboarding.services import accept_invitation
from matchmaking.onboarding.services.invitations import open_invitation
from matchmaking.outbox.values import conference_name, enterprise_name

BACKEND = "django.contrib.auth.backends.ModelBackend"


def invalid_link(request, error: DomainError):
    return render(request, "onboarding/invitation_invalid.html",
                  {"reason": error.message}, status=410 if error.code == "expired" else 404)


def set_password_page(request, *, template: str, context: dict, complete, success: str):
    """The page behind an e-mailed link where someone chooses a password: `complete(password)`
    runs the service and returns the user to sign in, or raises DomainError for the form."""
    form = SetPasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = complete(form.cleaned_data["password1"])
        except DomainError as error:
            for name, problems in error.fields.items():
                form.add_error(name, problems)
            if not error.fields:
                form.add_error(None, error.message)
        else:
            login(request, user, backend=BACKEND)
            messages.success(request, success)
            return redirect("portal:dashboard")
    return render(request, template, {**context, "form": form},
                  status=400 if form.errors else 200)


@never_cache
@require_http_methods(["GET", "POST"])
def accept(request, token):
    try:
        invitation = open_invitation(token)
    except DomainError as error:
        return invalid_link(request, error)
    return set_password_page(
        request, template="onboarding/accept.html",
        context={"invitation": invitation,
                 "enterprise": enterprise_name(invitation.enterprise),
                 "conference": conference_name(invitation.conference)},
        complete=lambda password: accept_invitation(token=token, password=password),
        success=_("Your password is set and you are signed in."))


def evidence_download(request, name):
    """An evidence file, as an attachment, for organizers and reviewers only."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), reverse("admin:login"))
    if not (request.user.is_staff and request.user.has_perm("accounts.view_evidence")):
        raise PermissionDenied
    known = (Evidence.objects.filter(file=name).exists()
             or Application.objects.filter(evidence=name).exists())
    storage = private_storage()
    if not known or not storage.exists(name):
        raise Http404
    handle = storage.open(name, "rb")
    kind = file_kind(handle)
    return FileResponse(handle, as_attachment=True, filename=os.path.basename(name),
                        content_type=kind[0] if kind else "application/octet-stream")
