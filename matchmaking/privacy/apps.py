from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "matchmaking.privacy"
    label = "privacy"
    verbose_name = _("Personal data")

    def ready(self):
        # Beat names the retention task; workers and beat must know it without a request.
        from matchmaking.privacy import tasks  # noqa: F401
