from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisplayConfig(AppConfig):
    name = "matchmaking.display"
    label = "display"
    verbose_name = _("Display")
