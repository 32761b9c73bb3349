from django.contrib import admin, messages
from django.utils.translation import gettext_lazy, ngettext

from events import services
from events.errors import DomainError
from events.models import (
    AuditEntry,
    Conference,
    ConferenceDay,
    IndustryField,
    SessionPlan,
    Table,
    TimeSlot,
)


@admin.register(Conference)
class ConferenceAdmin(admin.ModelAdmin):
    list_display = ["edition", "name", "host_city", "host_country", "start_date", "status"]
    list_filter = ["status", "host_country"]
    search_fields = ["name", "name_zh", "host_city"]
    prepopulated_fields = {"slug": ["name"]}
    # The status moves only through the life cycle's steps (buttons on the change page).
    readonly_fields = ["status"]


@admin.register(IndustryField)
class IndustryFieldAdmin(admin.ModelAdmin):
    list_display = ["name", "name_zh", "slug"]
    search_fields = ["name", "name_zh"]
    prepopulated_fields = {"slug": ["name"]}


class SessionPlanInline(admin.TabularInline):
    model = SessionPlan
    extra = 0


@admin.register(ConferenceDay)
class ConferenceDayAdmin(admin.ModelAdmin):
    list_display = ["date", "conference"]
    list_filter = ["conference"]
    inlines = [SessionPlanInline]
    actions = ["generate_slots"]

    @admin.action(description=gettext_lazy("Generate time slots from the session plans"),
                  permissions=["change"])
    def generate_slots(self, request, queryset):
        plans = SessionPlan.objects.filter(day__in=queryset).select_related("day__conference")
        generate_from_plans(self, request, plans)


@admin.register(SessionPlan)
class SessionPlanAdmin(admin.ModelAdmin):
    list_display = ["day", "name", "start_time", "end_time", "slot_minutes", "break_minutes"]
    list_filter = ["day__conference"]
    actions = ["generate_slots"]

    @admin.action(description=gettext_lazy("Generate time slots"), permissions=["change"])
    def generate_slots(self, request, queryset):
        generate_from_plans(self, request, queryset.select_related("day__conference"))


def generate_from_plans(model_admin, request, plans) -> None:
    total = 0
    for plan in plans:
        try:
            total += len(services.generate_slots(plan=plan, actor=request.user))
        except DomainError as error:
            model_admin.message_user(request, f"{plan}: {error.message}", messages.ERROR)
    model_admin.message_user(
        request, ngettext("%(count)s time slot is in place.", "%(count)s time slots are in place.",
                          total) % {"count": total}, messages.SUCCESS
    )


@admin.register(TimeSlot)
class TimeSlotAdmin(admin.ModelAdmin):
    list_display = ["__str__", "end", "session", "conference"]
    list_filter = ["conference"]
    list_select_related = ["conference", "session__day"]


@admin.register(Table)
class TableAdmin(admin.ModelAdmin):
    list_display = ["number", "name", "seats", "is_active", "conference"]
    list_filter = ["conference", "is_active"]
    list_editable = ["name", "seats", "is_active"]

    def get_readonly_fields(self, request, obj=None):
        return ["conference"] if obj is not None else []

    def save_model(self, request, obj, form, change):
        # The list's editable columns come here too, one row at a time.
        data = {name: form.cleaned_data[name] for name in services.TABLE_FIELDS
                if name in form.cleaned_data}
        saved = services.save_table(conference=form.cleaned_data.get("conference", obj.conference),
                                    table=obj if change else None, data=data,
                                    actor=request.user)
        obj.pk = saved.pk


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "actor", "action", "target_link", "reason"]
    list_filter = ["action", "content_type"]
    search_fields = ["action", "reason", "actor__email", "object_id"]
    list_select_related = ["actor", "content_type"]
    date_hierarchy = "created_at"

    @admin.display(description=gettext_lazy("object"))
    def target_link(self, obj):
        return f"{obj.content_type.name} #{obj.object_id}"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
