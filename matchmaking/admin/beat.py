"""Celery beat's periodic tasks: switching or running one is an organizer's right.

django-celery-beat offers its task actions to anyone who may see the list, reviewers
included; here they need the right to change periodic tasks.
"""

from django.contrib import admin
from django_celery_beat.admin import PeriodicTaskAdmin as BasePeriodicTaskAdmin
from django_celery_beat.models import PeriodicTask

TASK_ACTIONS = ("enable_tasks", "disable_tasks", "toggle_tasks", "run_tasks")

admin.site.unregister(PeriodicTask)


@admin.register(PeriodicTask)
class PeriodicTaskAdmin(BasePeriodicTaskAdmin):
    def get_actions(self, request):
        actions = super().get_actions(request)
        if not self.has_change_permission(request):
            for name in TASK_ACTIONS:
                actions.pop(name, None)
        return actions
