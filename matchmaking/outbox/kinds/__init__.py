"""Every e-mail kind; importing this package registers them in the catalogue."""

from matchmaking.outbox.kinds import (  # noqa: F401 (each module registers its kinds)
    applications,
    meetings,
    messages,
    registration,
    schedule,
    written,
)
