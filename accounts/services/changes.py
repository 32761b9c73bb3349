"""What a change of an enterprise and its delegates is, worked out from the new values.

Only reads: the services apply what `diff_enterprise` finds, and a door that warns
before a change (the portal's confirmation step) asks `vetted_changes` instead of
comparing values itself. Values are normalised first (Decimal, country codes, sets of
field ids), so "9000000" and Decimal("9000000.0") are no change.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models.fields.files import FieldFile
from django.utils.functional import lazy
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django_countries import countries

from accounts.models import Delegate, Enterprise, EnterpriseRole
from accounts.services.logos import reencode_logo
from events.errors import DomainError
from events.models import IndustryField, Seniority
from matchmaking.display import formatting

ENTERPRISE_FIELDS = (
    "legal_name", "name_zh", "slug", "country", "province", "city", "role", "fields",
    "description", "offers", "needs", "description_zh", "offers_zh", "needs_zh",
    "contract_value_usd", "employees", "website", "logo",
)
DELEGATE_FIELDS = ("full_name", "title", "seniority", "email", "phone", "languages")
# What the organizers checked; changing one sends an approved registration back to review,
# as does adding or removing a delegate.
VETTED_ENTERPRISE_FIELDS = ("contract_value_usd", "country", "role")
VETTED_DELEGATE_FIELDS = ("seniority",)
# Reported as "changed", without their (long) old and new text.
LONG_TEXT_FIELDS = ("description", "offers", "needs", "description_zh", "offers_zh",
                    "needs_zh", "logo")


def normalise(name: str, value: Any) -> Any:
    """One comparable, storable form per field, whatever the door sent."""
    if name == "logo":
        return _logo(value)
    if name == "contract_value_usd":
        return None if value in (None, "") else Decimal(str(value))
    if name == "employees":
        return None if value in (None, "") else int(value)
    if name == "seniority":
        return int(value)
    if name == "country":
        return str(getattr(value, "code", value) or "").upper()
    if name == "fields":
        return frozenset(getattr(item, "pk", item) for item in value or ())
    return "" if value is None else str(value)


@dataclass
class DelegateDiff:
    kind: str  # "added", "removed" or "changed"
    name: str
    id: int | None = None
    fields: dict[str, tuple[Any, Any]] = field(default_factory=dict)

    @property
    def vetted(self) -> list[str]:
        if self.kind != "changed":
            return [f"delegate_{self.kind}"]
        return [f"delegate_{name}" for name in self.fields if name in VETTED_DELEGATE_FIELDS]


@dataclass
class EnterpriseDiff:
    """Changed enterprise fields (name -> (old, new)) and delegate changes."""

    fields: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    delegates: list[DelegateDiff] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.fields or self.delegates)

    @property
    def vetted(self) -> list[str]:
        """Codes of the vetted changes: field names, delegate_added, delegate_removed,
        delegate_seniority."""
        codes = [name for name in self.fields if name in VETTED_ENTERPRISE_FIELDS]
        for delegate in self.delegates:
            codes += [code for code in delegate.vetted if code not in codes]
        return codes

    def labels(self, *, vetted_only: bool = False) -> list:
        """Each change in words, rendered in the reader's language when shown."""
        labels = [_lazy_field_label(name, *pair) for name, pair in self.fields.items()
                  if not vetted_only or name in VETTED_ENTERPRISE_FIELDS]
        labels += [_lazy_delegate_label(d, vetted_only) for d in self.delegates
                   if not vetted_only or d.vetted]
        return labels

    def vetted_labels(self) -> list:
        return self.labels(vetted_only=True)

    def as_audit(self) -> dict:
        """Exactly what changed, old -> new, as JSON."""
        data: dict = {}
        if self.fields:
            data["fields"] = {name: [_json(name, old), _json(name, new)]
                              for name, (old, new) in self.fields.items()}
        for kind in ("added", "removed", "changed"):
            rows = [_delegate_json(d) for d in self.delegates if d.kind == kind]
            if rows:
                data.setdefault("delegates", {})[kind] = rows
        if self.vetted:
            data["vetted"] = self.vetted
        return data


def diff_enterprise(enterprise: Enterprise | None, data: dict,
                    delegates: list[dict] | None = None) -> EnterpriseDiff:
    """What saving `data` (and, when given, the complete new list of `delegates`) would
    change. `enterprise` None is a new one. Delegates are dicts of DELEGATE_FIELDS; an
    existing one carries its "id" and only the keys it changes."""
    unknown = set(data) - set(ENTERPRISE_FIELDS)
    if unknown:
        raise ValueError(f"Not enterprise fields: {sorted(unknown)}")
    stored = enterprise or Enterprise()
    diff = EnterpriseDiff()
    for name, value in data.items():
        old, new = _stored(stored, name), normalise(name, value)
        if old != new:
            diff.fields[name] = (old, new)
    if delegates is not None:
        diff.delegates = _diff_delegates(enterprise, delegates)
    return diff


def vetted_changes(enterprise: Enterprise, data: dict,
                   delegates: list[dict] | None = None) -> list:
    """The vetted changes an edit would make, in words (empty: nothing vetted changes).
    Ask this before a change that may send a registration back to review. Compares with
    what is stored, whatever a bound form has already done to `enterprise`."""
    stored = Enterprise.objects.get(pk=enterprise.pk)
    return diff_enterprise(stored, data, delegates).vetted_labels()


