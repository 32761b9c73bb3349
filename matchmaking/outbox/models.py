import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class EmailStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class BilingualText(models.Model):
    """A subject and a text in each language we ship; a blank one falls back to the
    default wording (overrides) or to English (bulk mail)."""

    subject_en = models.CharField(_("subject (English)"), max_length=200, blank=True)
    body_en = models.TextField(_("text (English)"), blank=True)
    subject_zh = models.CharField(_("subject (Chinese)"), max_length=200, blank=True)
    body_zh = models.TextField(_("text (Chinese)"), blank=True)

    class Meta:
        abstract = True

    def texts(self, language: str) -> tuple[str, str]:
        """(subject, text) written for a language code such as "zh-hans"."""
        suffix = "zh" if language.startswith("zh") else "en"
        return getattr(self, f"subject_{suffix}"), getattr(self, f"body_{suffix}")


class TemplateOverride(BilingualText):
    """An organizer's own wording of one e-mail for one conference."""

    conference = models.ForeignKey("events.Conference", on_delete=models.CASCADE,
                                   related_name="email_overrides", verbose_name=_("conference"))
    template = models.CharField(_("e-mail"), max_length=60)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("e-mail wording")
        verbose_name_plural = _("e-mail wordings")
        ordering = ["conference", "template"]
        constraints = [models.UniqueConstraint(
                           fields=["conference", "template"],
                           name="one_override_per_template",
                           violation_error_message=_(
                               "This conference already rewords this e-mail."),
                       )]

    def __str__(self):
        return f"{self.conference}: {self.template}"


class BulkMailing(BilingualText):
    """One message an organizer wrote to a filtered group of companies."""

    conference = models.ForeignKey("events.Conference", on_delete=models.CASCADE,
                                   related_name="mailings", verbose_name=_("conference"))
    # Drawn when the form is first shown: submitting it twice sends once.
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    filters = models.JSONField(_("filters"), default=dict, blank=True)
    companies = models.PositiveIntegerField(_("companies"), default=0)
    recipients = models.PositiveIntegerField(_("recipients"), default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+",
                                   verbose_name=_("written by"))
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        verbose_name = _("bulk mail")
        verbose_name_plural = _("bulk mail")
        ordering = ["-created_at"]

    def __str__(self):
        return self.subject_en

    def texts(self, language: str) -> tuple[str, str]:
        """Chinese is optional: readers get the English wording when it is blank."""
        subject, body = super().texts(language)
        return (subject or self.subject_en, body or self.body_en)


class OutgoingEmailQuerySet(models.QuerySet):
    def due(self, now):
        return self.filter(status=EmailStatus.PENDING, next_attempt_at__lte=now)


class OutgoingEmail(models.Model):
    """One e-mail to one address. Written in the transaction of the change that causes it;
    rendered from `context` (ids and plain values) in `language` when it is sent."""

    conference = models.ForeignKey("events.Conference", on_delete=models.CASCADE, null=True,
                                   blank=True, related_name="emails",
                                   verbose_name=_("conference"))
    recipient = models.EmailField(_("recipient"), db_index=True)
    recipient_name = models.CharField(_("recipient's name"), max_length=200, blank=True)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    template = models.CharField(_("e-mail"), max_length=60, db_index=True)
    context = models.JSONField(_("context"), default=dict, blank=True)
    idempotency_key = models.CharField(_("idempotency key"), max_length=255, unique=True)
    status = models.CharField(_("status"), max_length=10, choices=EmailStatus.choices,
                              default=EmailStatus.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    next_attempt_at = models.DateTimeField(
        _("next attempt"), null=True, blank=True,
        help_text=_("Not sent before this time; empty once sent or failed."))
    claimed_at = models.DateTimeField(_("sending since"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    created_at = models.DateTimeField(_("queued"), auto_now_add=True, db_index=True)
    resent_from = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="resends", verbose_name=_("resent from"))
    mailing = models.ForeignKey(BulkMailing, on_delete=models.CASCADE, null=True, blank=True,
                                related_name="emails", verbose_name=_("bulk mail"))

    objects = OutgoingEmailQuerySet.as_manager()

    class Meta:
        verbose_name = _("e-mail")
        verbose_name_plural = _("outbox")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self):
        return f"{self.template} → {self.recipient}"
