from django.db import models
from django.utils.translation import gettext_lazy as _


class Recommendation(models.Model):
    """How well a buyer and a supplier fit, with the reasons, for one conference."""

    conference = models.ForeignKey(
        "events.Conference", on_delete=models.CASCADE, related_name="recommendations"
    )
    buyer = models.ForeignKey(
        "accounts.Enterprise", on_delete=models.CASCADE, related_name="+"
    )
    supplier = models.ForeignKey(
        "accounts.Enterprise", on_delete=models.CASCADE, related_name="+"
    )
    score = models.FloatField(_("score"), help_text=_("0 to 100; mutual fit."))
    reasons = models.JSONField(_("reasons"), default=list)
    computed_at = models.DateTimeField(_("computed"), auto_now=True)

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        ordering = ["-score"]
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "buyer", "supplier"],
                name="one_recommendation_per_pair",
                violation_error_message=_("These two companies already have a recommendation."),
            )
        ]
        indexes = [
            models.Index(fields=["conference", "buyer", "-score"]),
            models.Index(fields=["conference", "supplier", "-score"]),
        ]

    def __str__(self):
        return f"{self.buyer} ~ {self.supplier}: {self.score:.0f}"
