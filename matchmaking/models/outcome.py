from django.db import models
from django.utils.translation import gettext_lazy as _


class OutcomeInterest(models.TextChoices):
    NONE = "none", _("No further interest")
    FOLLOW_UP = "follow_up", _("Follow-up agreed")
    NEGOTIATING = "negotiating", _("In negotiation")
    INTENT = "intent", _("Letter of intent")
    SIGNED = "signed", _("Contract signed")


class MeetingOutcome(models.Model):
    """What one side reports after a meeting; organizers sum these as the conference's
    "intentional cooperation investment"."""

    meeting = models.ForeignKey(
        "matchmaking.Meeting", on_delete=models.CASCADE, related_name="outcomes"
    )
    enterprise = models.ForeignKey(
        "accounts.Enterprise", on_delete=models.CASCADE, related_name="meeting_outcomes"
    )
    held = models.BooleanField(_("the meeting took place"), default=True)
    interest = models.CharField(
        _("result"), max_length=12, choices=OutcomeInterest.choices, default=OutcomeInterest.NONE
    )
    intended_investment_usd = models.DecimalField(
        _("intended cooperation investment (USD)"),
        max_digits=14,
        decimal_places=0,
        null=True,
        blank=True,
    )
    notes = models.TextField(_("notes"), blank=True)
    reported_at = models.DateTimeField(_("reported"), auto_now=True, db_index=True)

    class Meta:
        verbose_name = _("meeting outcome")
        verbose_name_plural = _("meeting outcomes")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "enterprise"],
                name="one_outcome_per_side",
                violation_error_message=_(
                    "This company has already reported the outcome of this meeting."),
            ),
            models.CheckConstraint(
                condition=models.Q(intended_investment_usd__isnull=True)
                    | models.Q(intended_investment_usd__gte=0),
                name="outcome_investment_not_negative",
                violation_error_message=_("The intended investment cannot be negative."),
            ),
        ]

    def __str__(self):
        return f"{self.meeting}: {self.get_interest_display()}"
