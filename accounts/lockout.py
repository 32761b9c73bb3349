"""What a locked-out sign-in sees, on the portal and the admin alike (AXES_LOCKOUT_CALLABLE)."""

from django.template.response import TemplateResponse

from accounts.forms import EmailAuthenticationForm


def lockout_response(request, credentials=None, *args, **kwargs):
    form = EmailAuthenticationForm(request)
    response = TemplateResponse(request, "accounts/login.html", {"form": form, "locked": True},
                                status=429)
    return response.render()


def username_of(request, credentials=None) -> str:
    """The name lock-outs count by (AXES_USERNAME_CALLABLE): what the form cleans it to,
    cut to the lock-out table's column so an absurd name is a failed sign-in, not an error."""
    source = credentials or request.POST
    return str(source.get("username", "") or "").strip().lower()[:254]
