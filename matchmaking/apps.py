from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchmakingConfig(AppConfig):
    name = "matchmaking"
    verbose_name = _("Matchmaking")

    def ready(self):
        # Load the Celery app with Django so `shared_task` binds to it. It is
        # not imported from the package's __init__, which keeps the scheduling
        # engine (matchmaking.scheduling) importable without Django.
        from matchmaking import receivers
        from matchmaking.celery import app  # noqa: F401 (imported for its side effect)

        receivers.connect()