def upserted_delegates(enterprise: Enterprise, data: dict,
                       delegate: Delegate | None = None) -> list[dict]:
    """The enterprise's delegate list with `data` saved: into `delegate`, else into the
    delegate with the same e-mail, else as a new one."""
    existing = list(enterprise.delegates.all())
    if delegate is None:
        email = str(data.get("email", "")).strip().lower()
        delegate = next((d for d in existing if d.email.lower() == email), None)
    elif delegate.enterprise_id != enterprise.pk:
        raise DomainError(_("%(delegate)s is not a delegate of %(enterprise)s.")
                          % {"delegate": delegate, "enterprise": enterprise}, code="invalid")
    listing: list[dict] = [{"id": d.pk} for d in existing if d != delegate]
    listing.append({**data, "id": delegate.pk} if delegate else dict(data))
    return listing


def _stored(enterprise: Enterprise, name: str) -> Any:
    if name == "fields":
        if enterprise.pk is None:
            return frozenset()
        return frozenset(enterprise.fields.values_list("pk", flat=True))
    return normalise(name, getattr(enterprise, name))


def _diff_delegates(enterprise: Enterprise | None, new: list[dict]) -> list[DelegateDiff]:
    stored = {d.pk: d for d in enterprise.delegates.all()} if enterprise else {}
    kept, diffs = set(), []
    for item in new:
        unknown = set(item) - set(DELEGATE_FIELDS) - {"id"}
        if unknown:
            raise ValueError(f"Not delegate fields: {sorted(unknown)}")
        if item.get("id") is None:
            diffs.append(DelegateDiff("added", str(item.get("full_name", "")), fields={
                name: (None, normalise(name, value)) for name, value in item.items()
                if name != "id"}))
            continue
        delegate = stored.get(item["id"])
        if delegate is None or item["id"] in kept:
            raise DomainError(_("Delegate %(id)s is not a delegate of this enterprise.")
                              % {"id": item["id"]}, code="invalid")
        kept.add(delegate.pk)
        changed = {name: (normalise(name, getattr(delegate, name)), normalise(name, value))
                   for name, value in item.items() if name != "id"}
        changed = {name: pair for name, pair in changed.items() if pair[0] != pair[1]}
        if changed:
            name = changed.get("full_name", (None, delegate.full_name))[1]
            diffs.append(DelegateDiff("changed", name, delegate.pk, changed))
    diffs += [DelegateDiff("removed", d.full_name, d.pk) for pk, d in stored.items()
              if pk not in kept]
    _require_distinct_emails(stored, new)
    return diffs


def _require_distinct_emails(stored: dict, new: list[dict]) -> None:
    emails = [str(item["email"] if "email" in item else stored[item["id"]].email).lower()
              for item in new]
    if len(emails) != len(set(emails)):
        raise DomainError(_("Each delegate of an enterprise needs a different e-mail."),
                          code="duplicate", fields={"delegates": [
                              _("Each delegate of an enterprise needs a different e-mail.")]})


def display(name: str, value: Any) -> str:
    """A value as a reader sees it, in the active language."""
    if value is None or value == "":
        return _("(empty)")
    if name in ("contract_value_usd", "employees"):
        # The label names the currency; the digits are grouped in both languages.
        return formatting.number(value)
    if name == "country":
        return countries.name(value) or value
    if name == "role":
        return str(EnterpriseRole(value).label)
    if name == "seniority":
        return str(Seniority(value).label)
    if name == "fields":
        names = IndustryField.objects.filter(pk__in=value).order_by("name")
        return ", ".join(str(f) for f in names) or _("(none)")
    return str(value)


def _field_label(name: str, old: Any, new: Any) -> str:
    label = capfirst(Enterprise._meta.get_field(name).verbose_name)
    if name in LONG_TEXT_FIELDS:
        return _("%(field)s changed") % {"field": label}
    return _("%(field)s: %(old)s → %(new)s") % {
        "field": label, "old": display(name, old), "new": display(name, new)}


def _delegate_label(delegate: DelegateDiff, vetted_only: bool) -> str:
    if delegate.kind == "added":
        return _("New delegate: %(name)s") % {"name": delegate.name}
    if delegate.kind == "removed":
        return _("Delegate removed: %(name)s") % {"name": delegate.name}
    parts = []
    if "seniority" in delegate.fields:
        old, new = delegate.fields["seniority"]
        parts.append(_("Seniority of %(name)s: %(old)s → %(new)s") % {
            "name": delegate.name, "old": display("seniority", old),
            "new": display("seniority", new)})
    others = [str(capfirst(Delegate._meta.get_field(name).verbose_name))
              for name in delegate.fields if name != "seniority"]
    if others and not vetted_only:
        parts.append(_("%(name)s: %(fields)s changed") % {
            "name": delegate.name, "fields": ", ".join(others)})
    return "; ".join(parts)


_lazy_field_label = lazy(_field_label, str)
_lazy_delegate_label = lazy(_delegate_label, str)


def _logo(value: Any) -> Any:
    """The stored logo is its file name; a new upload becomes a re-encoded PNG (a bad one
    is refused here, for every door); nothing or False (a cleared input) removes it."""
    if isinstance(value, FieldFile):
        return value.name or ""
    if not value:
        return ""
    return reencode_logo(value)


def _json(name: str, value: Any) -> Any:
    if name == "logo":
        return "" if not value else getattr(value, "name", str(value))
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else str(value)
    if isinstance(value, frozenset):
        return sorted(IndustryField.objects.filter(pk__in=value).values_list("slug", flat=True))
    return value


def _delegate_json(delegate: DelegateDiff) -> dict:
    row: dict = {"name": delegate.name}
    if delegate.id is not None:
        row["id"] = delegate.id
    if delegate.kind == "added":
        row.update({name: new for name, (_old, new) in delegate.fields.items()})
    elif delegate.kind == "changed":
        row["fields"] = {name: [old, new] for name, (old, new) in delegate.fields.items()}
    return row
