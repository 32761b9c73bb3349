"""Admin of what is matched. Each module registers its own admins."""

from matchmaking.admin import integrations, meetings, schedule  # noqa: F401 (registers them)
