"""What the organizers add to the companies' outcomes: a confirmed or corrected value per
meeting. The investment itself is computed (investment.py), never stored as a total."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from events.models import Conference


class ConferenceResults(Conference):
    """The conference seen as its results: the admin's dashboard and exports hang here."""

    class Meta:
        proxy = True
        verbose_name = _("conference results")
        verbose_name_plural = _("conference results")


class InvestmentConfirmation(models.Model):
    """An organizer's word on one meeting's value; it overrides both sides' answers.

    The organizers confirm a value when the sides disagree, or correct one that is
    wrong; the audit trail keeps every change (services.confirm_investment)."""

    meeting = models.OneToOneField(
        "matchmaking.Meeting", on_delete=models.CASCADE, related_name="investment_confirmation",
        verbose_name=_("meeting"),
    )
    value_usd = models.DecimalField(_("confirmed value (USD)"), max_digits=14, decimal_places=0)
    signed = models.BooleanField(_("agreement signed"), default=False)
    field = models.ForeignKey(
        "events.IndustryField", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("field"),
    )
    reason = models.CharField(_("reason"), max_length=500)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("confirmed by"),
    )
    confirmed_at = models.DateTimeField(_("confirmed"), auto_now=True)

    class Meta:
        verbose_name = _("investment confirmation")
        verbose_name_plural = _("investment confirmations")
        constraints = [
            models.CheckConstraint(condition=models.Q(value_usd__gte=0),
                                   name="confirmed_investment_not_negative",
            violation_error_message=_("A confirmed value cannot be negative.")),
        ]

    def __str__(self):
        return f"{self.meeting}: USD {self.value_usd}"
