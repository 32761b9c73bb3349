"""Admin of the outbox (organizers only: reviewers have no permission on this app)."""

from matchmaking.outbox.admin import bulk, outbox, wording  # noqa: F401 (each registers its admin)
