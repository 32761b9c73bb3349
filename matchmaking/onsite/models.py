"""What happens on the day: who came (check-in) and which meetings took place (attendance)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CheckIn(models.Model):
    """A delegate arrived at the conference; recorded once, by a staff member."""

    conference = models.ForeignKey("events.Conference", on_delete=models.CASCADE,
                                   related_name="check_ins", verbose_name=_("conference"))
    delegate = models.ForeignKey("accounts.Delegate", on_delete=models.CASCADE,
                                 related_name="check_ins", verbose_name=_("delegate"))
    checked_in_at = models.DateTimeField(_("checked in at"), auto_now_add=True)
    checked_in_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                      null=True, blank=True, related_name="+",
                                      verbose_name=_("checked in by"))

    class Meta:
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        ordering = ["-checked_in_at"]
        constraints = [
            models.UniqueConstraint(fields=["conference", "delegate"],
                                    name="one_check_in_per_delegate",
            violation_error_message=_("This delegate is already checked in.")),
        ]
        permissions = [
            ("work_on_site", _("Can check delegates in and run the meeting grid on site")),
        ]

    def __str__(self):
        return f"{self.delegate} @ {self.conference}"


class AttendanceStatus(models.TextChoices):
    HELD = "held", _("Held")
    NO_SHOW = "no_show", _("No-show")


class Attendance(models.Model):
    """Whether a meeting took place. A no-show gives its table back for the rest of the
    slot; `released_table` remembers where it was."""

    meeting = models.OneToOneField("matchmaking.Meeting", on_delete=models.CASCADE,
                                   related_name="attendance", verbose_name=_("meeting"))
    status = models.CharField(_("attendance"), max_length=10, choices=AttendanceStatus.choices)
    absent = models.ForeignKey("accounts.Enterprise", on_delete=models.SET_NULL, null=True,
                               blank=True, related_name="+", verbose_name=_("absent side"),
                               help_text=_("For a no-show: the company that did not come, "
                                           "when known."))
    released_table = models.ForeignKey("events.Table", on_delete=models.SET_NULL, null=True,
                                       blank=True, related_name="+",
                                       verbose_name=_("table given back"))
    marked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                  null=True, blank=True, related_name="+",
                                  verbose_name=_("marked by"))
    marked_at = models.DateTimeField(_("marked at"), auto_now=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")

    def __str__(self):
        return f"{self.meeting}: {self.get_status_display()}"
