"""Organizers' doors to personal data: consents and erasure requests, and the actions that
anonymise a person or a withdrawn enterprise (each through its service, one audit entry
per person or enterprise)."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy, ngettext

from accounts.admin.enterprise import DelegateAdmin, EnterpriseAdmin
from events.errors import DomainError
from matchmaking.privacy import services
from matchmaking.privacy.models import Consent, ErasureRequest


def _each(modeladmin, request, queryset, anonymise) -> None:
    done = 0
    for obj in queryset:
        try:
            anonymise(obj)
        except DomainError as error:
            modeladmin.message_user(request, error.message, messages.ERROR)
        else:
            done += 1
    if done:
        modeladmin.message_user(request, ngettext("%(count)d anonymised.",
                                                  "%(count)d anonymised.", done)
                                % {"count": done}, messages.SUCCESS)


@admin.action(description=gettext_lazy("Anonymise the selected withdrawn enterprises"),
              permissions=["change"])
def anonymise_enterprises(modeladmin, request, queryset):
    _each(modeladmin, request, queryset,
          lambda e: services.anonymise_enterprise(enterprise=e, actor=request.user))


@admin.action(description=gettext_lazy("Anonymise the selected delegates"),
              permissions=["change"])
def anonymise_delegates(modeladmin, request, queryset):
    _each(modeladmin, request, queryset,
          lambda d: services.anonymise_delegate(delegate=d, actor=request.user))


@admin.action(description=gettext_lazy("Anonymise the people who asked"),
              permissions=["change"])
def anonymise_requesters(modeladmin, request, queryset):
    _each(modeladmin, request, queryset.filter(user__isnull=False),
          lambda r: services.anonymise_user(user=r.user, actor=request.user))


# The enterprise and delegate lists are where organizers find the people.
EnterpriseAdmin.actions = [*(EnterpriseAdmin.actions or []), anonymise_enterprises]
DelegateAdmin.actions = [*(DelegateAdmin.actions or []), anonymise_delegates]


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        # The action needs "change"; the form stays read-only (see get_readonly_fields).
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields]


@admin.register(ErasureRequest)
class ErasureRequestAdmin(ReadOnly):
    list_display = ["requested_at", "user", "enterprise", "status", "done_at"]
    list_filter = ["status"]
    list_select_related = ["user", "enterprise"]
    actions = [anonymise_requesters]


@admin.register(Consent)
class ConsentAdmin(ReadOnly):
    list_display = ["given_at", "user", "version"]
    list_filter = ["version"]
    search_fields = ["user__email"]
    list_select_related = ["user"]
    actions = None

    def has_change_permission(self, request, obj=None):
        return False
