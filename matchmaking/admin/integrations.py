"""Webhook subscriptions, events and deliveries, with a "redeliver" action."""

from django.contrib import admin, messages
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from matchmaking.models import WebhookDelivery, WebhookEvent, WebhookSubscription
from matchmaking.tasks.webhooks import redeliver


@admin.register(WebhookSubscription)
class WebhookSubscriptionAdmin(admin.ModelAdmin):
    list_display = ["partner", "url", "events", "is_active", "created_at"]
    list_filter = ["is_active", "partner"]
    search_fields = ["url", "partner__name"]
    list_select_related = ["partner"]


class DeliveryInline(admin.TabularInline):
    model = WebhookDelivery
    fields = ["subscription", "status", "attempts", "last_status_code", "last_error",
              "delivered_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(WebhookEvent)
class WebhookEventAdmin(admin.ModelAdmin):
    list_display = ["type", "conference", "created_at", "id"]
    list_filter = ["type", "conference"]
    readonly_fields = ["id", "conference", "type", "payload", "created_at"]
    inlines = [DeliveryInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    list_display = ["event", "subscription", "status", "attempts", "last_status_code",
                    "short_error", "next_attempt_at", "delivered_at"]
    list_filter = ["status", "event__type", "subscription__partner"]
    list_select_related = ["event", "subscription"]
    readonly_fields = ["subscription", "event", "status", "attempts", "last_status_code",
                       "last_error", "next_attempt_at", "delivered_at"]
    actions = ["redeliver_selected"]

    def has_add_permission(self, request):
        return False

    @admin.display(description=gettext_lazy("last error"))
    def short_error(self, obj):
        return obj.last_error[:80]

    @admin.action(description=gettext_lazy("Redeliver the selected deliveries"),
                  permissions=["change"])
    def redeliver_selected(self, request, queryset):
        count = redeliver(deliveries=list(queryset), actor=request.user)
        self.message_user(request, _("%(count)s deliveries queued again.") % {"count": count},
                          messages.SUCCESS)
