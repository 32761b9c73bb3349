from django.contrib import admin, messages
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from events.errors import DomainError
from matchmaking.models import Meeting, MeetingOutcome, MeetingRequest
from matchmaking.services.booking import cancel_meeting
from matchmaking.services.meetings import set_meetings_locked


class NoDeleteMixin:
    """Requests, meetings and outcomes change only through their services (cancel,
    decline, withdraw), which tell both sides and keep the history; a raw delete would not."""

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(MeetingRequest)
class MeetingRequestAdmin(NoDeleteMixin, admin.ModelAdmin):
    list_display = ["sender", "recipient", "purpose", "status", "weight", "created_at",
                    "expires_at"]
    list_filter = ["conference", "status", "purpose"]
    list_select_related = ["sender", "recipient"]
    search_fields = ["sender__legal_name", "recipient__legal_name", "message"]
    readonly_fields = [f.name for f in MeetingRequest._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(Meeting)
class MeetingAdmin(NoDeleteMixin, admin.ModelAdmin):
    list_display = ["request", "slot", "table", "status", "source", "locked"]
    list_filter = ["conference", "status", "cancelled_by", "source", "locked"]
    list_select_related = ["request__sender", "request__recipient", "slot__conference", "table"]
    search_fields = ["request__sender__legal_name", "request__recipient__legal_name"]
    readonly_fields = [f.name for f in Meeting._meta.fields]
    actions = ["release", "lock", "cancel"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=gettext_lazy("Release: a repair run may move them"),
                  permissions=["change"])
    def release(self, request, queryset):
        count = set_meetings_locked(meetings=queryset, locked=False, actor=request.user)
        self.message_user(request, ngettext("%(count)s meeting released.",
                                            "%(count)s meetings released.", count)
                          % {"count": count})

    @admin.action(description=gettext_lazy("Keep in place"), permissions=["change"])
    def lock(self, request, queryset):
        count = set_meetings_locked(meetings=queryset, locked=True, actor=request.user)
        self.message_user(request, ngettext("%(count)s meeting kept in place.",
                                   "%(count)s meetings kept in place.", count) % {"count": count})

    @admin.action(description=gettext_lazy("Cancel the selected meetings"),
                  permissions=["change"])
    def cancel(self, request, queryset):
        for meeting in queryset:
            try:
                cancel_meeting(meeting=meeting, enterprise=None, actor=request.user,
                               reason=_("Cancelled by the organizers."))
            except DomainError as error:
                self.message_user(request, f"{meeting}: {error.message}", messages.ERROR)


@admin.register(MeetingOutcome)
class MeetingOutcomeAdmin(NoDeleteMixin, admin.ModelAdmin):
    """Read-only: the companies report outcomes (portal, API) and organizers confirm values
    on the results pages. Each side's answer is for the organizers' eyes only, so reviewers
    do not see this list."""

    list_display = ["meeting", "enterprise", "result", "intended_investment_usd", "field",
                    "stage"]
    list_filter = ["meeting__conference", "result", "stage"]
    list_select_related = ["meeting__request__sender", "meeting__request__recipient",
                           "meeting__slot__conference", "enterprise", "field"]

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("results.view_conferenceresults")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
