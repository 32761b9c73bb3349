from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from events.errors import DomainError
from matchmaking.admin.publication import publication_context
from matchmaking.admin.report import run_report
from matchmaking.forms import PublishForm, StartRunForm
from matchmaking.models import RunStatus, ScheduleRun
from matchmaking.services.publishing import publish_schedule_run
from matchmaking.services.scheduling import start_schedule_run


@admin.register(ScheduleRun)
class ScheduleRunAdmin(admin.ModelAdmin):
    list_display = ["__str__", "mode", "status", "progress_bar", "scheduled", "quality",
                    "created_at", "started_by"]
    list_filter = ["conference", "status", "mode"]
    list_select_related = ["conference", "started_by"]
    actions = ["publish"]
    change_form_template = "admin/matchmaking/schedulerun/report.html"

    def get_urls(self):
        start = path("start/", self.admin_site.admin_view(self.start_view),
                     name="matchmaking_schedulerun_start")
        publish = path("<int:run_id>/publish/", self.admin_site.admin_view(self.publish_view),
                       name="matchmaking_schedulerun_publish")
        return [start, publish, *super().get_urls()]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_start_permission(self, request):
        return request.user.has_perm("matchmaking.add_schedulerun")

    @admin.display(description=gettext_lazy("progress"))
    def progress_bar(self, obj):
        return format_html('<progress max="100" value="{}">{}%</progress> {}%',
                           obj.progress, obj.progress, obj.progress)

    @admin.display(description=gettext_lazy("scheduled"))
    def scheduled(self, obj):
        if not obj.metrics:
            return "-"
        return f"{obj.metrics['scheduled']} / {obj.metrics['requests']}"

    @admin.display(description=gettext_lazy("weight vs bound"))
    def quality(self, obj):
        return f"{obj.metrics['quality_percent']}%" if obj.metrics else "-"

    @admin.action(description=gettext_lazy("Review and publish the selected draft"),
                  permissions=["start"])
    def publish(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, _("Select exactly one draft to publish."), messages.ERROR)
            return None
        # Nothing is published here: the confirmation page shows what would change first.
        return redirect(reverse("admin:matchmaking_schedulerun_publish",
                                args=[queryset.get().pk]))

    def publish_view(self, request, run_id):
        """GET: what publishing would change, in total and per company; POST: publish
        exactly that."""
        if not self.has_start_permission(request):
            raise PermissionDenied
        run = get_object_or_404(ScheduleRun.objects.select_related("conference"), pk=run_id)
        if request.method == "POST":
            form = PublishForm(request.POST)
            if form.is_valid() and self._publish(request, run, form.cleaned_data["changes"]):
                return redirect(reverse("admin:matchmaking_schedulerun_change", args=[run.pk]))
            return redirect(request.path)
        context = {**self.admin_site.each_context(request), "opts": self.model._meta,
                   **publication_context(run, request.GET.get("sort", ""))}
        return TemplateResponse(request, "admin/matchmaking/schedulerun/publish.html", context)

    def _publish(self, request, run, expected: str) -> bool:
        try:
            run = publish_schedule_run(run=run, actor=request.user, expected=expected)
        except DomainError as error:
            self.message_user(request, error.message, messages.ERROR)
            return False
        counts = run.metrics["published"]
        self.message_user(request, _(
            "Published: %(meetings)s meetings (%(created)s new, %(moved)s moved, %(kept)s kept, "
            "%(cancelled)s cancelled).") % counts, messages.SUCCESS)
        return True

    def start_view(self, request):
        if not self.has_start_permission(request):
            return redirect("admin:index")
        form = StartRunForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                run = start_schedule_run(actor=request.user, **form.cleaned_data)
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                self.message_user(request, started_message(run), messages.SUCCESS)
                return redirect(reverse("admin:matchmaking_schedulerun_change", args=[run.pk]))
        context = {**self.admin_site.each_context(request), "form": form,
                   "title": _("Compute a schedule"), "opts": self.model._meta}
        return TemplateResponse(request, "admin/matchmaking/schedulerun/start.html", context)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        run = self.get_object(request, object_id)
        extra = {**(extra_context or {}), **(run_report(run) if run else {}),
                 "refresh": run is not None and run.status in (RunStatus.QUEUED,
                                                               RunStatus.RUNNING),
                 "can_publish": run is not None and run.status == RunStatus.SUCCEEDED
                 and self.has_start_permission(request)}
        return super().changeform_view(request, object_id, form_url, extra)

    def changelist_view(self, request, extra_context=None):
        extra = {**(extra_context or {}), "can_start": self.has_start_permission(request)}
        return super().changelist_view(request, extra)


def started_message(run) -> str:
    """What became of a run just started: with eager tasks (no worker) it is already done,
    so the page must not say "queued" above a finished draft."""
    run.refresh_from_db(fields=["status", "progress"])
    if run.status == RunStatus.QUEUED:
        return _("The run is queued; a worker starts it shortly.")
    if run.status == RunStatus.RUNNING:
        return _("The run has started (%(progress)s%%).") % {"progress": run.progress}
    if run.status == RunStatus.FAILED:
        return _("The run failed; see why below.")
    return _("The run is finished: the draft is below.")
