"""Enterprises and their delegates change here, and only here.

Each service takes the new values, works out the change (`changes.diff_enterprise`),
applies it, evaluates the enterprise's registrations again, sends approved ones back
to review when a vetted detail changed, and writes one audit entry for the change.
"""

from collections.abc import Iterable
from dataclasses import dataclass, replace

from django.db import IntegrityError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from accounts.models import Delegate, Enterprise, Registration
from accounts.services import changes
from accounts.services.changes import EnterpriseDiff
from accounts.services.registrations import review_again
from events.errors import DomainError
from events.services import record_audit


@dataclass(frozen=True)
class EnterpriseChange:
    """What a service did: the stored enterprise, the change, and the registrations it
    sent back to review."""

    enterprise: Enterprise
    diff: EnterpriseDiff
    created: bool = False
    reopened: tuple[Registration, ...] = ()
    # The delegate save_delegate added or edited.
    delegate: Delegate | None = None

    @property
    def changed(self) -> bool:
        return self.created or self.diff.changed


@transaction.atomic
def create_enterprise(*, actor, data: dict, delegates: Iterable[dict] = ()) -> EnterpriseChange:
    """A new enterprise from `data` (changes.ENTERPRISE_FIELDS; a missing slug is made from
    the legal name) with its `delegates` (dicts of changes.DELEGATE_FIELDS)."""
    data = dict(data)
    if not data.get("slug"):
        data["slug"] = unique_slug(str(data.get("legal_name", "")))
    diff = changes.diff_enterprise(None, data, list(delegates))
    enterprise = Enterprise()
    _apply(enterprise, diff)
    record_audit(actor=actor, action="enterprise.create", target=enterprise,
                 data=diff.as_audit())
    return EnterpriseChange(enterprise, diff, created=True)


@transaction.atomic
def update_enterprise(*, enterprise: Enterprise, actor, data: dict,
                      delegates: Iterable[dict] | None = None) -> EnterpriseChange:
    """Save `data` (only the keys given) and, when `delegates` is given, make it the
    complete list of delegates: existing ones carry their "id", missing ones are removed,
    ones without "id" are added. Nothing changed: nothing written."""
    enterprise = _locked(enterprise)
    new_delegates = None if delegates is None else list(delegates)
    return _commit(enterprise, changes.diff_enterprise(enterprise, data, new_delegates), actor)


@transaction.atomic
def save_delegate(*, enterprise: Enterprise, actor, data: dict,
                  delegate: Delegate | None = None) -> EnterpriseChange:
    """Add or edit one delegate: `delegate` when given, else the enterprise's delegate with
    the same e-mail, else a new one (imports and the API add or update by e-mail)."""
    enterprise = _locked(enterprise)
    listing = changes.upserted_delegates(enterprise, data, delegate)
    result = _commit(enterprise, changes.diff_enterprise(enterprise, {}, listing), actor)
    saved = listing[-1].get("id") or next(
        d.id for d in result.diff.delegates if d.kind == "added")
    return replace(result, delegate=Delegate.objects.get(pk=saved))


@transaction.atomic
def remove_delegates(*, delegates: Iterable[Delegate], actor) -> list[EnterpriseChange]:
    """Remove delegates: one change (and audit entry) per enterprise."""
    by_enterprise: dict[int, set[int]] = {}
    for delegate in delegates:
        by_enterprise.setdefault(delegate.enterprise_id, set()).add(delegate.pk)
    results = []
    for enterprise_id, removed in sorted(by_enterprise.items()):
        enterprise = _locked(Enterprise(pk=enterprise_id))
        listing = [{"id": pk} for pk in enterprise.delegates.values_list("pk", flat=True)
                   if pk not in removed]
        results.append(_commit(enterprise, changes.diff_enterprise(enterprise, {}, listing),
                               actor))
    return results


def remove_delegate(*, delegate: Delegate, actor) -> EnterpriseChange:
    return remove_delegates(delegates=[delegate], actor=actor)[0]


