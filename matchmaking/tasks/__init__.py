"""Celery tasks; `autodiscover_tasks` imports this package, so each module is imported here."""

from matchmaking.tasks import maintenance, recommendations, scheduling, webhooks  # noqa: F401 (registers the tasks)
