import secrets

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


def new_secret() -> str:
    return secrets.token_urlsafe(24)


class FeedToken(models.Model):
    """The secret in a company's private calendar address. Stored, so the address stays
    the same until the company replaces or turns it off (a signed token could not be
    revoked without rotating SECRET_KEY for everyone)."""

    conference = models.ForeignKey("events.Conference", on_delete=models.CASCADE,
                                   related_name="+", verbose_name=_("conference"))
    enterprise = models.ForeignKey("accounts.Enterprise", on_delete=models.CASCADE,
                                   related_name="feed_tokens", verbose_name=_("enterprise"))
    secret = models.CharField(_("secret"), max_length=64, unique=True, default=new_secret)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("turned off"), null=True, blank=True)

    class Meta:
        verbose_name = _("calendar feed address")
        verbose_name_plural = _("calendar feed addresses")
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "enterprise"],
                condition=Q(revoked_at__isnull=True),
                name="one_live_feed_token",
                violation_error_message=_("This company already has a calendar address."),
            ),
        ]

    def __str__(self):
        return f"{self.enterprise} @ {self.conference}"
