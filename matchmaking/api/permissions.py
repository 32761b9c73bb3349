"""Who may do what: a caller is needed for everything; writes need a write scope and,
per action, the right kind of caller."""

from django.utils.translation import gettext as _
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import SAFE_METHODS, BasePermission

from matchmaking.api.caller import Caller, caller_of


class ApiCaller(BasePermission):
    """An authenticated partner key or company user; unsafe methods need write scope."""

    def has_permission(self, request, view):
        caller = caller_of(request)
        if request.method not in SAFE_METHODS and not caller.can_write:
            raise PermissionDenied(_("This key may only read; ask for a write key."))
        allowed = getattr(view, "allowed_callers", None)
        if allowed is not None:
            require_kind(caller, allowed.get(getattr(view, "action", None), allowed.get("*")))
        return True


def require_kind(caller: Caller, kind: str | None) -> None:
    """kind: "any", "partner", "company" or "organizer" (an organizer partner's key)."""
    if kind in (None, "any"):
        return
    if kind == "company" and caller.is_partner:
        raise PermissionDenied(_("Only a company user acting for its enterprise may do this."))
    if kind == "partner" and not caller.is_partner:
        raise PermissionDenied(_("Only a partner key may do this."))
    if kind == "organizer" and not (caller.is_partner and caller.is_organizer):
        raise PermissionDenied(_("Only an organizer system's key may do this."))
