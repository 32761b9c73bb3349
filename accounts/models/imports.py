from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.evidence import private_storage


class ImportJobStatus(models.TextChoices):
    PREVIEWING = "previewing", _("Checking the rows")
    PREVIEWED = "previewed", _("Checked: waiting for confirmation")
    IMPORTING = "importing", _("Importing")
    IMPORTED = "imported", _("Imported")
    REFUSED = "refused", _("Has errors: nothing imported")
    FAILED = "failed", _("Failed")


class ImportJob(models.Model):
    """A large admin import run in the background: first checked row by row (the preview),
    then, once confirmed, imported all or nothing. The file is kept privately meanwhile."""

    model = models.CharField(_("what"), max_length=20)
    file = models.FileField(_("file"), upload_to="imports/", storage=private_storage)
    filename = models.CharField(_("file name"), max_length=200)
    rows = models.PositiveIntegerField(_("rows"), default=0)
    status = models.CharField(_("status"), max_length=12, choices=ImportJobStatus.choices,
                              default=ImportJobStatus.PREVIEWING)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    report = models.JSONField(_("report"), default=list, blank=True)
    error = models.TextField(_("error"), blank=True)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("import job")
        verbose_name_plural = _("import jobs")
        ordering = ["-created_at"]
        constraints = [models.CheckConstraint(
            condition=models.Q(progress__lte=100), name="import_job_progress_at_most_100",
            violation_error_message=_("Progress cannot be above one hundred percent."))]

    def __str__(self):
        return f"{self.filename} ({self.get_status_display()})"
