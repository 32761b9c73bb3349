from django.contrib import admin, messages
from django.utils.translation import gettext_lazy, ngettext
from import_export.admin import ImportExportMixin

from accounts import services
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


class ImportAsUserMixin(ImportExportMixin):
    """Hands the importing user to the resource, for the audit trail."""

    def get_import_resource_kwargs(self, request, **kwargs):
        return {**super().get_import_resource_kwargs(request, **kwargs), "actor": request.user}


@admin.register(Enterprise)
class EnterpriseAdmin(ImportAsUserMixin, admin.ModelAdmin):
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

    def save_formset(self, request, form, formset, change):
        if formset.model is Delegate:
            # Read before saving: the formset knows what changed only until then.
            request.delegate_changes = _delegate_changes(formset)
        return super().save_formset(request, form, formset, change)

    def save_related(self, request, form, formsets, change):
        # After the many-to-many fields and delegates are saved, so eligibility is
        # evaluated on what was really stored.
        super().save_related(request, form, formsets, change)
        reopened = services.update_enterprise(
            enterprise=form.instance, actor=request.user, changed=list(form.changed_data),
            created=not change,
        )
        delegate_changes = getattr(request, "delegate_changes", {})
        if delegate_changes and change:
            reopened += services.update_delegates(
                enterprise=form.instance, actor=request.user, changes=delegate_changes
            )
        self._report_reopened(request, reopened)

    def _report_reopened(self, request, reopened):
        if reopened:
            self.message_user(
                request,
                ngettext("A vetted field changed: %(count)s approved registration went back "
                         "to review.",
                         "A vetted field changed: %(count)s approved registrations went back "
                         "to review.", reopened) % {"count": reopened},
                messages.WARNING,
            )


def _delegate_changes(formset) -> dict[str, list[str]]:
    changes = {}
    for form in formset.forms:
        if not form.has_changed() or not form.cleaned_data:
            continue
        name = form.cleaned_data.get("full_name") or str(form.instance)
        if form.cleaned_data.get("DELETE"):
            changes[name] = ["removed"]
        elif form.instance.pk is None:
            changes[name] = ["added"]
        else:
            changes[name] = list(form.changed_data)
    return changes


@admin.register(Delegate)
class DelegateAdmin(ImportAsUserMixin, admin.ModelAdmin):
    resource_classes = [DelegateResource]
    list_display = ["full_name", "title", "seniority", "enterprise", "email", "languages"]
    list_filter = ["seniority", "enterprise__country"]
    list_select_related = ["enterprise"]
    search_fields = ["full_name", "email", "enterprise__legal_name"]
    autocomplete_fields = ["enterprise"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        services.update_delegates(
            enterprise=obj.enterprise, actor=request.user,
            changes={obj.full_name: ["added"] if not change else list(form.changed_data)},
        )
