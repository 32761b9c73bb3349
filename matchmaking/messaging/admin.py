"""Moderation: organizers read every thread; nobody changes or deletes a message here."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from matchmaking.messaging.models import Message, Thread


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class MessageInline(admin.TabularInline):
    model = Message
    fields = ["created_at", "sender", "author", "partner", "body"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    ordering = ["created_at", "id"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("sender", "author", "partner")


@admin.register(Thread)
class ThreadAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "conference", "message_count", "last_message_at"]
    list_filter = ["conference"]
    search_fields = ["low__legal_name", "high__legal_name", "low__name_zh", "high__name_zh"]
    list_select_related = ["low", "high", "conference"]
    inlines = [MessageInline]
    actions = None

    def get_queryset(self, request):
        from django.db.models import Count

        return super().get_queryset(request).annotate(n=Count("messages"))

    @admin.display(description=_("messages"), ordering="n")
    def message_count(self, thread):
        return thread.n


@admin.register(Message)
class MessageAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "sender", "thread", "short_body"]
    list_filter = ["thread__conference", "created_at"]
    search_fields = ["body", "sender__legal_name"]
    list_select_related = ["sender", "thread__low", "thread__high"]
    readonly_fields = ["thread", "sender", "author", "partner", "body", "created_at"]
    actions = None

    @admin.display(description=_("message"))
    def short_body(self, message):
        return message.body[:80]
