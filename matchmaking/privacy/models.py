"""Consent to the privacy notice, and requests to erase personal data."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Consent(models.Model):
    """A user accepted a version of the privacy notice at a time."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="consents", verbose_name=_("user"))
    version = models.CharField(_("notice version"), max_length=20)
    given_at = models.DateTimeField(_("given"), auto_now_add=True)

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-given_at"]
        constraints = [models.UniqueConstraint(fields=["user", "version"],
                                               name="one_consent_per_version",
            violation_error_message=_(
                "This consent to this version of the notice is already recorded."))]

    def __str__(self):
        return f"{self.user} {self.version}"


class ErasureStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Anonymised")


class ErasureRequest(models.Model):
    """A company user asks for their personal data to be erased; organizers act on it."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                             blank=True, related_name="+", verbose_name=_("user"))
    enterprise = models.ForeignKey("accounts.Enterprise", on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+",
                                   verbose_name=_("enterprise"))
    reason = models.TextField(_("reason"), blank=True, max_length=2000)
    status = models.CharField(_("status"), max_length=10, choices=ErasureStatus.choices,
                              default=ErasureStatus.OPEN, db_index=True)
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    done_at = models.DateTimeField(_("done"), null=True, blank=True)

    class Meta:
        verbose_name = _("erasure request")
        verbose_name_plural = _("erasure requests")
        ordering = ["-requested_at"]

    def __str__(self):
        return f"{self.user or '-'} ({self.get_status_display()})"
