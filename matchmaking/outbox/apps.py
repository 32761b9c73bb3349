from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutboxConfig(AppConfig):
    name = "matchmaking.outbox"
    label = "outbox"
    verbose_name = _("E-mail")

    def ready(self):
        from matchmaking.outbox import kinds, receivers  # noqa: F401 (kinds register themselves)

        receivers.connect()
