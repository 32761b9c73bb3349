from django.db import models
from django.utils.translation import gettext_lazy as _


class Seniority(models.IntegerChoices):
    """Delegate ranks, in order: a rule asks for a rank or higher."""

    STAFF = 10, _("Staff")
    MANAGER = 20, _("Manager")
    SENIOR_MANAGER = 30, _("Senior manager")
    DIRECTOR = 40, _("Director")
    VICE_PRESIDENT = 50, _("Vice president")
    EXECUTIVE = 60, _("Chief executive or government official")


class EligibilityRules(models.Model):
    """What an enterprise must meet to take part in one conference."""

    conference = models.OneToOneField(
        "events.Conference",
        on_delete=models.CASCADE,
        related_name="rules",
        verbose_name=_("conference"),
    )
    min_foreign_buyer_contract_usd = models.DecimalField(
        _("minimum contract value of a foreign buyer (USD)"),
        max_digits=14,
        decimal_places=0,
        default=8_000_000,
        help_text=_("Outsourcing contract value a foreign buyer must offer."),
    )
    min_delegate_seniority = models.PositiveSmallIntegerField(
        _("minimum delegate seniority"),
        choices=Seniority.choices,
        default=Seniority.MANAGER,
        help_text=_("Every delegate must hold this rank or a higher one."),
    )
    allowed_fields = models.ManyToManyField(
        "events.IndustryField",
        blank=True,
        verbose_name=_("fields allowed"),
        help_text=_("An enterprise must work in at least one of them. Empty: any field."),
    )
    min_delegates = models.PositiveSmallIntegerField(_("fewest delegates"), default=1)
    max_delegates = models.PositiveSmallIntegerField(_("most delegates"), default=3)

    class Meta:
        verbose_name = _("eligibility rules")
        verbose_name_plural = _("eligibility rules")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(max_delegates__gte=models.F("min_delegates")),
                name="rules_delegate_range_ordered",
                violation_error_message=_(
                    "The largest number of delegates cannot be below the smallest."),
            )
        ]

    def __str__(self):
        return str(_("Eligibility rules of %(conference)s") % {"conference": self.conference})
