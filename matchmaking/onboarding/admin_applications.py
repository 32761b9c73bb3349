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


def application_details(registration) -> str:
    """The public application behind a registration: applicant, consent, evidence and the
    likely duplicates, as HTML for its admin page."""
    application = Application.objects.filter(registration=registration).first()
    if application is None:
        return _("Not from the public form.")
    return format_html(
        "<p>{}: {} &lt;{}&gt;, {}</p><p>{}: {} ({})</p><p>{}:</p>{}",
        _("Applicant"), application.contact_name, application.email,
        application.created_at.date(), _("Privacy notice"),
        application.privacy_notice_version, application.consented_at,
        _("Likely duplicates"), duplicate_list(application))


def duplicate_list(application) -> str:
    if not application.duplicates:
        return format_html("<p>{}</p>", _("none found"))
    rows = format_html_join("", '<li><a href="{}">{}</a>: {}</li>', (
        (reverse("admin:accounts_enterprise_change", args=[entry["enterprise"]]),
         entry["name"], ", ".join(str(REASONS.get(r, r)) for r in entry["reasons"]))
        for entry in application.duplicates))
    return format_html('<ul class="duplicates">{}</ul>', rows)
