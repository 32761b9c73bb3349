"""What a locked-out sign-in sees, on the portal and the admin alike (AXES_LOCKOUT_CALLABLE)."""

from django.template.response import TemplateResponse

from accounts.forms import EmailAuthenticationForm


def lockout_response(request, credentials=None, *args, **kwargs):
    form = EmailAuthenticationForm(request)
    response = TemplateResponse(request, "accounts/login.html", {"form": form, "locked": True},
                                status=429)
    return response.render()
