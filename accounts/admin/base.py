"""What every admin that writes through the services shares."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from import_export.admin import ImportExportMixin
from import_export.forms import ImportForm

from accounts.imports import ImportFileError, check_rows, check_size
from accounts.models import ImportJob, ImportJobStatus
from accounts.services import import_jobs
from events.errors import DomainError


class ServiceAdminMixin:
    """The admin validates forms and calls a service; it never saves a model or formset
    itself. A refusal the form could not foresee (a value taken meanwhile) comes back as
    a message on the same page, never a 500."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except DomainError as error:
            self.message_user(request, error.message, messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def construct_change_message(self, request, form, formsets, add=False):
        # The formsets were never saved (the service wrote them), so they cannot describe
        # themselves; the service's audit entry has the full change.
        return super().construct_change_message(request, form, [], add)

    def report_reopened(self, request, change) -> None:
        count = len(change.reopened)
        if count:
            self.message_user(request, ngettext(
                "A vetted detail changed: %(count)s approved registration went back to review.",
                "A vetted detail changed: %(count)s approved registrations went back to "
                "review.", count) % {"count": count}, messages.WARNING)


def _counts(report: list[dict]) -> dict:
    return {state: sum(row["state"] == state for row in report)
            for state in ("new", "updated", "unchanged", "error")}


class LimitedImportForm(ImportForm):
    """Refuses a file above the size or row limit at once, before anything parses it."""

    row_count = 0

    def clean_import_file(self):
        upload = self.cleaned_data["import_file"]
        try:
            check_size(upload.size)
            self.row_count = check_rows(upload.read(), upload.name)
        except ImportFileError as error:
            raise ValidationError(str(error), code="too_large") from error
        finally:
            upload.seek(0)
        return upload


class ImportAsUserMixin(ImportExportMixin):
    """Hands the importing user to the resource (for the audit trail), and says plainly
    when a confirmed import found errors and therefore imported nothing."""

    import_form_class = LimitedImportForm

    def import_action(self, request, **kwargs):
        """A file above IMPORT_BACKGROUND_ROWS rows is checked by a background job, whose
        page shows its progress and then its preview; smaller files as before."""
        if request.method == "POST" and self.has_import_permission(request):
            form = self.create_import_form(request)
            if form.is_valid() and form.row_count > settings.IMPORT_BACKGROUND_ROWS:
                job = import_jobs.start_import_job(
                    actor=request.user, model=self.opts.model_name,
                    upload=form.cleaned_data["import_file"], rows=form.row_count)
                return redirect(f"admin:{self.opts.app_label}_{self.opts.model_name}"
                                "_import_job", job.pk)
        return super().import_action(request, **kwargs)

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}_import_job"
        return [path("import/job/<int:job_id>/", self.admin_site.admin_view(self.job_view),
                     name=name), *super().get_urls()]

    def job_view(self, request, job_id):
        if not self.has_import_permission(request):
            raise PermissionDenied
        job = get_object_or_404(ImportJob, pk=job_id, model=self.opts.model_name)
        if request.method == "POST":
            try:
                import_jobs.confirm_import_job(job=job, actor=request.user)
            except DomainError as error:
                self.message_user(request, error.message, messages.ERROR)
            return redirect(request.path)
        running = job.status in (ImportJobStatus.PREVIEWING, ImportJobStatus.IMPORTING)
        context = {**self.admin_site.each_context(request), "opts": self.opts, "job": job,
                   "title": _("Import of %(file)s") % {"file": job.filename},
                   "progress": import_jobs.progress_of(job), "running": running,
                   "errors": [row for row in job.report if row["state"] == "error"],
                   "counts": _counts(job.report)}
        return TemplateResponse(request, "admin/accounts/import_job.html", context)

    def get_import_resource_kwargs(self, request, **kwargs):
        return {**super().get_import_resource_kwargs(request, **kwargs), "actor": request.user}

    def process_result(self, result, request):
        if result.has_errors() or result.has_validation_errors():
            self.message_user(request, _("The file has errors, so nothing was imported. "
                                         "Import it again to see them."), messages.ERROR)
            return redirect(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist")
        return super().process_result(result, request)
