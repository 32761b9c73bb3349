from django.contrib import admin
from django.utils.translation import gettext_lazy

from accounts import services
from accounts.admin.base import ImportAsUserMixin, ServiceAdminMixin
from accounts.forms import delegate_rows, enterprise_values
from accounts.models import Delegate, Enterprise, Registration
from accounts.resources import DelegateResource, EnterpriseResource


class DelegateInline(admin.TabularInline):
    model = Delegate
    extra = 0
    fields = ["full_name", "title", "seniority", "email", "phone", "languages"]


class RegistrationInline(admin.TabularInline):
    model = Registration
    extra = 0
    fields = ["conference", "status", "passes_rules", "decided_at"]
    readonly_fields = fields
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Enterprise)
class EnterpriseAdmin(ServiceAdminMixin, ImportAsUserMixin, admin.ModelAdmin):
    resource_classes = [EnterpriseResource]
    list_display = ["legal_name", "name_zh", "country", "city", "role", "contract_value_usd"]
    list_filter = ["role", "country", "fields", "registrations__conference"]
    search_fields = ["legal_name", "name_zh", "offers", "needs", "delegates__full_name"]
    prepopulated_fields = {"slug": ["legal_name"]}
    filter_horizontal = ["fields"]
    inlines = [DelegateInline, RegistrationInline]
    fieldsets = [
        (None, {"fields": ["legal_name", "name_zh", "slug", "role", "fields"]}),
        (gettext_lazy("Where"), {"fields": ["country", "province", "city", "website"]}),
        (gettext_lazy("Business"), {"fields": [
            "description", "offers", "needs", "contract_value_usd", "employees"]}),
    ]

    def save_model(self, request, obj, form, change):
        """Nothing here: save_related has the delegates too and calls the one service."""

    def save_related(self, request, form, formsets, change):
        delegates = next(f for f in formsets if f.model is Delegate)
        values, rows = enterprise_values(form), delegate_rows(delegates)
        if change:
            result = services.update_enterprise(enterprise=form.instance, actor=request.user,
                                                data=values, delegates=rows)
        else:
            result = services.create_enterprise(actor=request.user, data=values,
                                                delegates=rows)
            # The admin's log entry and redirect need the new enterprise's id.
            form.instance.pk = result.enterprise.pk
        self.report_reopened(request, result)

    def get_deleted_objects(self, objs, request):
        """An enterprise with registrations (or sign-in accounts) is not deleted: the
        confirmation page lists them as what protects it."""
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        blockers = [f"{enterprise}: {blocker}" for enterprise in objs
                    for blocker in services.deletion_blockers(enterprise)]
        if blockers:
            # The reason to give, rather than "no right to delete registrations".
            return deleted, counts, set(), [*protected, *blockers]
        return deleted, counts, perms_needed, protected

    def delete_model(self, request, obj):
        services.delete_enterprise(enterprise=obj, actor=request.user)

    def delete_queryset(self, request, queryset):
        for enterprise in queryset:
            services.delete_enterprise(enterprise=enterprise, actor=request.user)


@admin.register(Delegate)
class DelegateAdmin(ServiceAdminMixin, ImportAsUserMixin, admin.ModelAdmin):
    resource_classes = [DelegateResource]
    list_display = ["full_name", "title", "seniority", "enterprise", "email", "languages"]
    list_filter = ["seniority", "enterprise__country"]
    list_select_related = ["enterprise"]
    search_fields = ["full_name", "email", "enterprise__legal_name"]
    autocomplete_fields = ["enterprise"]

    def get_readonly_fields(self, request, obj=None):
        # Moving a delegate to another enterprise is a removal and an addition.
        return ["enterprise"] if obj is not None else []

    def save_model(self, request, obj, form, change):
        data = {name: form.cleaned_data[name] for name in services.DELEGATE_FIELDS
                if name in form.cleaned_data}
        enterprise = obj.enterprise if change else form.cleaned_data["enterprise"]
        result = services.save_delegate(enterprise=enterprise, actor=request.user, data=data,
                                        delegate=obj if change else None)
        obj.pk = result.delegate.pk
        self.report_reopened(request, result)

    def delete_model(self, request, obj):
        self.report_reopened(request, services.remove_delegate(delegate=obj,
                                                               actor=request.user))

    def delete_queryset(self, request, queryset):
        for result in services.remove_delegates(delegates=list(queryset), actor=request.user):
            self.report_reopened(request, result)
