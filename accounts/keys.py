"""API keys: issue, revoke, authenticate.

A key reads `mk_<prefix>_<secret>`. Only its SHA-256 is stored, so a leaked
database does not leak usable keys; the prefix (unique, not secret) finds the
row and is what the admin shows.
"""

import datetime as dt
import hashlib
import hmac
import secrets

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import ApiKey, ApiKeyScope, Partner, User
from events.errors import DomainError
from events.services import record_audit

KEY_MARK = "mk"
# last_used_at is written at most this often: a write per request would make every
# read a write.
TOUCH_EVERY = dt.timedelta(minutes=1)


def hash_key(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def _new_prefix() -> str:
    while True:
        prefix = secrets.token_hex(4)
        if not ApiKey.objects.filter(prefix=prefix).exists():
            return prefix


@transaction.atomic
def create_api_key(
    *, name: str, scope: str, partner: Partner | None = None, user: User | None = None,
    conferences=(), actor=None,
) -> tuple[ApiKey, str]:
    """Issue a key for a partner or a company user; returns the row and the raw key,
    which is never shown again."""
    if (partner is None) == (user is None):
        raise DomainError(_("A key belongs to a partner or to a user, not both."), code="owner")
    if scope not in ApiKeyScope.values:
        raise DomainError(_("Unknown scope %(scope)r.") % {"scope": scope}, code="scope")
    if user is not None and user.enterprise_id is None:
        raise DomainError(_("Personal keys are for company users only."), code="owner")
    prefix = _new_prefix()
    raw = f"{KEY_MARK}_{prefix}_{secrets.token_urlsafe(32)}"
    key = ApiKey.objects.create(name=name, partner=partner, user=user, prefix=prefix,
                                key_hash=hash_key(raw), scope=scope)
    key.conferences.set(conferences)
    record_audit(actor=actor, action="api_key.create", target=key,
                 data={"prefix": prefix, "scope": scope,
                       "conferences": [c.pk for c in conferences]})
    return key, raw


@transaction.atomic
def revoke_api_key(*, key: ApiKey, actor=None, reason: str = "") -> ApiKey:
    """Revoke at once; revoking twice keeps the first time."""
    key = ApiKey.objects.select_for_update().get(pk=key.pk)
    if key.revoked_at is None:
        key.revoked_at = timezone.now()
        key.save(update_fields=["revoked_at"])
        record_audit(actor=actor, action="api_key.revoke", target=key, reason=reason)
    return key


def parse(raw: str) -> str | None:
    """The prefix of a well-formed key, else None."""
    parts = raw.split("_", 2)
    if len(parts) != 3 or parts[0] != KEY_MARK or not parts[1] or not parts[2]:
        return None
    return parts[1]


def authenticate(raw: str) -> ApiKey | None:
    """The live key for a raw secret (partner and user loaded), or None."""
    prefix = parse(raw.strip())
    if prefix is None:
        return None
    key = (ApiKey.objects.select_related("partner", "user")
           .filter(prefix=prefix, revoked_at__isnull=True).first())
    if key is None or not hmac.compare_digest(key.key_hash, hash_key(raw.strip())):
        return None
    if key.user is not None and not key.user.is_active:
        return None
    _touch(key)
    return key


def _touch(key: ApiKey) -> None:
    now = timezone.now()
    if key.last_used_at is not None and now - key.last_used_at < TOUCH_EVERY:
        return
    ApiKey.objects.filter(pk=key.pk).filter(
        Q(last_used_at__isnull=True) | Q(last_used_at__lt=now - TOUCH_EVERY)
    ).update(last_used_at=now)
    key.last_used_at = now
