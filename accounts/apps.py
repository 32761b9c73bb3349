from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Enterprises and vetting")

    def ready(self):
        from accounts import lockout, roles, tasks  # noqa: F401 (registers the beat's task)

        roles.connect()
        lockout.connect()
