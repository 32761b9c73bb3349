from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OnboardingConfig(AppConfig):
    name = "matchmaking.onboarding"
    label = "onboarding"
    verbose_name = _("Onboarding")

    def ready(self):
        # Beat names the clean-up task; workers and beat must know it without a request.
        from matchmaking.onboarding import tasks  # noqa: F401
