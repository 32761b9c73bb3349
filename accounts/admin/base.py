"""What every admin that writes through the services shares."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from import_export.admin import ImportExportMixin
from import_export.forms import ImportForm

from accounts.imports import ImportFileError, check_rows, check_size
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


class LimitedImportForm(ImportForm):
    """Refuses a file above the size or row limit at once, before anything parses it."""

    def clean_import_file(self):
        upload = self.cleaned_data["import_file"]
        try:
            check_size(upload.size)
            check_rows(upload.read(), upload.name)
        except ImportFileError as error:
            raise ValidationError(str(error), code="too_large") from error
        finally:
            upload.seek(0)
        return upload


class ImportAsUserMixin(ImportExportMixin):
    """Hands the importing user to the resource (for the audit trail), and says plainly
    when a confirmed import found errors and therefore imported nothing."""

    import_form_class = LimitedImportForm

    def get_import_resource_kwargs(self, request, **kwargs):
        return {**super().get_import_resource_kwargs(request, **kwargs), "actor": request.user}

    def process_result(self, result, request):
        if result.has_errors() or result.has_validation_errors():
            self.message_user(request, _("The file has errors, so nothing was imported. "
                                         "Import it again to see them."), messages.ERROR)
            return redirect(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist")
        return super().process_result(result, request)
