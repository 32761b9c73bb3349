"""Company users: sign-in, password reset, and the enterprise's own profile."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
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
    delegate_rows,
    enterprise_values,
)
from accounts.services import (
    reopenable_registrations,
    set_user_language,
    update_enterprise,
    vetted_changes,
)
from events.errors import DomainError
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


@company_view
@require_http_methods(["GET", "POST"])
def profile(request):
    enterprise = request.portal.enterprise
    data = request.POST if request.method == "POST" else None
    form = EnterpriseProfileForm(data, request.FILES if data is not None else None,
                                 instance=enterprise, prefix="profile")
    delegates = DelegateFormSet(data, instance=enterprise, prefix="delegates")
    if data is None or not (form.is_valid() and delegates.is_valid()):
        return render_portal(request, "accounts/profile.html",
                             {"form": form, "delegates": delegates},
                             status=400 if data is not None else 200)
    values, rows = enterprise_values(form), delegate_rows(delegates)
    try:
        # Comparing re-encodes a new logo, which may refuse it: a field error, too.
        vetted = vetted_changes(enterprise, values, rows)
        suspended = ([r.conference for r in reopenable_registrations(enterprise)]
                     if vetted else [])
        if suspended and request.POST.get("confirm") != "yes":
            return render_portal(request, "accounts/profile_confirm.html", {
                "form": form, "delegates": delegates, "vetted": vetted,
                "suspended": suspended, "logo_saved": _save_logo_now(request, form, values),
            })
        change = update_enterprise(enterprise=enterprise, actor=request.user, data=values,
                                   delegates=rows)
    except DomainError as error:
        return _refused(request, form, delegates, error)
    if change.reopened:
        messages.warning(request, _(
            "Your profile is saved. Your registration went back to review because vetted "
            "details changed. Your agenda and accepted meetings stay available; sending, "
            "answering and booking meetings resume once the organizers approve it again."))
    else:
        messages.success(request, _("Your profile is saved."))
    return redirect("accounts:profile")


def _save_logo_now(request, form, values: dict) -> str:
    """A file cannot travel in the confirmation page's hidden copy of the form, and the
    logo is no vetted detail: a new (or removed) logo is saved at once, through the
    service, and the page says so. "saved", "removed" or "" (no logo change)."""
    if "logo" not in form.changed_data or "logo" not in values:
        return ""
    update_enterprise(enterprise=request.portal.enterprise, actor=request.user,
                      data={"logo": values["logo"]})
    return "saved" if values["logo"] else "removed"


def _refused(request, form, delegates, error: DomainError):
    """The profile page again, with the service's refusal on its fields."""
    for name, problems in error.fields.items():
        for problem in problems:
            form.add_error(name if name in form.fields else None, problem)
    if not error.fields:
        form.add_error(None, error.message)
    return render_portal(request, "accounts/profile.html",
                         {"form": form, "delegates": delegates}, status=400)


def set_language(request):
    """Django's language switch, which also remembers the choice on the account so that
    notifications reach the person in the language they read."""
    response = i18n_views.set_language(request)
    language = request.POST.get("language", "")
    if request.user.is_authenticated and check_for_language(language):
        set_user_language(user=request.user, language=language)
    return response
