"""Sign-in lock-outs, on the portal and the admin alike: one account from one address
(django-axes, AXES_LOCKOUT_CALLABLE) and one address across all accounts (password
spraying, counted by matchmaking/abuse.py)."""

from django.contrib.auth.signals import user_login_failed
from django.template.response import TemplateResponse

from accounts.forms import EmailAuthenticationForm
from matchmaking import abuse

SIGN_IN_VIEWS = {"accounts:login", "admin:login"}


def lockout_response(request, credentials=None, *args, retry_after: int | None = None,
                     **kwargs):
    form = EmailAuthenticationForm(request)
    context = {"form": form, "locked": True,
               "address_locked": retry_after is not None,
               "minutes": -(-(retry_after or 0) // 60)}
    response = TemplateResponse(request, "accounts/login.html", context, status=429)
    if retry_after is not None:
        response["Retry-After"] = str(retry_after)
    return response.render()


def connect() -> None:
    user_login_failed.connect(count_failed_sign_in, dispatch_uid="abuse-sign-in-failed")


def count_failed_sign_in(sender, credentials=None, request=None, **kwargs):
    if request is not None:
        abuse.record_failure(abuse.sign_in_policy(), abuse.client_address(request))


class AddressLockoutMiddleware:
    """Refuses a sign-in from an address that failed too often on any accounts, before the
    password is checked; an attempt while refused counts towards the longer block."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if request.method != "POST" or match is None or match.view_name not in SIGN_IN_VIEWS:
            return None
        policy, address = abuse.sign_in_policy(), abuse.client_address(request)
        if not abuse.verdict(policy, address).refused:
            return None
        verdict = abuse.record_failure(policy, address)
        return lockout_response(request, retry_after=verdict.retry_after)


def username_of(request, credentials=None) -> str:
    """The name lock-outs count by (AXES_USERNAME_CALLABLE): what the form cleans it to,
    cut to the lock-out table's column so an absurd name is a failed sign-in, not an error."""
    source = credentials or request.POST
    return str(source.get("username", "") or "").strip().lower()[:254]
