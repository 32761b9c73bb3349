"""The conference admin, with the matchmaking actions an organizer starts from it."""

from django.contrib import admin, messages
from django.db import transaction
from django.utils.translation import gettext_lazy, ngettext

from events.admin import ConferenceAdmin as BaseConferenceAdmin
from events.models import Conference
from matchmaking.tasks.recommendations import compute_recommendations_task

admin.site.unregister(Conference)


@admin.register(Conference)
class ConferenceAdmin(BaseConferenceAdmin):
    actions = ["compute_recommendations"]

    @admin.action(description=gettext_lazy("Compute recommended partners"),
                  permissions=["change"])
    def compute_recommendations(self, request, queryset):
        for conference in queryset:
            transaction.on_commit(
                lambda pk=conference.pk: compute_recommendations_task.delay(pk))
        self.message_user(
            request,
            ngettext("Recommendations are being computed for %(count)s conference; meeting "
                     "weights follow them at the next schedule run.",
                     "Recommendations are being computed for %(count)s conferences; meeting "
                     "weights follow them at the next schedule run.",
                     queryset.count()) % {"count": queryset.count()},
            messages.SUCCESS,
        )
