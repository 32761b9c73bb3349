import zoneinfo

from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField


class ConferenceStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    REGISTRATION_OPEN = "registration_open", _("Registration open")
    MATCHMAKING_OPEN = "matchmaking_open", _("Matchmaking open")
    SCHEDULED = "scheduled", _("Scheduled")
    CLOSED = "closed", _("Closed")


def time_zone_choices():
    return [(name, name) for name in sorted(zoneinfo.available_timezones())]


class Pairing(models.TextChoices):
    BUYERS_WITH_SUPPLIERS = "buyers_suppliers", _("Buyers meet suppliers")
    ANYONE = "anyone", _("Any two participants may meet")


class ConferenceQuerySet(models.QuerySet):
    def open_for_matchmaking(self):
        return self.filter(
            status__in=[ConferenceStatus.MATCHMAKING_OPEN, ConferenceStatus.SCHEDULED]
        )


class Conference(models.Model):
    edition = models.PositiveSmallIntegerField(
        _("edition"), unique=True, help_text=_("Edition number, for example 5 for the 5th.")
    )
    slug = models.SlugField(_("slug"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    name_zh = models.CharField(_("Chinese name"), max_length=200, blank=True)
    host_city = models.CharField(_("host city"), max_length=100)
    host_country = CountryField(
        _("host country"),
        help_text=_("Enterprises from other countries count as foreign."),
    )
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    time_zone = models.CharField(
        _("time zone"), max_length=64, choices=time_zone_choices, default="Asia/Shanghai"
    )
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    status = models.CharField(
        _("status"), max_length=20, choices=ConferenceStatus.choices, default=ConferenceStatus.DRAFT
    )
    pairing = models.CharField(
        _("who may meet whom"),
        max_length=20,
        choices=Pairing.choices,
        default=Pairing.BUYERS_WITH_SUPPLIERS,
    )
    max_open_requests = models.PositiveSmallIntegerField(
        _("open requests per enterprise"),
        default=20,
        help_text=_("How many unanswered requests an enterprise may have sent at once."),
    )
    request_ttl_hours = models.PositiveSmallIntegerField(
        _("request lifetime (hours)"),
        default=72,
        help_text=_("An unanswered meeting request expires after this time."),
    )
    retention_days = models.PositiveSmallIntegerField(
        _("keep personal data (days)"),
        null=True,
        blank=True,
        default=365,
        help_text=_("Days after the last day, once the conference is closed, after which the "
                    "personal data of companies that had no meeting is anonymised. Empty: "
                    "kept."),
    )
    online_meetings = models.BooleanField(
        _("online meetings allowed"), default=False,
        help_text=_("Companies may ask for a meeting online instead of at a table."))
    online_link_pattern = models.CharField(
        _("online meeting link pattern"), max_length=300, blank=True,
        help_text=_("The link every online meeting gets unless a side pastes its own, for "
                    "example https://meet.example.com/cisocc-{meeting}; {meeting} becomes the "
                    "meeting's number."))
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ConferenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("conference")
        verbose_name_plural = _("conferences")
        ordering = ["-edition"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")),
                name="conference_ends_after_start",
                violation_error_message=_("The last day cannot be before the first day."),
            )
        ]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        """The name in the reader's language (the Chinese name when there is one)."""
        if self.name_zh and (get_language() or "").startswith("zh"):
            return self.name_zh
        return self.name

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)
