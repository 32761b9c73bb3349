"""The organizers' results pages: one dashboard per conference, its exports and report, and
the confirmation of a disputed or wrong meeting value. Organizers only (the results app
is outside the reviewers' permissions)."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from events.errors import DomainError
from matchmaking.display import formatting
from matchmaking.models import Meeting
from matchmaking.results import services
from matchmaking.results.dashboard import build_dashboard
from matchmaking.results.exports.sheets import SHEETS
from matchmaking.results.exports.writers import write_csv, write_xlsx
from matchmaking.results.forms import ConfirmInvestmentForm
from matchmaking.results.models import ConferenceResults, InvestmentConfirmation
from matchmaking.results.pdf import results_pdf

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def download(content: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@admin.register(ConferenceResults)
class ConferenceResultsAdmin(admin.ModelAdmin):
    list_display = ["edition", "name", "status", "start_date"]
    actions = ["download_xlsx"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/export/<str:sheet>.<str:fmt>", view(self.export_view),
                 name="results_conferenceresults_export"),
            path("<int:pk>/report.pdf", view(self.report_view),
                 name="results_conferenceresults_report"),
            path("<int:pk>/confirm/<int:meeting_id>/", view(self.confirm_view),
                 name="results_conferenceresults_confirm"),
            *super().get_urls(),
        ]

    def conference_or_404(self, request, pk: int) -> ConferenceResults:
        if not self.has_view_permission(request):
            raise PermissionDenied
        return get_object_or_404(ConferenceResults, pk=pk)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """The dashboard of one conference."""
        conference = self.conference_or_404(request, int(object_id))
        context = {**self.admin_site.each_context(request), "opts": self.model._meta,
                   "conference": conference, "board": build_dashboard(conference),
                   "sheets": list(SHEETS.values()), "title": _("Results of %(conference)s")
                   % {"conference": formatting.name(conference)}}
        return TemplateResponse(request, "admin/results/conferenceresults/dashboard.html",
                                context)

    def export_view(self, request, pk: int, sheet: str, fmt: str):
        conference = self.conference_or_404(request, pk)
        stem = f"{conference.slug}-{sheet}"
        if fmt == "xlsx" and sheet == "all":
            return download(write_xlsx(conference), f"{conference.slug}-results.xlsx", XLSX)
        if fmt == "csv" and sheet in SHEETS:
            return download(write_csv(conference, sheet), f"{stem}.csv", "text/csv")
        raise Http404

    def report_view(self, request, pk: int):
        conference = self.conference_or_404(request, pk)
        return download(results_pdf(conference=conference, language=get_language()),
                        f"{conference.slug}-results.pdf", "application/pdf")

    @admin.action(description=gettext_lazy("Download the results (XLSX)"))
    def download_xlsx(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, _("Choose one conference."), messages.WARNING)
            return None
        conference = queryset.get()
        return download(write_xlsx(conference), f"{conference.slug}-results.xlsx", XLSX)

    def confirm_view(self, request, pk: int, meeting_id: int):
        conference = self.conference_or_404(request, pk)
        if not request.user.has_perm("results.add_investmentconfirmation"):
            raise PermissionDenied
        meeting = get_object_or_404(Meeting, pk=meeting_id, conference=conference)
        value = services.meeting_value(meeting)
        form = ConfirmInvestmentForm(request.POST or None, initial={
            "value_usd": value.value or value.claimed, "signed": value.signed})
        if request.method == "POST" and form.is_valid():
            try:
                services.confirm_investment(meeting=meeting, actor=request.user,
                                            **form.cleaned_data)
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                self.message_user(request, _("The value of meeting %(id)s is confirmed.")
                                  % {"id": meeting.pk})
                return redirect(reverse("admin:results_conferenceresults_change",
                                        args=[conference.pk]))
        context = {**self.admin_site.each_context(request), "opts": self.model._meta,
                   "form": form, "meeting": meeting, "value": value,
                   "answers": meeting.outcomes.select_related("enterprise", "field"),
                   "title": _("Confirm the value of a meeting")}
        return TemplateResponse(request, "admin/results/conferenceresults/confirm.html",
                                context)


@admin.register(InvestmentConfirmation)
class InvestmentConfirmationAdmin(admin.ModelAdmin):
    """What the organizers confirmed; written only through confirm_investment."""

    list_display = ["meeting", "value_usd", "signed", "field", "confirmed_by", "confirmed_at"]
    list_filter = ["meeting__conference", "signed"]
    list_select_related = ["meeting__request__sender", "meeting__request__recipient",
                           "meeting__slot", "field", "confirmed_by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
