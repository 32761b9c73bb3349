"""Check-ins and attendance are written on site (desk, grid), never typed in the admin."""

from django.contrib import admin

from matchmaking.onsite.models import Attendance, CheckIn


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(CheckIn)
class CheckInAdmin(ReadOnlyAdmin):
    list_display = ["delegate", "enterprise", "conference", "checked_in_at", "checked_in_by"]
    list_filter = ["conference"]
    list_select_related = ["delegate__enterprise", "conference", "checked_in_by"]
    search_fields = ["delegate__full_name", "delegate__enterprise__legal_name"]
    date_hierarchy = "checked_in_at"

    @admin.display(ordering="delegate__enterprise__legal_name")
    def enterprise(self, obj):
        return obj.delegate.enterprise


@admin.register(Attendance)
class AttendanceAdmin(ReadOnlyAdmin):
    list_display = ["meeting", "status", "absent", "marked_by", "marked_at"]
    list_filter = ["status", "meeting__conference"]
    list_select_related = ["meeting__request__sender", "meeting__request__recipient",
                           "meeting__slot", "absent", "marked_by"]