def deletion_blockers(enterprise: Enterprise) -> list[str]:
    """Why the enterprise cannot be deleted (empty: it can). Registrations carry the
    vetting history and meetings: they are withdrawn, never deleted."""
    blockers = [
        _("Registration for %(conference)s (%(status)s): withdraw it instead of deleting "
          "the enterprise.") % {"conference": r.conference, "status": r.get_status_display()}
        for r in enterprise.registrations.select_related("conference")
    ]
    blockers += [_("Sign-in account %(email)s: deactivate or delete it first.")
                 % {"email": user.email} for user in enterprise.users.all()]
    return blockers


@transaction.atomic
def delete_enterprise(*, enterprise: Enterprise, actor) -> None:
    """Delete an enterprise that never registered (an import mistake, say)."""
    enterprise = _locked(enterprise)
    blockers = deletion_blockers(enterprise)
    if blockers:
        raise DomainError(" ".join(blockers), code="has_registrations")
    diff = changes.diff_enterprise(enterprise, {}, [])
    record_audit(actor=actor, action="enterprise.delete", target=enterprise,
                 data={"legal_name": enterprise.legal_name, **diff.as_audit()})
    enterprise.delete()


def unique_slug(name: str) -> str:
    base = slugify(name)[:70] or "enterprise"
    slug, n = base, 1
    while Enterprise.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _locked(enterprise: Enterprise) -> Enterprise:
    # Compare with what is stored, never with an instance a form has already changed.
    return Enterprise.objects.select_for_update().get(pk=enterprise.pk)


def _commit(enterprise: Enterprise, diff: EnterpriseDiff, actor) -> EnterpriseChange:
    if not diff.changed:
        return EnterpriseChange(enterprise, diff)
    _apply(enterprise, diff)
    reopened = review_again(enterprise=enterprise, actor=actor, diff=diff)
    data = diff.as_audit()
    if reopened:
        data["reopened"] = [registration.pk for registration in reopened]
    record_audit(actor=actor, action="enterprise.update", target=enterprise, data=data)
    return EnterpriseChange(enterprise, diff, reopened=tuple(reopened))


def _apply(enterprise: Enterprise, diff: EnterpriseDiff) -> None:
    """Write the change; a unique value taken meanwhile is a DomainError, not a 500."""
    _require_lengths(diff)
    _require_unique(enterprise, diff)
    try:
        with transaction.atomic():
            _write(enterprise, diff)
    except IntegrityError as error:
        raise DomainError(_("Another enterprise or delegate already uses one of these "
                            "values."), code="duplicate") from error


def _require_lengths(diff: EnterpriseDiff) -> None:
    """Every door (form, import, API) meets the same limits on free text."""
    too_long = {}
    for name, (_old, new) in diff.fields.items():
        limit = getattr(Enterprise._meta.get_field(name), "max_length", None)
        if limit and isinstance(new, str) and len(new) > limit:
            too_long[name] = [_("At most %(limit)s characters (this has %(count)s).")
                              % {"limit": limit, "count": len(new)}]
    if too_long:
        raise DomainError(next(iter(too_long.values()))[0], code="too_long", fields=too_long)


def _require_unique(enterprise: Enterprise, diff: EnterpriseDiff) -> None:
    others = Enterprise.objects.exclude(pk=enterprise.pk)
    for name in ("legal_name", "slug"):
        if name in diff.fields and others.filter(**{name: diff.fields[name][1]}).exists():
            message = _("Another enterprise already has this %(field)s.") % {
                "field": Enterprise._meta.get_field(name).verbose_name}
            raise DomainError(message, code="duplicate_enterprise", fields={name: [message]})


def _write(enterprise: Enterprise, diff: EnterpriseDiff) -> None:
    for name, (_old, new) in diff.fields.items():
        if name != "fields":
            setattr(enterprise, name, new)
    enterprise.save()
    if "fields" in diff.fields:
        enterprise.fields.set(diff.fields["fields"][1])
    removed = [d.id for d in diff.delegates if d.kind == "removed"]
    Delegate.objects.filter(enterprise=enterprise, pk__in=removed).delete()
    for delegate in diff.delegates:
        values = {name: new for name, (_old, new) in delegate.fields.items()}
        if delegate.kind == "changed":
            Delegate.objects.filter(pk=delegate.id).update(**values)
        elif delegate.kind == "added":
            delegate.id = Delegate.objects.create(enterprise=enterprise, **values).pk
