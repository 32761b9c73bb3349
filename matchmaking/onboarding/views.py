"""Pages of onboarding that anyone with the link may open: accepting an invitation."""

from django.contrib import messages
from django.contrib.auth import login
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from events.errors import DomainError
from matchmaking.onboarding.forms import SetPasswordForm
from matchmaking.onboarding.services import accept_invitation
from matchmaking.onboarding.services.invitations import open_invitation
from matchmaking.outbox.values import conference_name, enterprise_name

BACKEND = "django.contrib.auth.backends.ModelBackend"


@never_cache
@require_http_methods(["GET", "POST"])
def accept(request, token):
    try:
        invitation = open_invitation(token)
    except DomainError as error:
        return render(request, "onboarding/invitation_invalid.html",
                      {"reason": error.message}, status=410 if error.code == "expired" else 404)
    form = SetPasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = accept_invitation(token=token, password=form.cleaned_data["password1"])
        except DomainError as error:
            for name, problems in error.fields.items():
                form.add_error(name, problems)
            if not error.fields:
                form.add_error(None, error.message)
        else:
            login(request, user, backend=BACKEND)
            messages.success(request, _("Your password is set and you are signed in."))
            return redirect("portal:dashboard")
    context = {"form": form, "invitation": invitation,
               "enterprise": enterprise_name(invitation.enterprise),
               "conference": conference_name(invitation.conference)}
    return render(request, "onboarding/accept.html", context,
                  status=400 if form.errors else 200)
