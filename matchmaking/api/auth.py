"""Authentication: API keys (partners, personal tokens) and the portal session."""

from django.utils.translation import gettext_lazy as _
from rest_framework.authentication import BaseAuthentication
from rest_framework.exceptions import AuthenticationFailed, Throttled

from accounts import keys
from matchmaking import abuse


class TooManyBadKeys(Throttled):
    """An address that sent too many invalid keys waits (code `throttled`) or, past the
    second limit, is blocked (code `blocked`); both are 429 with Retry-After."""

    def __init__(self, verdict: abuse.Verdict):
        if verdict.state == abuse.BLOCKED:
            detail = _("Too many invalid API keys came from your address; it is blocked for "
                       "a while. Check the key you send.")
            super().__init__(wait=verdict.retry_after, detail=str(detail), code="blocked")
        else:
            detail = _("Too many invalid API keys came from your address; wait before the "
                       "next request. Check the key you send.")
            super().__init__(wait=verdict.retry_after, detail=str(detail), code="throttled")


def raw_key(request) -> str | None:
    """The key from `Authorization: Bearer <key>` or `X-Api-Key: <key>`, if any."""
    header = request.META.get("HTTP_AUTHORIZATION", "")
    if header:
        scheme, _sep, value = header.partition(" ")
        if scheme.lower() == "bearer":
            return value.strip()
        return None
    return request.META.get("HTTP_X_API_KEY") or None


class ApiKeyAuthentication(BaseAuthentication):
    """A partner key authenticates no user (request.user stays anonymous) and carries
    its key as request.auth; a personal key authenticates its company user."""

    def authenticate(self, request):
        raw = raw_key(request)
        if raw is None:
            return None
        policy, address = abuse.api_key_policy(), abuse.client_address(request)
        verdict = abuse.verdict(policy, address)
        if verdict.refused:
            # Not even looked up; an attempt while told to wait counts towards the block.
            raise TooManyBadKeys(abuse.record_failure(policy, address))
        key = keys.authenticate(raw)
        if key is None:
            abuse.record_failure(policy, address)
            raise AuthenticationFailed(_("The API key is unknown or revoked."))
        if key.user is not None:
            return key.user, key
        from django.contrib.auth.models import AnonymousUser

        return AnonymousUser(), key

    def authenticate_header(self, request):
        return 'Bearer realm="api"'

