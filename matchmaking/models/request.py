from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Purpose(models.TextChoices):
    OUTSOURCING_PURCHASE = "outsourcing_purchase", _("Outsourcing purchase")
    INVESTMENT = "investment", _("Investment")
    OVERSEAS_MARKETS = "overseas_markets", _("Cooperation on overseas markets")


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for an answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    EXPIRED = "expired", _("Expired")


LIVE_STATUSES = [RequestStatus.PENDING, RequestStatus.ACCEPTED]


class MeetingRequestQuerySet(models.QuerySet):
    def live(self):
        return self.filter(status__in=LIVE_STATUSES)

    def involving(self, enterprise):
        return self.filter(Q(sender=enterprise) | Q(recipient=enterprise))


class MeetingRequest(models.Model):
    """One enterprise asks another for a one-to-one meeting at a conference."""

    conference = models.ForeignKey(
        "events.Conference", on_delete=models.CASCADE, related_name="meeting_requests"
    )
    sender = models.ForeignKey(
        "accounts.Enterprise",
        on_delete=models.CASCADE,
        related_name="sent_requests",
        verbose_name=_("from"),
    )
    recipient = models.ForeignKey(
        "accounts.Enterprise",
        on_delete=models.CASCADE,
        related_name="received_requests",
        verbose_name=_("to"),
    )
    # The pair with the smaller id first: one live request per unordered pair.
    pair_low = models.PositiveBigIntegerField(editable=False)
    pair_high = models.PositiveBigIntegerField(editable=False)
    purpose = models.CharField(_("purpose"), max_length=24, choices=Purpose.choices)
    message = models.TextField(_("message"), blank=True, max_length=2000)
    online = models.BooleanField(_("online"), default=False,
                                 help_text=_("The sender asks to meet online."))
    status = models.CharField(
        _("status"), max_length=10, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )
    weight = models.DecimalField(
        _("weight"),
        max_digits=6,
        decimal_places=2,
        default=1,
        help_text=_("Value of holding this meeting for the scheduler (mutual interest)."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    decline_reason = models.CharField(_("reason for declining"), max_length=500, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True, db_index=True)

    objects = MeetingRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting request")
        verbose_name_plural = _("meeting requests")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "pair_low", "pair_high"],
                condition=Q(status__in=LIVE_STATUSES),
                name="one_live_request_per_pair",
                violation_error_message=_(
                    "These two companies already have an open request or a meeting."),
            ),
            models.CheckConstraint(
                condition=~Q(sender=models.F("recipient")),
                name="request_not_to_self",
                violation_error_message=_("A company cannot request a meeting with itself."),
            ),
            models.CheckConstraint(
                condition=Q(weight__gt=0),
                name="request_weight_positive",
                violation_error_message=_("A request's weight must be above zero."),
            ),
        ]
        indexes = [models.Index(fields=["conference", "status"])]

    def __str__(self):
        return f"{self.sender} → {self.recipient}"

    def counterpart_of(self, enterprise):
        return self.recipient if enterprise.pk == self.sender_id else self.sender
