"""What the public application adds to a registration's admin page: the applicant, the
consent, the likely duplicates for the reviewer, and a filter on those."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from matchmaking.onboarding.models import Application

REASONS = {"legal name": gettext_lazy("same legal name"),
           "website": gettext_lazy("same website"), "e-mail": gettext_lazy("same e-mail")}


class DuplicateFilter(admin.SimpleListFilter):
    title = gettext_lazy("likely duplicate")
    parameter_name = "duplicate"

    def lookups(self, request, model_admin):
        return [("yes", gettext_lazy("Likely duplicate"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(application__isnull=False).exclude(
                application__duplicates=[])
        return queryset


class ApplicationInline(admin.StackedInline):
    model = Application
    fk_name = "registration"
    extra = 0
    can_delete = False
    verbose_name_plural = gettext_lazy("Public application")
    fields = ["contact_name", "email", "language", "created_at", "confirmed_at",
              "duplicate_list", "privacy_notice_version", "consented_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=gettext_lazy("likely duplicates"))
    def duplicate_list(self, obj):
        if not obj.duplicates:
            return _("none found")
        rows = format_html_join("", '<li><a href="{}">{}</a>: {}</li>', (
            (reverse("admin:accounts_enterprise_change", args=[entry["enterprise"]]),
             entry["name"], ", ".join(str(REASONS.get(r, r)) for r in entry["reasons"]))
            for entry in obj.duplicates))
        return format_html('<ul class="duplicates">{}</ul>', rows)
