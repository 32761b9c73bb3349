from django.db import models
from django.utils.translation import gettext_lazy as _


class Shortlist(models.Model):
    """An enterprise's stated interest in meeting another: feeds recommendations."""

    conference = models.ForeignKey(
        "events.Conference", on_delete=models.CASCADE, related_name="shortlists"
    )
    enterprise = models.ForeignKey(
        "accounts.Enterprise", on_delete=models.CASCADE, related_name="shortlist"
    )
    target = models.ForeignKey("accounts.Enterprise", on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("shortlisted partner")
        verbose_name_plural = _("shortlisted partners")
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "enterprise", "target"],
                name="shortlist_once",
                violation_error_message=_("This company is already on the shortlist."),
            ),
            models.CheckConstraint(
                condition=~models.Q(enterprise=models.F("target")),
                name="shortlist_not_self",
                violation_error_message=_("A company cannot shortlist itself."),
            ),
        ]

    def __str__(self):
        return f"{self.enterprise} ★ {self.target}"
