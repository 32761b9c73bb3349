"""OpenAPI helpers: the error responses and examples every operation documents."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse

from matchmaking.api.serializers.common import ErrorSerializer

ERROR_EXAMPLES = {
    400: ("invalid", "Some fields are invalid; see `fields`.",
          {"recipient": ["A valid integer is required."]}),
    401: ("not_authenticated", "Authentication credentials were not provided.", None),
    403: ("permission_denied", "This key may only read; ask for a write key.", None),
    404: ("not_found", "Not found.", None),
    405: ("method_not_allowed", 'Method "DELETE" not allowed.', None),
    409: ("duplicate_request", "There is already a request between A and B.", None),
    415: ("unsupported_media_type", 'Unsupported media type "text/plain" in request.', None),
    422: ("idempotency_key_reused",
          "This Idempotency-Key was used with another request; use a new key.", None),
    429: ("throttled", "Request was throttled. Expected available in 12 seconds.", None),
}
DESCRIPTIONS = {
    400: _("Bad input, or a business rule refused it (see `code`)."),
    401: _("No valid API key or session."),
    403: _("The caller may not do this (scope or kind of caller)."),
    404: _("No such object for this caller."),
    405: _("Method not allowed."),
    409: _("The current state forbids it (duplicate, already answered, ...)."),
    415: _("Send JSON (Content-Type: application/json)."),
    422: _("Idempotency-Key reused with a different request."),
    429: _("Too many requests; wait Retry-After seconds."),
}
READ_ERRORS = (400, 401, 403, 404, 405, 429)
WRITE_ERRORS = (400, 401, 403, 404, 405, 409, 415, 422, 429)

IDEMPOTENCY = OpenApiParameter(
    "Idempotency-Key", {"type": "string", "minLength": 1, "maxLength": 200},
    OpenApiParameter.HEADER, required=False,
    description=_("Any unique string (a UUID). Repeating the request with the same key and "
                  "body returns the first response and creates nothing new."))


def error_example(status: int) -> OpenApiExample:
    code, message, fields = ERROR_EXAMPLES[status]
    value = {"error": {"code": code, "message": message}}
    if fields:
        value["error"]["fields"] = fields
    return OpenApiExample(f"error {status}", value=value, status_codes=[str(status)],
                          response_only=True)


def errors(*statuses: int) -> dict:
    return {status: OpenApiResponse(ErrorSerializer, description=DESCRIPTIONS[status],
                                    examples=[error_example(status)])
            for status in statuses}


def responses(ok: dict, *statuses: int) -> dict:
    return {**ok, **errors(*statuses)}


class ApiKeyScheme(OpenApiAuthenticationExtension):
    target_class = "matchmaking.api.auth.ApiKeyAuthentication"
    name = "ApiKey"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http", "scheme": "bearer", "bearerFormat": "mk_<prefix>_<secret>",
            "description": str(_("A partner key or a personal key: `Authorization: Bearer "
                                 "mk_...`. The header `X-Api-Key: mk_...` works too.")),
        }
