"""Authentication: API keys (partners, personal tokens) and the portal session."""

from django.utils.translation import gettext_lazy as _
from rest_framework.authentication import BaseAuthentication
from rest_framework.exceptions import AuthenticationFailed

from accounts import keys


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
        key = keys.authenticate(raw)
        if key is None:
            raise AuthenticationFailed(_("The API key is unknown or revoked."))
        if key.user is not None:
            return key.user, key
        from django.contrib.auth.models import AnonymousUser

        return AnonymousUser(), key

    def authenticate_header(self, request):
        return 'Bearer realm="api"'

