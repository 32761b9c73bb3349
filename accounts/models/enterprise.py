from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from events.models import Seniority


class EnterpriseRole(models.TextChoices):
    BUYER = "buyer", _("Buyer")
    SUPPLIER = "supplier", _("Supplier")
    BOTH = "both", _("Buyer and supplier")


class EnterpriseQuerySet(models.QuerySet):
    def buyers(self):
        return self.filter(role__in=[EnterpriseRole.BUYER, EnterpriseRole.BOTH])

    def suppliers(self):
        return self.filter(role__in=[EnterpriseRole.SUPPLIER, EnterpriseRole.BOTH])


class Enterprise(models.Model):
    legal_name = models.CharField(_("legal name"), max_length=200, unique=True)
    name_zh = models.CharField(_("Chinese name"), max_length=200, blank=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    country = CountryField(_("country"))
    province = models.CharField(_("province or state"), max_length=100, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    role = models.CharField(_("role"), max_length=10, choices=EnterpriseRole.choices)
    fields = models.ManyToManyField(
        "events.IndustryField", blank=True, related_name="enterprises", verbose_name=_("fields")
    )
    # Profiles in both languages; either may be empty (readers get theirs first, the other
    # as a marked fallback). Limits keep pages readable and are checked by the service.
    description = models.TextField(_("description"), blank=True, max_length=2000)
    offers = models.TextField(_("offers"), blank=True, max_length=1000,
                              help_text=_("What the enterprise sells."))
    needs = models.TextField(_("needs"), blank=True, max_length=1000,
                             help_text=_("What it wants to buy."))
    description_zh = models.TextField(_("description (Chinese)"), blank=True, max_length=2000)
    offers_zh = models.TextField(_("offers (Chinese)"), blank=True, max_length=1000)
    needs_zh = models.TextField(_("needs (Chinese)"), blank=True, max_length=1000)
    contract_value_usd = models.DecimalField(
        _("outsourcing contract offered (USD)"),
        max_digits=14,
        decimal_places=0,
        null=True,
        blank=True,
        help_text=_("Buyers: the value of the outsourcing contracts it offers."),
        # A field error in every form and import, before the constraint below is reached.
        validators=[MinValueValidator(0)],
    )
    logo = models.ImageField(
        _("logo"), upload_to="logos/", blank=True,
        help_text=_("PNG, JPEG or WebP, at most 2 MB; stored as a PNG of at most 400 pixels."))
    employees = models.PositiveIntegerField(_("employees"), null=True, blank=True)
    website = models.URLField(_("website"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True, db_index=True)

    objects = EnterpriseQuerySet.as_manager()

    class Meta:
        verbose_name = _("enterprise")
        verbose_name_plural = _("enterprises")
        ordering = ["legal_name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(contract_value_usd__isnull=True)
                    | models.Q(contract_value_usd__gte=0),
                name="enterprise_contract_not_negative",
                violation_error_message=_("The contract value cannot be negative."),
            )
        ]
        # Import and export are organizer rights (IMPORT_EXPORT_*_PERMISSION_CODE).
        permissions = [
            ("import_enterprise", _("Can import enterprises from a CSV or XLSX file")),
            ("export_enterprise", _("Can export enterprises to a file")),
        ]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        """The name in the reader's language: the Chinese name for a Chinese reader when
        there is one, else the legal name."""
        if self.name_zh and (get_language() or "").startswith("zh"):
            return self.name_zh
        return self.legal_name

    def text_in_reader_language(self, name: str) -> tuple[str, bool]:
        """(text, is_fallback) of `name` ("description", "offers" or "needs"): the
        reader's language first, else the other one, marked as a fallback."""
        chinese = (get_language() or "").startswith("zh")
        mine, other = (f"{name}_zh", name) if chinese else (name, f"{name}_zh")
        if getattr(self, mine):
            return getattr(self, mine), False
        return getattr(self, other), bool(getattr(self, other))

    @property
    def is_buyer(self) -> bool:
        return self.role in (EnterpriseRole.BUYER, EnterpriseRole.BOTH)

    @property
    def is_supplier(self) -> bool:
        return self.role in (EnterpriseRole.SUPPLIER, EnterpriseRole.BOTH)

    def is_foreign_for(self, conference) -> bool:
        return self.country.code != conference.host_country.code


class Delegate(models.Model):
    """A person attending a conference for an enterprise."""

    enterprise = models.ForeignKey(
        Enterprise, on_delete=models.CASCADE, related_name="delegates", verbose_name=_("enterprise")
    )
    full_name = models.CharField(_("name"), max_length=150)
    title = models.CharField(_("title"), max_length=150, help_text=_("As on the business card."))
    seniority = models.PositiveSmallIntegerField(_("seniority"), choices=Seniority.choices)
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    languages = models.CharField(
        _("languages"),
        max_length=60,
        blank=True,
        help_text=_("Language codes separated by commas, for example: en,zh."),
    )

    class Meta:
        verbose_name = _("delegate")
        verbose_name_plural = _("delegates")
        ordering = ["enterprise", "-seniority", "full_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "email"],
                name="delegate_unique_email_per_enterprise",
                violation_error_message=_(
                    "Each delegate of an enterprise needs a different e-mail."),
            )
        ]
        permissions = [
            ("import_delegate", _("Can import delegates from a CSV or XLSX file")),
            ("export_delegate", _("Can export delegates to a file")),
        ]

    def __str__(self):
        return f"{self.full_name} ({self.title})"

    @property
    def language_list(self) -> list[str]:
        return [code.strip() for code in self.languages.split(",") if code.strip()]
