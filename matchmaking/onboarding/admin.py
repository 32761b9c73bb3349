"""Invitations in the admin, and the "invite" action on enterprises, delegates and
registrations (the accounts admins, extended here so accounts need not know onboarding)."""

from django.contrib import admin, messages
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from accounts.admin.enterprise import DelegateAdmin, EnterpriseAdmin
from accounts.admin.registration import RegistrationAdmin
from accounts.models import Delegate, Enterprise, Registration
from events.errors import DomainError
from matchmaking.onboarding import services
from matchmaking.onboarding.admin_applications import DuplicateFilter, application_details
from matchmaking.onboarding.models import Application, Invitation, InvitationStatus


class CurrentStatusFilter(admin.SimpleListFilter):
    """By status as it stands now: an open invitation past its date counts as expired."""

    title = gettext_lazy("status")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return InvitationStatus.choices

    def queryset(self, request, queryset):
        from django.utils import timezone

        value, now = self.value(), timezone.now()
        if value == InvitationStatus.INVITED:
            return queryset.filter(status=value, expires_at__gt=now)
        if value == InvitationStatus.EXPIRED:
            return queryset.filter(status__in=[value, InvitationStatus.INVITED],
                                   expires_at__lte=now)
        return queryset.filter(status=value) if value else queryset


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "full_name", "enterprise", "conference", "language", "state",
                    "sent_at", "sent_count", "expires_at", "accepted_at"]
    list_filter = [CurrentStatusFilter, "conference", "language"]
    list_select_related = ["enterprise", "conference"]
    search_fields = ["email", "full_name", "enterprise__legal_name", "enterprise__name_zh"]
    date_hierarchy = "sent_at"
    readonly_fields = ["enterprise", "delegate", "conference", "email", "full_name", "language",
                       "state", "created_at", "sent_at", "sent_count", "expires_at",
                       "accepted_at", "user", "invited_by"]
    fields = readonly_fields
    actions = ["resend", "revoke"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=gettext_lazy("status"), ordering="status")
    def state(self, obj):
        return obj.get_current_status_display()

    def has_invite_permission(self, request):
        return request.user.has_perm("onboarding.add_invitation")

    @admin.action(description=gettext_lazy("Resend the selected invitations (new link)"),
                  permissions=["invite"])
    def resend(self, request, queryset):
        _each(self, request, queryset, services.resend_invitation,
              gettext_lazy("Invitations resent: %(count)s."))

    @admin.action(description=gettext_lazy("Revoke the selected invitations"),
                  permissions=["invite"])
    def revoke(self, request, queryset):
        _each(self, request, queryset, services.revoke_invitation,
              gettext_lazy("Invitations revoked: %(count)s."))


def _each(model_admin, request, queryset, service, done_message):
    done = 0
    for invitation in queryset:
        try:
            service(invitation=invitation, actor=request.user)
            done += 1
        except DomainError as error:
            model_admin.message_user(request, error.message, messages.ERROR)
    if done:
        model_admin.message_user(request, done_message % {"count": done}, messages.SUCCESS)


class InviteActionMixin:
    """The action inviting the delegates (of the selected rows) who have no account.
    Each admin lists it after its base's actions (those of other apps included, such as
    the privacy app's anonymise actions, added before this module is imported)."""

    def delegates_of(self, queryset):
        raise NotImplementedError

    def has_invite_permission(self, request):
        return request.user.has_perm("onboarding.add_invitation")

    @admin.action(description=gettext_lazy("Invite delegates without an account"),
                  permissions=["invite"])
    def invite_delegates(self, request, queryset):
        invited = services.invite_delegates(delegates=self.delegates_of(queryset),
                                            actor=request.user, **self.invite_kwargs(queryset))
        self.message_user(request, ngettext(
            "%(count)s invitation sent.", "%(count)s invitations sent.", len(invited))
            % {"count": len(invited)}, messages.SUCCESS if invited else messages.WARNING)
        if not invited:
            self.message_user(request, _("Every delegate selected already has an account or "
                                         "an open invitation."), messages.INFO)

    def invite_kwargs(self, queryset) -> dict:
        return {}


class OnboardingEnterpriseAdmin(InviteActionMixin, EnterpriseAdmin):
    actions = [*(EnterpriseAdmin.actions or []), "invite_delegates"]
    # Shown, not edited: a read-only field keeps the enterprise form's inlines as they were.
    readonly_fields = ["invitation_list"]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:
            return fieldsets
        return [*fieldsets, (gettext_lazy("Invitations"), {"fields": ["invitation_list"]})]

    @admin.display(description=gettext_lazy("invitations"))
    def invitation_list(self, obj):
        rows = format_html_join("", "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>", (
            (i.email, i.get_current_status_display(), i.language,
             date_format(i.expires_at, "SHORT_DATE_FORMAT")) for i in obj.invitations.all()))
        return format_html("<table><tbody>{}</tbody></table>", rows) if rows else _("none")

    def delegates_of(self, queryset):
        return Delegate.objects.filter(enterprise__in=queryset)


class OnboardingDelegateAdmin(InviteActionMixin, DelegateAdmin):
    actions = [*(DelegateAdmin.actions or []), "invite_delegates"]
    def delegates_of(self, queryset):
        return queryset


class OnboardingRegistrationAdmin(InviteActionMixin, RegistrationAdmin):
    actions = [*RegistrationAdmin.actions, "invite_delegates"]
    list_filter = [*RegistrationAdmin.list_filter, DuplicateFilter]
    readonly_fields = [*RegistrationAdmin.readonly_fields, "public_application"]
    fields = [*RegistrationAdmin.fields, "public_application"]

    @admin.display(description=gettext_lazy("public application"))
    def public_application(self, obj):
        return application_details(obj)

    def delegates_of(self, queryset):
        return Delegate.objects.filter(enterprise__registrations__in=queryset).distinct()

    def invite_kwargs(self, queryset) -> dict:
        conferences = {r.conference for r in queryset.select_related("conference")}
        return {"conference": conferences.pop()} if len(conferences) == 1 else {}


for model, model_admin in ((Enterprise, OnboardingEnterpriseAdmin),
                           (Delegate, OnboardingDelegateAdmin),
                           (Registration, OnboardingRegistrationAdmin)):
    admin.site.unregister(model)
    admin.site.register(model, model_admin)


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    """Public applications, confirmed or still waiting for the e-mail confirmation."""

    list_display = ["legal_name", "conference", "email", "language", "created_at",
                    "confirmed_at", "registration"]
    list_filter = ["conference", ("confirmed_at", admin.EmptyFieldListFilter), "language"]
    search_fields = ["legal_name", "email", "contact_name"]
    readonly_fields = ["conference", "legal_name", "contact_name", "email", "language", "data",
                       "rule_results", "duplicates", "evidence", "evidence_description",
                       "privacy_notice_version", "consented_at", "created_at", "confirmed_at",
                       "registration"]
    fields = readonly_fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
