from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class MeetingStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    CANCELLED = "cancelled", _("Cancelled")


class CancelledBy(models.TextChoices):
    COMPANY = "company", _("A company")
    ORGANIZER = "organizer", _("The organizers")
    SCHEDULE = "schedule", _("A newly published schedule")


# A meeting cancelled by people is never placed again by a schedule run (the companies
# may still book it themselves); one dropped by a published schedule may come back.
CANCELLED_BY_PEOPLE = [CancelledBy.COMPANY, CancelledBy.ORGANIZER]


class MeetingSource(models.TextChoices):
    SCHEDULER = "scheduler", _("Scheduler")
    BOOKED = "booked", _("Booked by the companies")


class Meeting(models.Model):
    """A meeting of the live schedule: an accepted request in a slot at a table."""

    conference = models.ForeignKey(
        "events.Conference", on_delete=models.CASCADE, related_name="meetings"
    )
    request = models.ForeignKey(
        "matchmaking.MeetingRequest", on_delete=models.CASCADE, related_name="meetings"
    )
    slot = models.ForeignKey("events.TimeSlot", on_delete=models.PROTECT, related_name="meetings")
    table = models.ForeignKey(
        "events.Table", on_delete=models.PROTECT, related_name="meetings", null=True, blank=True
    )
    booth = models.ForeignKey(
        "exhibition.Booth", on_delete=models.PROTECT, related_name="meetings", null=True,
        blank=True, verbose_name=_("booth"),
        help_text=_("Where it takes place when not at a table (see matchmaking/places/)."))
    is_online = models.BooleanField(_("online"), default=False)
    online_link = models.URLField(_("online meeting link"), max_length=500, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.SCHEDULED
    )
    source = models.CharField(_("source"), max_length=10, choices=MeetingSource.choices)
    schedule_run = models.ForeignKey(
        "matchmaking.ScheduleRun",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meetings",
    )
    locked = models.BooleanField(
        _("kept in place"),
        default=True,
        help_text=_("A repair run never moves it unless the organizer releases it."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True, db_index=True)
    cancelled_reason = models.CharField(_("reason for cancelling"), max_length=500, blank=True)
    cancelled_by = models.CharField(_("cancelled by"), max_length=10,
                                    choices=CancelledBy.choices, blank=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["slot__start", "table__number"]
        constraints = [
            models.UniqueConstraint(
                fields=["request"],
                condition=Q(status="scheduled"),
                name="one_live_meeting_per_request",
                violation_error_message=_("This request already has a meeting."),
            ),
            models.UniqueConstraint(
                fields=["slot", "table"],
                condition=Q(status="scheduled"),
                name="one_meeting_per_table_and_slot",
                violation_error_message=_("This table is already taken at that time."),
            ),
        ]

    def __str__(self):
        return f"{self.request} @ {self.slot}"


class SlotBooking(models.Model):
    """A participant's seat in a slot, one row per enterprise and meeting.

    The unique constraint is the guard against double booking on every
    database: two meetings can never take the same seat of an enterprise in the
    same slot, whatever the application code does. Rows exist only for live
    meetings; cancelling or moving a meeting deletes or replaces them.
    """

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="bookings")
    enterprise = models.ForeignKey(
        "accounts.Enterprise", on_delete=models.CASCADE, related_name="slot_bookings"
    )
    slot = models.ForeignKey("events.TimeSlot", on_delete=models.CASCADE, related_name="bookings")
    seat = models.PositiveSmallIntegerField(default=1)

    class Meta:
        verbose_name = _("slot booking")
        verbose_name_plural = _("slot bookings")
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "slot", "seat"],
                name="one_meeting_per_seat_and_slot",
                violation_error_message=_("This company already has a meeting at that time."),
            ),
            models.UniqueConstraint(
                fields=["meeting", "enterprise"],
                name="booking_per_side",
                violation_error_message=_("This company already takes part in this meeting."),
            ),
        ]

    def __str__(self):
        return f"{self.enterprise} @ {self.slot} seat {self.seat}"
