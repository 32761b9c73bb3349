from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.evidence import private_storage, validate_evidence_file


class RegistrationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    UNDER_REVIEW = "under_review", _("Under review")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    WAITLISTED = "waitlisted", _("Waitlisted")
    INFORMATION_REQUESTED = "information_requested", _("Information requested")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class RegistrationQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=RegistrationStatus.APPROVED)

    def awaiting_decision(self):
        return self.filter(
            status__in=[
                RegistrationStatus.SUBMITTED,
                RegistrationStatus.UNDER_REVIEW,
                RegistrationStatus.WAITLISTED,
                RegistrationStatus.INFORMATION_REQUESTED,
            ]
        )

    def needing_rereview(self):
        """Approved once, back under review because a vetted detail changed."""
        return self.filter(status=RegistrationStatus.UNDER_REVIEW, reopened_at__isnull=False)

    def keeping_agenda(self):
        """Registrations whose company may read its agenda and meetings: approved, or
        back in review after a vetted change (its published meetings stay live)."""
        return self.filter(
            models.Q(status=RegistrationStatus.APPROVED)
            | models.Q(status=RegistrationStatus.UNDER_REVIEW, reopened_at__isnull=False)
        )


class Registration(models.Model):
    """An enterprise's application to take part in one conference, and its vetting."""

    conference = models.ForeignKey(
        "events.Conference",
        on_delete=models.CASCADE,
        related_name="registrations",
        verbose_name=_("conference"),
    )
    enterprise = models.ForeignKey(
        "accounts.Enterprise",
        on_delete=models.CASCADE,
        related_name="registrations",
        verbose_name=_("enterprise"),
    )
    status = models.CharField(
        _("status"),
        max_length=30,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.SUBMITTED,
        db_index=True,
    )
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewer"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_reason = models.TextField(_("reason for the decision"), blank=True)
    override_reason = models.TextField(
        _("override reason"),
        blank=True,
        help_text=_("Why it was approved although a rule failed."),
    )
    notes = models.TextField(_("notes"), blank=True)
    submitted_by_partner = models.ForeignKey(
        "accounts.Partner",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="submitted_registrations",
        verbose_name=_("submitted by partner"),
        help_text=_("The integration partner that submitted it; it may follow it in the API."),
    )
    reopened_at = models.DateTimeField(
        _("back in review since"),
        null=True,
        blank=True,
        help_text=_("Set when a vetted detail of an approved registration changed; the next "
                    "decision clears it."),
    )
    max_meetings = models.PositiveSmallIntegerField(
        _("most meetings"),
        null=True,
        blank=True,
        help_text=_("Cap on meetings in the whole event. Empty: no cap."),
    )
    parallel_meetings = models.PositiveSmallIntegerField(
        _("meetings at the same time"),
        default=1,
        help_text=_("How many meetings the delegation can hold in one slot."),
    )
    passes_rules = models.BooleanField(
        _("passes all rules"),
        default=False,
        help_text=_("Evaluated again on every change of the enterprise or the rules."),
    )
    rule_results = models.JSONField(_("rule results"), default=list, blank=True)
    # ",code,code," of the failed rules: a portable way to filter on them.
    failed_rule_codes = models.CharField(max_length=200, blank=True, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True, db_index=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["-submitted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "enterprise"],
                name="registration_once_per_conference",
                violation_error_message=_(
                    "This enterprise has already registered for this conference."),
            ),
            models.CheckConstraint(
                condition=~models.Q(status="rejected") | ~models.Q(decision_reason=""),
                name="rejection_has_reason",
                violation_error_message=_("A rejection needs a reason."),
            ),
            models.CheckConstraint(
                condition=models.Q(parallel_meetings__gte=1),
                name="registration_one_seat_or_more",
                violation_error_message=_("A registration needs at least one seat."),
            ),
        ]
        permissions = [
            ("decide_registration", _("Can approve, reject and waitlist registrations")),
            ("override_eligibility", _("Can approve a registration that fails a rule")),
            ("set_meeting_limits", _("Can set a registration's seats and meeting cap")),
        ]

    def __str__(self):
        return f"{self.enterprise} @ {self.conference}"

    @property
    def needs_rereview(self) -> bool:
        return self.status == RegistrationStatus.UNDER_REVIEW and self.reopened_at is not None

    @property
    def failed_rules(self) -> list[dict]:
        return [result for result in self.rule_results if not result["passed"]]


def evidence_path(instance, filename):
    return f"evidence/{instance.registration.conference_id}/{instance.registration_id}/{filename}"


class Evidence(models.Model):
    """A document backing a registration, such as the contract letter."""

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="evidence"
    )
    description = models.CharField(_("description"), max_length=200)
    file = models.FileField(_("file"), upload_to=evidence_path, storage=private_storage,
                            validators=[validate_evidence_file],
                            help_text=_("A PDF or an image, at most 10 MB."))
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["-uploaded_at"]

    def __str__(self):
        return self.description
