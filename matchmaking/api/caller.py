"""Who is calling: a partner's key or a company user, and which conferences they see.

Every queryset of the API starts from the `Caller`, never from the request
directly, so one place decides what a tenant may see.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from rest_framework.exceptions import NotAuthenticated, PermissionDenied

from accounts.models import ApiKey, ApiKeyScope, Partner, Registration, RegistrationStatus
from events.models import Conference


@dataclass(frozen=True)
class Caller:
    key: ApiKey | None
    partner: Partner | None
    user: object | None
    enterprise_id: int | None
    # Conferences whose details the caller sees.
    conference_ids: frozenset[int]
    # Conferences whose directory (approved enterprises, grid, meetings) the caller sees.
    directory_ids: frozenset[int]
    can_write: bool
    is_organizer: bool = False
    extra: dict = field(default_factory=dict, compare=False)

    @property
    def is_partner(self) -> bool:
        return self.partner is not None

    @property
    def actor(self):
        """The user to record in audit entries (None for a partner)."""
        return self.user

    @property
    def owner(self) -> str:
        """Owner of idempotency records and throttle buckets."""
        return f"key:{self.key.pk}" if self.key is not None else f"user:{self.user.pk}"


def _partner_caller(key: ApiKey) -> Caller:
    ids = frozenset(
        Conference.objects.filter(api_keys=key, partners=key.partner).values_list("pk", flat=True)
    )
    return Caller(key=key, partner=key.partner, user=None, enterprise_id=None,
                  conference_ids=ids, directory_ids=ids,
                  can_write=key.scope == ApiKeyScope.WRITE, is_organizer=key.partner.is_organizer)


def _company_caller(user, key: ApiKey | None) -> Caller:
    registrations = Registration.objects.filter(enterprise_id=user.enterprise_id)
    if key is not None and key.conferences.exists():
        registrations = registrations.filter(conference__in=key.conferences.all())
    rows = list(registrations.values_list("conference_id", "status"))
    return Caller(
        key=key, partner=None, user=user, enterprise_id=user.enterprise_id,
        conference_ids=frozenset(pk for pk, _status in rows),
        directory_ids=frozenset(pk for pk, status in rows if status == RegistrationStatus.APPROVED),
        can_write=key is None or key.scope == ApiKeyScope.WRITE,
    )


def caller_of(request) -> Caller:
    """The caller of an authenticated request (cached on it); raises 401/403 otherwise."""
    cached = getattr(request, "_api_caller", None)
    if cached is not None:
        return cached
    key = request.auth if isinstance(request.auth, ApiKey) else None
    if key is not None and key.partner_id is not None:
        caller = _partner_caller(key)
    elif request.user is not None and request.user.is_authenticated:
        if request.user.enterprise_id is None:
            raise PermissionDenied(_("The API is for partners and company users; organizers "
                                     "use the admin or an organizer key."))
        caller = _company_caller(request.user, key)
    else:
        raise NotAuthenticated()
    request._api_caller = caller
    return caller
