from django import template
from django.conf import settings

from matchmaking.privacy.models import Consent

register = template.Library()
SESSION_KEY = "privacy_consent"


@register.simple_tag(takes_context=True)
def needs_consent(context) -> bool:
    """Whether the signed-in company user still has to accept the current notice; once
    they have, the session remembers it and no query is made."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or user.is_staff:
        return False
    version = settings.PRIVACY_NOTICE_VERSION
    if request.session.get(SESSION_KEY) == version:
        return False
    if Consent.objects.filter(user=user, version=version).exists():
        request.session[SESSION_KEY] = version
        return False
    return True
