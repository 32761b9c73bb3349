"""Partners and their API keys. A key's secret is shown once, when it is issued."""

from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import keys
from accounts.models import ApiKey, Partner
from events.errors import DomainError


class ApiKeyInline(admin.TabularInline):
    model = ApiKey
    fields = ["name", "prefix", "scope", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    list_display = ["name", "contact_email", "is_organizer", "created_at"]
    list_filter = ["is_organizer", "conferences"]
    search_fields = ["name", "contact_email"]
    filter_horizontal = ["conferences"]
    inlines = [ApiKeyInline]


class ApiKeyForm(forms.ModelForm):
    class Meta:
        model = ApiKey
        fields = ["name", "partner", "user", "scope", "conferences"]

    def clean(self):
        data = super().clean()
        if bool(data.get("partner")) == bool(data.get("user")):
            raise forms.ValidationError(_("Choose a partner or a company user, not both."))
        user = data.get("user")
        if user is not None and user.enterprise_id is None:
            self.add_error("user", _("Personal keys are for company users only."))
        return data


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin):
    form = ApiKeyForm
    list_display = ["name", "prefix", "owner", "scope", "created_at", "last_used_at",
                    "revoked_at"]
    list_filter = ["scope", ("revoked_at", admin.EmptyFieldListFilter), "partner"]
    list_select_related = ["partner", "user"]
    search_fields = ["name", "prefix", "partner__name", "user__email"]
    autocomplete_fields = ["user"]
    filter_horizontal = ["conferences"]
    actions = ["revoke"]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        return ["name", "partner", "user", "prefix", "scope", "created_at", "last_used_at",
                "revoked_at"]

    def get_fields(self, request, obj=None):
        fields = ["name", "partner", "user", "scope", "conferences"]
        return fields if obj is None else [*fields, "prefix", "created_at", "last_used_at",
                                           "revoked_at"]

    @admin.display(description=gettext_lazy("owner"))
    def owner(self, obj):
        return obj.partner or obj.user

    def save_model(self, request, obj, form, change):
        if change:
            obj.save()
            return
        try:
            key, raw = keys.create_api_key(
                name=obj.name, scope=obj.scope, partner=obj.partner, user=obj.user,
                conferences=list(form.cleaned_data["conferences"]), actor=request.user)
        except DomainError as error:
            self.message_user(request, error.message, messages.ERROR)
            raise
        obj.pk = key.pk
        self.message_user(request, _("Copy the key now, it is not shown again: %(key)s")
                          % {"key": raw}, messages.WARNING)

    def save_related(self, request, form, formsets, change):
        # The service already set the conferences of a new key.
        if change:
            super().save_related(request, form, formsets, change)

    @admin.action(description=gettext_lazy("Revoke the selected keys"),
                  permissions=["change"])
    def revoke(self, request, queryset):
        for key in queryset:
            keys.revoke_api_key(key=key, actor=request.user)
        self.message_user(request, _("%(count)s keys revoked.") % {"count": queryset.count()},
                          messages.SUCCESS)
