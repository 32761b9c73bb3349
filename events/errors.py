import re

from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    """A business rule refused a change; the message is shown to the user as is.

    `fields` maps input names to their messages when the refusal is about particular
    values (forms show them on the fields, the API as `fields` of its error)."""

    def __init__(self, message, *, code: str = "invalid", fields: dict | None = None):
        super().__init__(message)
        self.message = message
        self.code = code
        self.fields = fields or {}


# Database refusals in words. Every model constraint carries its own translated
# `violation_error_message` (forms and the admin show it through validate_constraints);
# an IntegrityError that still reaches a door (a race past the form, a service write)
# is worded here, in one place, from the same messages. A raw constraint name never
# reaches a user.

_SQLITE_CHECK = re.compile(r"CHECK constraint failed: (\w+)")
_SQLITE_UNIQUE = re.compile(r"UNIQUE constraint failed: ([\w.,\s]+)")
_POSTGRES_NAME = re.compile(r'constraint "(\w+)"')


def constraint_messages() -> dict:
    """{constraint name: message} for every model constraint of every app."""
    from django.apps import apps

    return {constraint.name: constraint.violation_error_message
            for model in apps.get_models() for constraint in model._meta.constraints}


def _unique_columns_message(table: str, columns: set[str]):
    """The message of the unique constraint or field over `columns` of `table` (SQLite
    names the columns, not the constraint)."""
    from django.apps import apps

    for model in apps.get_models():
        if model._meta.db_table != table:
            continue
        for constraint in model._meta.constraints:
            fields = getattr(constraint, "fields", ())
            if {model._meta.get_field(f).column for f in fields} == columns:
                return constraint.violation_error_message
        field = next((f for f in model._meta.concrete_fields if f.column in columns), None)
        if field is not None and len(columns) == 1:
            refusal = model().unique_error_message(model, (field.name,))
            return refusal.message % refusal.params
    return None


def integrity_message(error: Exception):
    """A translated sentence for an IntegrityError, whatever the database."""
    cause = getattr(error, "__cause__", None)
    name = getattr(getattr(cause, "diag", None), "constraint_name", None)
    text = str(error)
    if name is None:
        match = _SQLITE_CHECK.search(text) or _POSTGRES_NAME.search(text)
        name = match.group(1) if match else None
    messages = constraint_messages()
    if name in messages:
        return messages[name]
    unique = _SQLITE_UNIQUE.search(text)
    if unique:
        columns = [part.strip() for part in unique.group(1).split(",")]
        table = columns[0].split(".")[0]
        found = _unique_columns_message(table, {c.split(".")[-1] for c in columns})
        if found:
            return found
    if name and name.endswith("_key"):
        return _("This value is already taken.")
    return _("This change conflicts with data saved meanwhile; reload and try again.")


def domain_error_from_integrity(error: Exception) -> "DomainError":
    return DomainError(integrity_message(error), code="conflict")
