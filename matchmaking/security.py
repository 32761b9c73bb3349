"""Content-Security-Policy and Permissions-Policy on every response.

Our templates carry no inline script, style or on*= handler (tests/test_security_headers.py
scans them), so pages run under a strict same-origin policy: an injected <script> or
style="" in user content does nothing. A view that sets its own policy (the e-mail preview
frame) keeps it.
"""

from django.utils.translation import get_language_from_path

STRICT = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}
# Scripts stay strict in the admin too (Django 5.2's admin runs none inline). Styles are
# relaxed because Django's own change_list.html writes a <style> block for admins without
# actions (messages, privacy), and the e-mail previews (template wording, bulk mailing)
# show the e-mail's HTML with its <style> in a sandboxed srcdoc frame, which inherits
# the page's policy.
ADMIN = {**STRICT, "style-src": "'self' 'unsafe-inline'"}
# Swagger UI builds its layout with inline styles and shows its icons as data: images;
# its scripts come from our static files (drf-spectacular-sidecar) and stay 'self'.
API_DOCS = {**STRICT, "style-src": "'self' 'unsafe-inline'", "img-src": "'self' data:"}

# The check-in desk reads badges' QR codes with the camera; nothing else is ever needed.
PERMISSIONS_POLICY = ", ".join([
    "camera=(self)", "microphone=()", "geolocation=()", "payment=()", "usb=()",
    "serial=()", "hid=()", "midi=()", "magnetometer=()", "gyroscope=()",
    "accelerometer=()", "display-capture=()", "screen-wake-lock=()",
    "publickey-credentials-get=()",
])


def policy_text(directives: dict[str, str]) -> str:
    return "; ".join(f"{name} {value}" for name, value in directives.items())


def policy_for(path: str) -> str:
    """The policy for a request path (with or without a language prefix)."""
    parts = path.strip("/").split("/")
    if get_language_from_path(path):
        parts = parts[1:]
    if parts[:1] == ["admin"]:
        return policy_text(ADMIN)
    if parts[:3] == ["api", "v1", "docs"]:
        return policy_text(API_DOCS)
    return policy_text(STRICT)


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", policy_for(request.path_info))
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
