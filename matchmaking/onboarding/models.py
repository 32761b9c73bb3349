"""Invitations of company users and public applications, each a row with its state."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.evidence import private_storage, validate_evidence_file


class InvitationStatus(models.TextChoices):
    INVITED = "invited", _("Invited")
    ACCEPTED = "accepted", _("Accepted")
    EXPIRED = "expired", _("Expired")
    REVOKED = "revoked", _("Revoked")


class InvitationQuerySet(models.QuerySet):
    def open(self):
        """Invitations that can still be accepted."""
        return self.filter(status=InvitationStatus.INVITED, expires_at__gt=timezone.now())


class Invitation(models.Model):
    """A one-time link for one person to set a password and sign in for an enterprise.
    Only the SHA-256 of the token is kept; a resend draws a new token."""

    enterprise = models.ForeignKey("accounts.Enterprise", on_delete=models.CASCADE,
                                   related_name="invitations", verbose_name=_("enterprise"))
    delegate = models.ForeignKey("accounts.Delegate", on_delete=models.SET_NULL, null=True,
                                 blank=True, related_name="invitations",
                                 verbose_name=_("delegate"))
    conference = models.ForeignKey("events.Conference", on_delete=models.SET_NULL, null=True,
                                   blank=True, related_name="invitations",
                                   verbose_name=_("conference"))
    email = models.EmailField(_("e-mail"))
    full_name = models.CharField(_("name"), max_length=150, blank=True)
    language = models.CharField(_("language"), max_length=10)
    status = models.CharField(_("status"), max_length=10, choices=InvitationStatus.choices,
                              default=InvitationStatus.INVITED, db_index=True)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("last sent"), default=timezone.now)
    sent_count = models.PositiveSmallIntegerField(_("times sent"), default=1)
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                             blank=True, related_name="invitations", verbose_name=_("account"))
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+",
                                   verbose_name=_("invited by"))

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-sent_at"]
        constraints = [
            # At most one open invitation per address and enterprise: inviting twice resends.
            models.UniqueConstraint(fields=["enterprise", "email"],
                                    condition=models.Q(status="invited"),
                                    name="one_open_invitation_per_address",
            violation_error_message=_("This address already has an open invitation.")),
        ]

    def __str__(self):
        return f"{self.email} ({self.enterprise})"

    @property
    def is_expired(self) -> bool:
        return self.status == InvitationStatus.INVITED and self.expires_at <= timezone.now()

    @property
    def current_status(self) -> str:
        """The status as it stands now: an open invitation past its date is expired."""
        return InvitationStatus.EXPIRED if self.is_expired else self.status

    def get_current_status_display(self) -> str:
        return InvitationStatus(self.current_status).label


def pending_evidence_path(instance, filename):
    return f"applications/{instance.conference_id}/{filename}"


class Application(models.Model):
    """A company's application from the public form, kept until the applicant confirms
    the e-mail address; confirming creates the enterprise, the registration and the
    account through the accounts services."""

    conference = models.ForeignKey("events.Conference", on_delete=models.CASCADE,
                                   related_name="applications", verbose_name=_("conference"))
    email = models.EmailField(_("applicant's e-mail"))
    contact_name = models.CharField(_("applicant's name"), max_length=150)
    language = models.CharField(_("language"), max_length=10)
    legal_name = models.CharField(_("legal name"), max_length=200)
    data = models.JSONField(_("application"), default=dict,
                            help_text=_("Enterprise details and delegates as submitted."))
    rule_results = models.JSONField(_("rule results at submission"), default=list)
    duplicates = models.JSONField(
        _("likely duplicates"), default=list, blank=True,
        help_text=_("Enterprises with the same legal name, website or e-mail."))
    evidence = models.FileField(_("evidence"), upload_to=pending_evidence_path,
                                storage=private_storage, blank=True,
                                validators=[validate_evidence_file])
    evidence_description = models.CharField(_("evidence description"), max_length=200,
                                            blank=True)
    privacy_notice_version = models.CharField(_("privacy notice version"), max_length=40)
    consented_at = models.DateTimeField(_("consent given"))
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("e-mail confirmed"), null=True, blank=True)
    registration = models.OneToOneField(
        "accounts.Registration", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="application", verbose_name=_("registration"))

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.legal_name} @ {self.conference}"
