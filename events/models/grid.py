"""The meeting grid of a conference: days, session plans, time slots, tables."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class ConferenceDay(models.Model):
    conference = models.ForeignKey(
        "events.Conference", on_delete=models.CASCADE, related_name="days"
    )
    date = models.DateField(_("date"))

    class Meta:
        verbose_name = _("day")
        verbose_name_plural = _("days")
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "date"],
                name="day_unique_per_conference",
                violation_error_message=_("This conference already has this day."),
            )
        ]

    def __str__(self):
        return self.date.isoformat()


class SessionPlan(models.Model):
    """A block of meetings on one day; slots are generated from it."""

    day = models.ForeignKey(ConferenceDay, on_delete=models.CASCADE, related_name="sessions")
    name = models.CharField(_("name"), max_length=60, help_text=_("For example: Morning."))
    start_time = models.TimeField(_("start"))
    end_time = models.TimeField(_("end"))
    slot_minutes = models.PositiveSmallIntegerField(_("slot length (minutes)"), default=30)
    break_minutes = models.PositiveSmallIntegerField(
        _("break between slots (minutes)"), default=0
    )

    class Meta:
        verbose_name = _("session plan")
        verbose_name_plural = _("session plans")
        ordering = ["day__date", "start_time"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__gt=F("start_time")),
                name="session_ends_after_start",
                violation_error_message=_("A session must end after it starts."),
            ),
            models.CheckConstraint(
                condition=Q(slot_minutes__gte=5),
                name="session_slot_min_5",
                violation_error_message=_("A meeting slot lasts at least 5 minutes."),
            ),
        ]

    def __str__(self):
        return f"{self.day} {self.name} {self.start_time:%H:%M}-{self.end_time:%H:%M}"


class TimeSlot(models.Model):
    conference = models.ForeignKey(
        "events.Conference", on_delete=models.CASCADE, related_name="slots"
    )
    session = models.ForeignKey(
        SessionPlan, on_delete=models.CASCADE, related_name="slots", null=True, blank=True
    )
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))

    class Meta:
        verbose_name = _("time slot")
        verbose_name_plural = _("time slots")
        ordering = ["start"]
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "start"],
                name="slot_unique_start",
                violation_error_message=_("This conference already has a time slot starting then."),
            ),
            models.CheckConstraint(
                condition=Q(end__gt=F("start")),
                name="slot_ends_after_start",
                violation_error_message=_("A time slot must end after it starts."),
            ),
        ]

    def __str__(self):
        local = self.start.astimezone(self.conference.zone)
        return f"{local:%Y-%m-%d %H:%M}"


class Table(models.Model):
    """A table, booth or room where one meeting runs at a time."""

    conference = models.ForeignKey(
        "events.Conference", on_delete=models.CASCADE, related_name="tables"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    name = models.CharField(_("name"), max_length=60, blank=True)
    seats = models.PositiveSmallIntegerField(_("seats"), default=4)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("table")
        verbose_name_plural = _("tables")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "number"],
                name="table_unique_number",
                violation_error_message=_("This conference already has a table with this number."),
            )
        ]

    def __str__(self):
        return self.name or str(_("Table %(number)s") % {"number": self.number})
