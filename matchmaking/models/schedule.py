from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    SUCCEEDED = "succeeded", _("Draft ready")
    FAILED = "failed", _("Failed")
    PUBLISHED = "published", _("Published")
    SUPERSEDED = "superseded", _("Superseded")


class ScheduleRun(models.Model):
    """One computation of a conference's schedule: a draft until it is published.

    The instance sent to the engine and its result are kept for audit; the
    live schedule is the set of Meeting rows, replaced in one transaction when
    a run is published.
    """

    class Mode(models.TextChoices):
        # On a live schedule every mode but "replace" tells the engine where each published
        # meeting is now, and the engine moves one only when that schedules more weight.
        FULL = "full", _("Full: keep published meetings where they are when possible")
        REPAIR = "repair", _("Repair: also fix locked meetings in place")
        REPLACE = "replace", _("Replace: reshuffle everything from scratch")

    conference = models.ForeignKey(
        "events.Conference", on_delete=models.CASCADE, related_name="schedule_runs"
    )
    mode = models.CharField(_("mode"), max_length=10, choices=Mode.choices, default=Mode.FULL)
    status = models.CharField(
        _("status"), max_length=10, choices=RunStatus.choices, default=RunStatus.QUEUED,
        db_index=True,
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    time_limit = models.FloatField(_("time limit (seconds)"), default=10)
    seed = models.PositiveIntegerField(_("seed"), default=0)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("queued"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(_("last sign of life"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    # The Celery task (message) that holds the run: when that very message comes back
    # redelivered, the process that ran it died, and the run is taken over at once.
    claimed_by = models.CharField(_("claimed by task"), max_length=64, blank=True,
                                  editable=False)
    instance = models.JSONField(_("engine input"), null=True, blank=True)
    result = models.JSONField(_("engine result"), null=True, blank=True)
    metrics = models.JSONField(_("metrics"), default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True, db_index=True)

    class Meta:
        verbose_name = _("schedule run")
        verbose_name_plural = _("schedule runs")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress__lte=100),
                name="run_progress_at_most_100",
                violation_error_message=_("Progress cannot be above one hundred percent."),
            ),
        ]

    def __str__(self):
        return f"{self.conference} #{self.pk} ({self.get_status_display()})"
