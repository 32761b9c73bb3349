from django.contrib import admin, messages
from django.contrib.contenttypes.admin import GenericTabularInline
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.decorators import method_decorator
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_countries.fields import Country

from accounts import eligibility, services
from accounts.admin import desk
from accounts.admin.base import ServiceAdminMixin
from accounts.forms import DecisionForm, RegistrationSettingsForm
from accounts.models import Evidence, Registration
from events.errors import DomainError
from events.models import AuditEntry
from matchmaking.onsite.badges import badges_pdf


class AuditInline(GenericTabularInline):
    model = AuditEntry
    ct_fk_field = "object_id"
    fields = ["created_at", "actor", "action", "reason"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = gettext_lazy("History")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class EvidenceInline(admin.TabularInline):
    model = Evidence
    extra = 0
    fields = ["description", "file", "uploaded_at"]
    readonly_fields = ["uploaded_at"]


class CountryFilter(admin.SimpleListFilter):
    """Only the countries that registered, by name (not the whole ISO list)."""

    title = gettext_lazy("country")
    parameter_name = "country"

    def lookups(self, request, model_admin):
        codes = model_admin.get_queryset(request).values_list("enterprise__country", flat=True)
        return sorted(((code, Country(code).name) for code in set(codes)), key=lambda c: c[1])

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(enterprise__country=self.value())
        return queryset


class FailedRuleFilter(admin.SimpleListFilter):
    title = gettext_lazy("failed rule")
    parameter_name = "failed_rule"

    def lookups(self, request, model_admin):
        return [(code, eligibility.label(code)) for code in eligibility.RULE_LABELS]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(failed_rule_codes__contains=f",{self.value()},")
        return queryset


class ReReviewFilter(admin.SimpleListFilter):
    """Approved registrations that went back to review because a vetted detail changed."""

    title = gettext_lazy("re-review")
    parameter_name = "rereview"

    def lookups(self, request, model_admin):
        return [("yes", gettext_lazy("Needs re-review"))]

    def queryset(self, request, queryset):
        return queryset.needing_rereview() if self.value() == "yes" else queryset


# Each decision: the service, whether a reason is required, and its verb for messages.
DECISIONS = {
    "approve": (services.approve_registration, False, gettext_lazy("Approved")),
    "override": (services.approve_registration, True, gettext_lazy("Approved with override")),
    "reject": (services.reject_registration, True, gettext_lazy("Rejected")),
    "waitlist": (services.waitlist_registration, False, gettext_lazy("Waitlisted")),
    "request_information": (services.request_information, True,
                            gettext_lazy("Information requested")),
}


MESSAGE_LABEL = gettext_lazy("Message to the applicant (what to send or correct)")


@admin.register(Registration)
class RegistrationAdmin(ServiceAdminMixin, admin.ModelAdmin):
    form = RegistrationSettingsForm
    # Narrow enough for 1366 px: who decides what reads country, company, status, failed rules.
    # (role, conference and the reviewer are filters and on the registration's page.)
    list_display = ["country_code", "enterprise", "status_label", "failed_rules", "submitted_at"]
    list_display_links = ["enterprise"]
    list_filter = [
        "conference", "status", ReReviewFilter, "passes_rules", FailedRuleFilter,
        "enterprise__role", CountryFilter, "enterprise__fields",
    ]
    list_select_related = ["enterprise", "conference", "reviewer"]
    search_fields = [
        "enterprise__legal_name", "enterprise__name_zh", "enterprise__delegates__full_name",
        "enterprise__delegates__email",
    ]
    search_help_text = gettext_lazy("Enterprise name (English or Chinese), delegate or e-mail.")
    ordering = ["-submitted_at"]
    date_hierarchy = "submitted_at"
    readonly_fields = [
        "conference", "enterprise", "status", "reopened_at", "rules_table", "reviewer",
        "decided_at", "decision_reason", "override_reason", "submitted_at",
        "submitted_by_partner", "history",
    ]
    fields = [*readonly_fields, "notes", "parallel_meetings", "max_meetings"]
    inlines = [EvidenceInline]
    change_form_template = "admin/accounts/registration/change_form.html"

    class Media:
        css = {"all": ["css/admin-desk.css"]}
    actions = ["approve_selected", "approve_with_override", "reject_selected", "waitlist_selected",
               "request_information_selected", "print_badges"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        # Registrations carry the vetting history; they are withdrawn, never deleted.
        return False

    def get_readonly_fields(self, request, obj=None):
        # Seats and the meeting cap are the organizers' call, not the reviewers'.
        if request.user.has_perm("accounts.set_meeting_limits"):
            return self.readonly_fields
        return [*self.readonly_fields, "parallel_meetings", "max_meetings"]

    def save_model(self, request, obj, form, change):
        services.update_registration_settings(registration=obj, actor=request.user,
                                              data=form.settings())

    def has_decide_permission(self, request):
        return request.user.has_perm("accounts.decide_registration")

    def has_override_permission(self, request):
        return request.user.has_perm("accounts.override_eligibility")

    @admin.display(description=gettext_lazy("needs re-review"), boolean=True,
                   ordering="reopened_at")
    def needs_rereview(self, obj):
        return obj.needs_rereview

    @admin.display(description=gettext_lazy("country"), ordering="enterprise__country")
    def country_code(self, obj):
        # The code keeps the column narrow; the name is one hover away (and in the filter).
        country = obj.enterprise.country
        return format_html('<abbr title="{}">{}</abbr>', country.name, country.code)

    @admin.display(description=gettext_lazy("status"), ordering="status")
    def status_label(self, obj):
        if obj.needs_rereview:
            return format_html("{}<br><small>{}</small>", obj.get_status_display(),
                               _("needs re-review"))
        return obj.get_status_display()

    @admin.display(description=gettext_lazy("failed rules"), ordering="passes_rules")
    def failed_rules(self, obj):
        names = [eligibility.label(r["code"]) for r in obj.failed_rules]
        if not names:
            return "—"
        return format_html_join(mark_safe("<br>"), '<span class="rule-failed">{}</span>',
                                ((name,) for name in names))

    @admin.display(description=gettext_lazy("history"))
    def history(self, obj):
        return desk.history_table(obj)

    def get_urls(self):
        decide = self.admin_site.admin_view(self.decide_view)
        return [path("<int:object_id>/decide/<str:decision>/", decide,
                     name="accounts_registration_decide"), *super().get_urls()]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        registration = self.get_object(request, object_id)
        buttons = (desk.decision_buttons(self, request, registration, DECISIONS)
                   if registration else [])
        return super().change_view(request, object_id, form_url,
                                   {**(extra_context or {}), "decision_buttons": buttons})

    @method_decorator(require_POST)
    def decide_view(self, request, object_id, decision):
        """A button on the registration's page: the list action's path for one row."""
        if decision not in DECISIONS:
            raise Http404
        registration = get_object_or_404(Registration, pk=object_id)
        buttons = desk.decision_buttons(self, request, registration, DECISIONS)
        if decision not in {button["decision"] for button in buttons}:
            raise PermissionDenied
        response = self._decide(request, Registration.objects.filter(pk=registration.pk),
                                decision)
        return response or redirect("admin:accounts_registration_change", registration.pk)

    @admin.display(description=gettext_lazy("country"), ordering="enterprise__country")
    def country(self, obj):
        return obj.enterprise.country.name

    @admin.display(description=gettext_lazy("role"), ordering="enterprise__role")
    def role(self, obj):
        return obj.enterprise.get_role_display()

    @admin.display(description=gettext_lazy("eligibility"))
    def rules_table(self, obj):
        rows = format_html_join(
            "",
            '<tr><td>{}</td><td class="rule-{}">{}</td><td>{}</td></tr>',
            (
                (eligibility.label(r["code"]), _rule_state(r), _rule_state_label(r),
                 eligibility.describe(r))
                for r in obj.rule_results
            ),
        )
        return format_html("<table><tbody>{}</tbody></table>", rows)

    @admin.action(description=gettext_lazy("Approve selected registrations"),
                  permissions=["decide"])
    def approve_selected(self, request, queryset):
        return self._decide(request, queryset, "approve")

    @admin.action(description=gettext_lazy("Approve despite failed rules (override reason)"),
                  permissions=["override"])
    def approve_with_override(self, request, queryset):
        return self._decide(request, queryset, "override")

    @admin.action(description=gettext_lazy("Reject selected registrations (reason)"),
                  permissions=["decide"])
    def reject_selected(self, request, queryset):
        return self._decide(request, queryset, "reject")

    @admin.action(description=gettext_lazy("Waitlist selected registrations"),
                  permissions=["decide"])
    def waitlist_selected(self, request, queryset):
        return self._decide(request, queryset, "waitlist")

    @admin.action(description=gettext_lazy("Request information from the applicants (message)"),
                  permissions=["decide"])
    def request_information_selected(self, request, queryset):
        return self._decide(request, queryset, "request_information")

    def has_on_site_permission(self, request):
        return request.user.has_perm("onsite.work_on_site")

    @admin.action(description=gettext_lazy("Print badges of the selected registrations (PDF)"),
                  permissions=["on_site"])
    def print_badges(self, request, queryset):
        body = badges_pdf(registrations=queryset, absolute=request.build_absolute_uri,
                          language=get_language())
        response = HttpResponse(body, content_type="application/pdf")
        response["Content-Disposition"] = 'attachment; filename="badges.pdf"'
        return response

    def _decide(self, request, queryset, decision):
        service, reason_required, verb = DECISIONS[decision]
        label = MESSAGE_LABEL if decision == "request_information" else None
        form = DecisionForm(reason_required=reason_required, label=label)
        if decision == "approve":
            reason = ""
        elif "apply" in request.POST:
            form = DecisionForm(request.POST, reason_required=reason_required, label=label)
            if not form.is_valid():
                return self._decision_page(request, queryset, decision, form)
            reason = form.cleaned_data["reason"]
        else:
            return self._decision_page(request, queryset, decision, form)
        self._apply(request, queryset, decision, service, reason, verb)
        return None

    def _apply(self, request, queryset, decision, service, reason, verb):
        done, refused = [], []
        for registration in queryset.select_related("enterprise", "conference"):
            try:
                service(registration=registration, actor=request.user, **_reason_kwarg(
                    decision, reason))
                done.append(str(registration.enterprise))
            except DomainError as error:
                refused.append(error.message)
        if done:
            self.message_user(request, _("%(verb)s: %(names)s.") % {
                "verb": verb, "names": ", ".join(done)}, messages.SUCCESS)
        for message in refused:
            self.message_user(request, message, messages.ERROR)

    def _decision_page(self, request, queryset, decision, form):
        context = {
            **self.admin_site.each_context(request),
            "title": DECISIONS[decision][2],
            "registrations": queryset.select_related("enterprise"),
            "form": form,
            "action": request.POST.get("action"),
            "opts": self.model._meta,
            "select_across": request.POST.get("select_across", "0"),
        }
        return TemplateResponse(request, "admin/accounts/registration/decision.html", context)


def _reason_kwarg(decision: str, reason: str) -> dict:
    if decision == "override":
        return {"override_reason": reason}
    if decision == "approve":
        return {}
    if decision == "request_information":
        return {"message": reason}
    return {"reason": reason}


def _rule_state(result: dict) -> str:
    if not result.get("applies", True):
        return "na"
    return "passed" if result["passed"] else "failed"


def _rule_state_label(result: dict) -> str:
    return {"na": _("not applicable"), "passed": _("passed"), "failed": _("failed")}[
        _rule_state(result)
    ]
