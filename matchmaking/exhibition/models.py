"""The exhibition: halls with their plan, booths, and the enterprises that exhibit."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from matchmaking.uploads import validate_image


class Hall(models.Model):
    conference = models.ForeignKey("events.Conference", on_delete=models.CASCADE,
                                   related_name="halls", verbose_name=_("conference"))
    name = models.CharField(_("name"), max_length=100, help_text=_("For example: Hall A."))
    name_zh = models.CharField(_("Chinese name"), max_length=100, blank=True)
    plan = models.ImageField(
        _("hall plan"), upload_to="exhibition/plans/", blank=True,
        validators=[validate_image],
        help_text=_("An image of the hall with the booth numbers, shown in the exhibitor "
                    "directory."))
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("hall")
        verbose_name_plural = _("halls")
        ordering = ["conference", "position", "name"]
        constraints = [models.UniqueConstraint(fields=["conference", "name"],
                                               name="hall_name_unique_per_conference",
            violation_error_message=_("This conference already has a hall with this name."))]

    def __str__(self):
        return self.name


class Booth(models.Model):
    """A stand in a hall. With a capacity above zero it is also a meeting place: it holds
    that many meetings at once (see matchmaking/places/)."""

    hall = models.ForeignKey(Hall, on_delete=models.CASCADE, related_name="booths",
                             verbose_name=_("hall"))
    number = models.CharField(_("number"), max_length=20, help_text=_("As on the hall plan."))
    size_sqm = models.PositiveSmallIntegerField(_("size (m²)"), default=9)
    capacity = models.PositiveSmallIntegerField(
        _("meetings at once"), default=0,
        help_text=_("How many meetings the booth holds at the same time; 0: none."))

    class Meta:
        verbose_name = _("booth")
        verbose_name_plural = _("booths")
        ordering = ["hall__position", "hall__name", "number"]
        constraints = [models.UniqueConstraint(fields=["hall", "number"],
                                               name="booth_number_unique_per_hall",
            violation_error_message=_("This hall already has a booth with this number."))]

    def __str__(self):
        return _("Booth %(number)s") % {"number": self.number}


class Exhibitor(models.Model):
    """An enterprise that exhibits at a conference (through its registration), with its
    booth once assigned."""

    registration = models.OneToOneField("accounts.Registration", on_delete=models.CASCADE,
                                        related_name="exhibitor",
                                        verbose_name=_("registration"))
    booth = models.OneToOneField(Booth, on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="exhibitor", verbose_name=_("booth"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("exhibitor")
        verbose_name_plural = _("exhibitors")
        ordering = ["registration__enterprise__legal_name"]

    def __str__(self):
        return str(self.registration.enterprise)
