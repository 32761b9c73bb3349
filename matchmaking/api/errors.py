"""One error shape for the whole API:

    {"error": {"code": "...", "message": "...", "fields": {"name": ["..."]}}}

`fields` is present only for field errors; nested fields are joined with dots
("enterprise.legal_name", "delegates.0.email").
"""

import sys

from django.db import IntegrityError, InterfaceError, OperationalError
from django.http import Http404, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from events.errors import DomainError, integrity_message

# Domain refusals that mean "the state of things forbids it" rather than "bad input".
CONFLICT_CODES = {
    "duplicate", "duplicate_request", "duplicate_enterprise", "duplicate_outcome", "slot_taken",
    "run_in_progress", "conflict", "not_pending", "not_live", "bad_transition", "booked",
    "cancelled", "not_draft", "open_request_limit", "idempotency_in_progress", "in_rereview",
    "not_open", "no_place", "changed", "status_transition",
}


def body(code: str, message, fields: dict | None = None) -> dict:
    error = {"code": code, "message": str(message)}
    if fields:
        error["fields"] = fields
    return {"error": error}


def flatten(detail, prefix: str = "") -> dict[str, list[str]]:
    """DRF's nested error details as {"dotted.name": [messages]}."""
    if isinstance(detail, dict):
        out: dict[str, list[str]] = {}
        for name, value in detail.items():
            out.update(flatten(value, f"{prefix}.{name}" if prefix else str(name)))
        return out
    if isinstance(detail, list) and any(isinstance(item, (dict, list)) for item in detail):
        out = {}
        for index, value in enumerate(detail):
            if value:
                out.update(flatten(value, f"{prefix}.{index}" if prefix else str(index)))
        return out
    items = detail if isinstance(detail, list) else [detail]
    return {prefix or "non_field_errors": [str(item) for item in items]}


def _validation(exc: exceptions.ValidationError) -> dict:
    fields = flatten(exc.detail)
    only = fields.get("non_field_errors")
    if only and len(fields) == 1:
        return body("invalid", only[0])
    return body("invalid", _("Some fields are invalid; see `fields`."), fields)


def domain_status(code: str) -> int:
    if code == "forbidden":
        return status.HTTP_403_FORBIDDEN
    if code == "not_found":
        return status.HTTP_404_NOT_FOUND
    return status.HTTP_409_CONFLICT if code in CONFLICT_CODES else status.HTTP_400_BAD_REQUEST


def exception_handler(exc, context):
    if isinstance(exc, DomainError):
        if exc.fields:
            # A refusal of particular values: a field error like the serializers' own.
            return Response(body("invalid", exc.message, exc.fields),
                            status=status.HTTP_400_BAD_REQUEST)
        return Response(body(exc.code, exc.message), status=domain_status(exc.code))
    if isinstance(exc, IntegrityError):
        # A race past the serializers' checks: the constraint's own words, never its name.
        return Response(body("conflict", integrity_message(exc)), status=status.HTTP_409_CONFLICT)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(_("Not found."))
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        response.data = _validation(exc)
    elif isinstance(exc, exceptions.APIException):
        detail = exc.detail if not isinstance(exc.detail, (list, dict)) else flatten(exc.detail)
        code = exc.get_codes() if isinstance(exc.get_codes(), str) else exc.default_code
        response.data = body(code, detail if isinstance(detail, str) else exc.default_detail)
    if isinstance(exc, exceptions.Throttled) and exc.wait is not None:
        response.data["error"]["retry_after"] = int(exc.wait)
    return response


def is_api(request) -> bool:
    return request.path.startswith("/api/")


def not_found(request, exception=None):
    """handler404: JSON under /api/, Django's page elsewhere."""
    if is_api(request):
        return JsonResponse(body("not_found", _("No such endpoint or object.")), status=404)
    from django.views.defaults import page_not_found

    return page_not_found(request, exception)


# Seconds a client is asked to wait when the database is unreachable (a restart, a
# fail-over): Django reconnects on the next request (CONN_HEALTH_CHECKS).
RETRY_AFTER_SECONDS = 5


def database_unavailable(error: BaseException | None) -> bool:
    """The database could not be reached or dropped the connection: a passing outage that
    deserves a 503 and a retry, not a 500. (A constraint is an IntegrityError, handled
    before this; a bug in a query is a ProgrammingError.)"""
    return isinstance(error, (OperationalError, InterfaceError))


def unavailable(request):
    """503 with Retry-After: the API's error shape under /api/, a plain page elsewhere. The
    page is rendered without the request (no session, no user): the database is away."""
    if is_api(request):
        response = JsonResponse(body("unavailable", _(
            "The service is briefly unavailable; try again in a few seconds.")), status=503)
    else:
        response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def server_error(request):
    """handler500: JSON under /api/, Django's page elsewhere; a 503 when the database is
    unreachable (Django calls this inside its `except`, so the error is at hand)."""
    if database_unavailable(sys.exc_info()[1]):
        return unavailable(request)
    if is_api(request):
        return JsonResponse(body("server_error", _("Something went wrong on our side; it is "
                                                   "logged. Try again later.")), status=500)
    from django.views.defaults import server_error as page

    return page(request)
