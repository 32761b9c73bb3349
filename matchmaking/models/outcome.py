from django.db import models
from django.utils.translation import gettext_lazy as _


class OutcomeResult(models.TextChoices):
    NOT_HELD = "not_held", _("Did not take place")
    NO_FIT = "no_fit", _("No fit")
    INFORMATIVE = "informative", _("Informative, no cooperation yet")
    LIKELY = "likely", _("Cooperation likely")
    SIGNED = "signed", _("Agreement signed")


# Only these results carry an intended value into the conference's investment.
COUNTING_RESULTS = (OutcomeResult.LIKELY, OutcomeResult.SIGNED)


class FollowUp(models.IntegerChoices):
    AT_MEETING = 0, _("After the meeting")
    THREE_MONTHS = 3, _("Follow-up at 3 months")
    SIX_MONTHS = 6, _("Follow-up at 6 months")


class MeetingOutcome(models.Model):
    """What one side reports after a meeting, its latest answer: a follow-up answer at 3 or
    6 months replaces the earlier one (the audit trail keeps each). The conference's
    intentional cooperation investment is computed from these (matchmaking.results)."""

    meeting = models.ForeignKey(
        "matchmaking.Meeting", on_delete=models.CASCADE, related_name="outcomes"
    )
    enterprise = models.ForeignKey(
        "accounts.Enterprise", on_delete=models.CASCADE, related_name="meeting_outcomes"
    )
    result = models.CharField(
        _("result"), max_length=12, choices=OutcomeResult.choices, default=OutcomeResult.NO_FIT
    )
    intended_investment_usd = models.DecimalField(
        _("intended contract or investment value (USD)"),
        max_digits=14,
        decimal_places=0,
        null=True,
        blank=True,
    )
    field = models.ForeignKey(
        "events.IndustryField", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("field"),
    )
    follow_up_on = models.DateField(_("follow-up date"), null=True, blank=True)
    stage = models.PositiveSmallIntegerField(
        _("answered"), choices=FollowUp.choices, default=FollowUp.AT_MEETING
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
        return f"{self.meeting}: {self.get_result_display()}"

    @property
    def took_place(self) -> bool:
        return self.result != OutcomeResult.NOT_HELD

    @property
    def counts(self) -> bool:
        return self.result in COUNTING_RESULTS and bool(self.intended_investment_usd)
