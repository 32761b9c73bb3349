from django.db import models
from django.utils.translation import gettext_lazy as _


class Unavailability(models.Model):
    """A slot in which an enterprise cannot meet. No row: available."""

    enterprise = models.ForeignKey(
        "accounts.Enterprise", on_delete=models.CASCADE, related_name="unavailable_slots"
    )
    slot = models.ForeignKey(
        "events.TimeSlot", on_delete=models.CASCADE, related_name="unavailable_enterprises"
    )

    class Meta:
        verbose_name = _("unavailable slot")
        verbose_name_plural = _("unavailable slots")
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "slot"],
                name="unavailable_once",
                violation_error_message=_("This slot is already marked unavailable."),
            )
        ]

    def __str__(self):
        return f"{self.enterprise} ✗ {self.slot}"
