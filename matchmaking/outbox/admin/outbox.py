"""The outbox: what was sent to whom, a preview as the recipient sees it, resend, retry."""

from django.contrib import admin, messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.decorators import method_decorator
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.clickjacking import xframe_options_sameorigin

from events.errors import DomainError
from matchmaking.outbox import catalogue
from matchmaking.outbox.models import OutgoingEmail
from matchmaking.outbox.render import render_email
from matchmaking.outbox.services import resend_email, retry_email

# The preview frame shows the e-mail's own HTML: no scripts, no requests elsewhere.
PREVIEW_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


class TemplateFilter(admin.SimpleListFilter):
    title = gettext_lazy("e-mail")
    parameter_name = "template"

    def lookups(self, request, model_admin):
        return catalogue.choices()

    def queryset(self, request, queryset):
        return queryset.filter(template=self.value()) if self.value() else queryset


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(admin.ModelAdmin):
    list_display = ["created_at", "recipient", "kind", "language", "conference", "status",
                    "attempts", "sent_at"]
    list_filter = ["status", TemplateFilter, "conference", "language", "created_at"]
    search_fields = ["recipient", "recipient_name"]
    list_select_related = ["conference"]
    readonly_fields = ["recipient", "recipient_name", "language", "template", "conference",
                       "status", "attempts", "last_error", "next_attempt_at", "sent_at",
                       "created_at", "idempotency_key", "context", "resent_from", "mailing"]
    fields = readonly_fields
    actions = ["resend", "retry_now"]
    change_form_template = "admin/outbox/outgoingemail/change_form.html"

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=gettext_lazy("e-mail"), ordering="template")
    def kind(self, obj):
        kind = catalogue.KINDS.get(obj.template)
        return kind.label if kind else obj.template

    def get_urls(self):
        html = path("<int:pk>/preview.html", self.admin_site.admin_view(self.preview_html),
                    name="outbox_outgoingemail_preview")
        return [html, *super().get_urls()]

    @method_decorator(xframe_options_sameorigin)
    def preview_html(self, request, pk):
        if not self.has_view_permission(request):
            return HttpResponse(status=403)
        rendered, error = _render(get_object_or_404(OutgoingEmail, pk=pk))
        response = HttpResponse(rendered.html if rendered else escape(error))
        response["Content-Security-Policy"] = PREVIEW_POLICY
        return response

    def change_view(self, request, object_id, form_url="", extra_context=None):
        email = self.get_object(request, object_id)
        rendered, error = _render(email) if email else (None, "")
        extra = {**(extra_context or {}), "rendered": rendered, "render_error": error,
                 "show_save": False, "show_save_and_continue": False,
                 "show_save_and_add_another": False}
        return super().change_view(request, object_id, form_url, extra)

    @admin.action(description=gettext_lazy("Resend the selected e-mails"),
                  permissions=["change"])
    def resend(self, request, queryset):
        for email in queryset:
            resend_email(email=email, actor=request.user)
        count = len(queryset)
        self.message_user(request, ngettext("%(count)s e-mail queued again.",
                                            "%(count)s e-mails queued again.", count)
                          % {"count": count}, messages.SUCCESS)

    @admin.action(description=gettext_lazy("Retry the selected failed e-mails now"),
                  permissions=["change"])
    def retry_now(self, request, queryset):
        retried = 0
        for email in queryset:
            try:
                retry_email(email=email, actor=request.user)
                retried += 1
            except DomainError as error:
                self.message_user(request, f"{email}: {error.message}", messages.WARNING)
        if retried:
            self.message_user(request, ngettext("%(count)s e-mail retried.",
                                                "%(count)s e-mails retried.", retried)
                              % {"count": retried}, messages.SUCCESS)


def _render(email):
    """(Rendered, "") or (None, why it cannot be rendered), for a preview."""
    try:
        return render_email(email), ""
    except Exception as error:  # noqa: BLE001 (a preview shows any failure instead of a 500)
        return None, _("This e-mail cannot be rendered: %(error)s") % {
            "error": f"{type(error).__name__}: {error}"}
