"""Integration partners and the API keys they (and company users) authenticate with."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Partner(models.Model):
    """A registration portal, CRM or government system that uses the API."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    conferences = models.ManyToManyField(
        "events.Conference", blank=True, related_name="partners", verbose_name=_("conferences")
    )
    is_organizer = models.BooleanField(
        _("organizer system"),
        default=False,
        help_text=_("May start schedule runs and see every registration of its conferences."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["name"]

    def __str__(self):
        return self.name


class ApiKeyScope(models.TextChoices):
    READ = "read", _("Read")
    WRITE = "write", _("Read and write")


class ApiKey(models.Model):
    """A secret shown once; only its SHA-256 is kept. Belongs to a partner, or to a
    company user as a personal token."""

    name = models.CharField(_("name"), max_length=120)
    partner = models.ForeignKey(
        Partner, on_delete=models.CASCADE, null=True, blank=True, related_name="keys"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="api_keys",
    )
    prefix = models.CharField(_("prefix"), max_length=12, unique=True)
    key_hash = models.CharField(max_length=64, editable=False)
    scope = models.CharField(_("scope"), max_length=5, choices=ApiKeyScope.choices)
    conferences = models.ManyToManyField(
        "events.Conference", blank=True, related_name="api_keys", verbose_name=_("conferences")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(partner__isnull=False, user__isnull=True)
                    | models.Q(partner__isnull=True, user__isnull=False),
                name="api_key_has_one_owner",
                violation_error_message=_("An API key belongs to either a partner or a user."),
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"
