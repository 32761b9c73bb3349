"""Admin of what is matched. Each module registers its own admins."""

from matchmaking.admin import (  # noqa: F401 (each registers its admins)
    beat,
    conference,
    integrations,
    meetings,
    schedule,
    site,
)
