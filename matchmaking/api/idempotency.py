"""Idempotency-Key on POSTs that create something (the pretix and Stripe way).

The first request with a key runs in one transaction with its record; a repeat
with the same body gets the stored response (header `Idempotent-Replayed: true`)
and creates nothing; a repeat with another body is refused with 422. Two racing
requests meet at the unique (owner, key) constraint: the loser waits for the
winner's transaction and then replays its response.
"""

import hashlib
import json
from functools import wraps

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.utils.encoders import JSONEncoder

from matchmaking.api.caller import caller_of
from matchmaking.api.errors import body
from matchmaking.models import IdempotencyRecord

HEADER = "Idempotency-Key"


def fingerprint(request) -> str:
    payload = json.dumps(request.data, sort_keys=True, cls=JSONEncoder)
    return hashlib.sha256(f"{request.method} {request.path}\n{payload}".encode()).hexdigest()


def _replay(record: IdempotencyRecord, request_hash: str) -> Response:
    if record.request_hash != request_hash:
        return Response(body("idempotency_key_reused", _(
            "This Idempotency-Key was used with another request; use a new key for a new "
            "request.")), status=status.HTTP_422_UNPROCESSABLE_ENTITY)
    if record.status_code is None:
        return Response(body("idempotency_in_progress", _(
            "A request with this Idempotency-Key is still being processed; retry shortly.")),
            status=status.HTTP_409_CONFLICT)
    return Response(record.response_body, status=record.status_code,
                    headers={"Idempotent-Replayed": "true"})


def _key(request) -> str | None:
    key = request.headers.get(HEADER)
    if key is not None and not 1 <= len(key) <= 200:
        raise ValidationError({HEADER: [_("Use 1 to 200 characters.")]})
    return key


def idempotent(handler):
    """Decorate a viewset method that creates something."""

    @wraps(handler)
    def wrapper(self, request, *args, **kwargs):
        key = _key(request)
        if key is None:
            return handler(self, request, *args, **kwargs)
        owner, request_hash = caller_of(request).owner, fingerprint(request)
        with transaction.atomic():
            try:
                with transaction.atomic():
                    record = IdempotencyRecord.objects.create(
                        owner=owner, key=key, method=request.method, path=request.path[:300],
                        request_hash=request_hash)
            except IntegrityError:
                return _replay(IdempotencyRecord.objects.get(owner=owner, key=key), request_hash)
            # An exception rolls the record back with the work, so the client may retry.
            response = handler(self, request, *args, **kwargs)
            if status.is_success(response.status_code):
                record.status_code = response.status_code
                record.response_body = json.loads(json.dumps(response.data, cls=JSONEncoder))
                record.save(update_fields=["status_code", "response_body"])
            else:
                transaction.set_rollback(True)
        return response

    return wrapper
