"""The e-mails we send: each kind has a name (its templates are
`outbox/email/<name>.subject.txt`, `.txt` and `.html`), the variables its templates may use,
and a function that turns a row's context (ids and plain values) into those variables at
send time, in the reader's language. The kinds register themselves from
`matchmaking.outbox.kinds`."""

from collections.abc import Callable
from dataclasses import dataclass

from events.models import Conference

Build = Callable[[dict, Conference | None], dict]
Attach = Callable[[dict, Conference | None], list[tuple[str, bytes, str]]]
# Variables every e-mail has (see values.common).
COMMON_VARIABLES = ("conference", "recipient_name", "site_url", "portal_url")


@dataclass(frozen=True)
class EmailKind:
    name: str
    label: object  # a lazy translation
    variables: tuple[str, ...]
    build: Build
    attach: Attach | None = None
    # Organizers may reword it per conference (those sent for a conference).
    overridable: bool = True

    @property
    def all_variables(self) -> tuple[str, ...]:
        return COMMON_VARIABLES + self.variables


KINDS: dict[str, EmailKind] = {}


def email_kind(name: str, label, variables=(), *, attach: Attach | None = None,
               overridable: bool = True):
    """Register the decorated build function as the e-mail `name`."""
    def register(build: Build) -> Build:
        KINDS[name] = EmailKind(name, label, tuple(variables), build, attach, overridable)
        return build
    return register


def get(name: str) -> EmailKind:
    return KINDS[name]


def choices(*, overridable_only: bool = False) -> list[tuple[str, str]]:
    return sorted(((k.name, str(k.label)) for k in KINDS.values()
                   if k.overridable or not overridable_only), key=lambda c: c[1])
