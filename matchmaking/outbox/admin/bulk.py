"""Bulk mail: organizers write to a filtered group of companies; the count and a preview
come before the send."""

import uuid

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from events.errors import DomainError
from matchmaking.outbox.forms import BulkMailForm
from matchmaking.outbox.models import BulkMailing, EmailStatus
from matchmaking.outbox.render import render_sample
from matchmaking.outbox.selectors import bulk_companies, enterprise_recipients
from matchmaking.outbox.services import send_bulk_mail


@admin.register(BulkMailing)
class BulkMailingAdmin(admin.ModelAdmin):
    list_display = ["created_at", "subject_en", "conference", "companies", "recipients",
                    "sent", "created_by"]
    list_filter = ["conference"]
    list_select_related = ["conference", "created_by"]
    readonly_fields = ["conference", "subject_en", "body_en", "subject_zh", "body_zh",
                       "filters", "companies", "recipients", "created_by", "created_at"]
    fields = readonly_fields

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(
            sent_count=Count("emails", filter=Q(emails__status=EmailStatus.SENT)))

    @admin.display(description=gettext_lazy("sent"))
    def sent(self, obj):
        return f"{obj.sent_count} / {obj.recipients}"

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def add_view(self, request, form_url="", extra_context=None):
        """Write, preview (count and rendering), then send."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = BulkMailForm(request.POST or None, initial={"token": uuid.uuid4()})
        preview = None
        if request.method == "POST" and form.is_valid():
            if "_send" in request.POST:
                response = self._send(request, form)
                if response:
                    return response
            preview = _preview(form)
        context = {**self.admin_site.each_context(request), "form": form, "preview": preview,
                   "title": _("Write to companies"), "opts": self.model._meta}
        return TemplateResponse(request, "admin/outbox/bulkmailing/write.html", context)

    def _send(self, request, form):
        try:
            mailing, created = send_bulk_mail(
                conference=form.cleaned_data["conference"], filters=form.filters(),
                texts=form.texts(), token=form.cleaned_data["token"], actor=request.user)
        except DomainError as error:
            form.add_error(None, error.message)
            return None
        if created:
            self.message_user(request, _(
                "%(recipients)s e-mails to %(companies)s companies are queued; they leave at "
                "the configured rate.") % {"recipients": mailing.recipients,
                                           "companies": mailing.companies}, messages.SUCCESS)
        else:
            self.message_user(request, _("This mail was already sent; it was not sent again."),
                              messages.WARNING)
        return redirect(reverse("admin:outbox_bulkmailing_change", args=[mailing.pk]))


def _preview(form) -> dict:
    """How many companies and addresses the filters reach, and the mail in each language."""
    companies = list(bulk_companies(conference=form.cleaned_data["conference"], **form.filters())
                     .prefetch_related("users", "delegates"))
    addresses = sum(len(enterprise_recipients(c)) for c in companies)
    unsent = BulkMailing(**form.texts())
    previews = {language: render_sample(
        template="bulk_mail", conference=form.cleaned_data["conference"], language=language,
        written=unsent.texts(language), enterprise=companies[0] if companies else None)
        for language in ("en", "zh-hans")}
    return {"companies": len(companies), "addresses": addresses, "sample": companies[:10],
            "previews": previews}
