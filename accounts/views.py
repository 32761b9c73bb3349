"""Company users: sign-in, password reset, and the enterprise's own profile."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse, reverse_lazy
from django.utils.translation import check_for_language
from django.utils.translation import gettext as _
from django.views import i18n as i18n_views
from django.views.decorators.http import require_http_methods

from accounts.forms import (
    DelegateFormSet,
    EmailAuthenticationForm,
    EnterpriseProfileForm,
    delegate_changes,
    vetted_changes,
)
from accounts.models import RegistrationStatus
from accounts.services import set_user_language, update_delegates, update_enterprise
from matchmaking.outbox.forms import OutboxPasswordResetForm
from matchmaking.portal.access import company_view, render_portal


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = EmailAuthenticationForm
    redirect_authenticated_user = True

    def form_invalid(self, form):
        if getattr(self.request, "axes_locked_out", False):
            # django-axes would replace the page with its own untranslated text
            # (settings has no AXES_LOCKOUT_TEMPLATE); answer with ours and tell
            # the middleware the lockout has been handled.
            self.request.axes_locked_out = False
            response = self.render_to_response(self.get_context_data(form=form, locked=True))
            response.status_code = 429
            return response
        return super().form_invalid(form)

    def get_default_redirect_url(self):
        # The home page in the language of the sign-in page, not the bare "/".
        return reverse("home")


class LogoutView(auth_views.LogoutView):
    http_method_names = ["post", "options"]

    def get_success_url(self):
        return reverse("home")


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    form_class = OutboxPasswordResetForm
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


def reopened_conferences(portal) -> list:
    """Conferences whose approval a vetted change would suspend."""
    return [
        r.conference for r in portal.registrations if r.status == RegistrationStatus.APPROVED
    ]


@transaction.atomic
def save_profile(*, profile: EnterpriseProfileForm, delegates, actor) -> int:
    """The two services in one transaction: half a profile is never saved."""
    enterprise = profile.save(commit=False)
    profile.save_m2m()
    reopened = update_enterprise(enterprise=enterprise, actor=actor, changed=profile.changed_data)
    if delegates.has_changed():
        changes = delegate_changes(delegates)
        delegates.save()
        reopened += update_delegates(enterprise=enterprise, actor=actor, changes=changes)
    return reopened


@company_view
@require_http_methods(["GET", "POST"])
def profile(request):
    enterprise = request.portal.enterprise
    data = request.POST if request.method == "POST" else None
    form = EnterpriseProfileForm(data, instance=enterprise, prefix="profile")
    delegates = DelegateFormSet(data, instance=enterprise, prefix="delegates")
    if data is None or not (form.is_valid() and delegates.is_valid()):
        return render_portal(request, "accounts/profile.html",
                             {"form": form, "delegates": delegates},
                             status=400 if data is not None else 200)
    vetted = vetted_changes(form, delegates)
    suspended = reopened_conferences(request.portal) if vetted else []
    if suspended and request.POST.get("confirm") != "yes":
        return render_portal(request, "accounts/profile_confirm.html", {
            "form": form, "delegates": delegates, "vetted": vetted, "suspended": suspended,
        })
    reopened = save_profile(profile=form, delegates=delegates, actor=request.user)
    if reopened:
        messages.warning(request, _(
            "Your profile is saved. Your registration went back to review because vetted "
            "details changed; matchmaking resumes once the organizers approve it again."))
    else:
        messages.success(request, _("Your profile is saved."))
    return redirect("accounts:profile")


def set_language(request):
    """Django's language switch, which also remembers the choice on the account so that
    notifications reach the person in the language they read."""
    response = i18n_views.set_language(request)
    language = request.POST.get("language", "")
    if request.user.is_authenticated and check_for_language(language):
        set_user_language(user=request.user, language=language)
    return response
