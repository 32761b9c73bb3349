"""Fair-use rate limit per key (or per user for the session): not a security control."""

from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from matchmaking.api.auth import raw_key


class PerKeyThrottle(SimpleRateThrottle):
    scope = "api"

    def get_rate(self):
        # Read at request time, not import time, so settings overrides apply.
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def get_cache_key(self, request, view):
        from accounts.models import ApiKey

        if isinstance(request.auth, ApiKey):
            ident = f"key:{request.auth.pk}"
        elif request.user is not None and request.user.is_authenticated:
            ident = f"user:{request.user.pk}"
        elif raw_key(request) is None:
            ident = f"ip:{self.get_ident(request)}"
        else:
            return None
        return self.cache_format % {"scope": self.scope, "ident": ident}
