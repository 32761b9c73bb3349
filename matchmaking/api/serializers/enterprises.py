"""Enterprises (the public directory), delegates and registrations.

What the directory shows of another company is deliberately less than what
its owner sees: no contract value (vetting data the organizers asked for, not
a public fact) and no delegate contact details.
"""

from django.utils.translation import gettext_lazy as _
from django_countries import countries
from rest_framework import serializers

from accounts import eligibility
from accounts.models import Delegate, Enterprise, EnterpriseRole, Registration
from events.models import IndustryField
from matchmaking.api.serializers.common import SeniorityField


class PublicDelegateSerializer(serializers.ModelSerializer):
    seniority = SeniorityField(read_only=True)
    languages = serializers.ListField(source="language_list", child=serializers.CharField(),
                                      read_only=True)

    class Meta:
        model = Delegate
        fields = ["full_name", "title", "seniority", "languages"]
        read_only_fields = fields


class EnterpriseSerializer(serializers.ModelSerializer):
    """The directory entry of an approved enterprise."""

    country = serializers.CharField(source="country.code", read_only=True)
    fields = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    delegates = PublicDelegateSerializer(many=True, read_only=True)
    # May be empty, so not typed as a URI.
    website = serializers.CharField(read_only=True)
    logo_url = serializers.SerializerMethodField(
        help_text=_("The logo (a PNG of at most 400 pixels), or null; uploaded on the "
                    "company's profile page."))

    class Meta:
        model = Enterprise
        fields = ["id", "slug", "legal_name", "name_zh", "country", "province", "city", "role",
                  "fields", "description", "offers", "needs", "description_zh", "offers_zh",
                  "needs_zh", "employees", "website", "logo_url", "delegates", "updated_at"]
        read_only_fields = fields

    def get_logo_url(self, enterprise) -> str | None:
        if not enterprise.logo:
            return None
        request = self.context.get("request")
        url = enterprise.logo.url
        return request.build_absolute_uri(url) if request else url


class DelegateSerializer(serializers.ModelSerializer):
    """A delegate with contact details: only for its own enterprise's callers."""

    seniority = SeniorityField(read_only=True)

    class Meta:
        model = Delegate
        fields = ["id", "enterprise", "full_name", "title", "seniority", "email", "phone",
                  "languages"]
        read_only_fields = fields


class DelegateInputSerializer(serializers.Serializer):
    full_name = serializers.CharField(max_length=150)
    title = serializers.CharField(max_length=150)
    seniority = SeniorityField()
    email = serializers.EmailField()
    phone = serializers.CharField(max_length=40, required=False, allow_blank=True, default="")
    languages = serializers.RegexField(r"^[a-z]{2,3}(,[a-z]{2,3})*$", max_length=60,
                                       required=False, allow_blank=True, default="",
                                       help_text=_("Language codes separated by commas: en,zh."))


class DelegateCreateSerializer(DelegateInputSerializer):
    enterprise = serializers.IntegerField(help_text=_("Id of your (or your registration's) "
                                                      "enterprise."))


class OwnEnterpriseSerializer(EnterpriseSerializer):
    """The enterprise as its owner (or the partner that registered it) sees it."""

    delegates = DelegateSerializer(many=True, read_only=True)

    class Meta(EnterpriseSerializer.Meta):
        fields = [*EnterpriseSerializer.Meta.fields, "contract_value_usd"]
        read_only_fields = fields


class RuleResultSerializer(serializers.Serializer):
    code = serializers.CharField()
    passed = serializers.BooleanField()
    label = serializers.SerializerMethodField()
    explanation = serializers.SerializerMethodField()

    def get_label(self, result) -> str:
        return str(eligibility.label(result["code"]))

    def get_explanation(self, result) -> str:
        return str(eligibility.describe(result))


class RegistrationSerializer(serializers.ModelSerializer):
    conference = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    enterprise = OwnEnterpriseSerializer(read_only=True)
    rule_results = RuleResultSerializer(many=True, read_only=True)

    class Meta:
        model = Registration
        fields = ["id", "conference", "enterprise", "status", "submitted_at", "decided_at",
                  "decision_reason", "passes_rules", "rule_results", "max_meetings",
                  "parallel_meetings", "reopened_at", "updated_at"]
        read_only_fields = fields


def _profile_text(name: str) -> serializers.CharField:
    """A free-text profile field, optional, with the model's limit (the service checks it
    too, for every door)."""
    return serializers.CharField(required=False, allow_blank=True, default="",
                                 max_length=Enterprise._meta.get_field(name).max_length)


class EnterpriseInputSerializer(serializers.Serializer):
    legal_name = serializers.CharField(max_length=200)
    name_zh = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    country = serializers.ChoiceField(choices=list(countries),
                                      help_text=_("ISO 3166-1 alpha-2 code."))
    province = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    city = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    role = serializers.ChoiceField(choices=EnterpriseRole.choices)
    fields = serializers.SlugRelatedField(slug_field="slug", many=True,
                                          queryset=IndustryField.objects.all(),
                                          help_text=_("Industry field slugs."))
    description = _profile_text("description")
    offers = _profile_text("offers")
    needs = _profile_text("needs")
    description_zh = _profile_text("description_zh")
    offers_zh = _profile_text("offers_zh")
    needs_zh = _profile_text("needs_zh")
    contract_value_usd = serializers.DecimalField(max_digits=14, decimal_places=0,
                                                  min_value=0, required=False, allow_null=True,
                                                  default=None)
    employees = serializers.IntegerField(min_value=0, max_value=2_000_000_000, required=False,
                                         allow_null=True, default=None)
    website = serializers.URLField(max_length=200, required=False, allow_blank=True, default="")

    def validate_legal_name(self, value):
        if Enterprise.objects.filter(legal_name__iexact=value).exists():
            raise serializers.ValidationError(_("An enterprise with this legal name is already "
                                                "registered; ask the organizers to link it."))
        return value


class RegistrationSettingsSerializer(serializers.Serializer):
    """What an organizer system may set on a registration (PATCH: send only what changes)."""

    parallel_meetings = serializers.IntegerField(
        required=False, min_value=1, max_value=100,
        help_text=_("Seats: how many meetings the delegation holds in one slot; at most its "
                    "number of delegates."))
    max_meetings = serializers.IntegerField(
        required=False, allow_null=True, min_value=0, max_value=10_000,
        help_text=_("Cap on meetings in the whole event; null for no cap."))


class RegistrationCreateSerializer(serializers.Serializer):
    conference = serializers.SlugField(help_text=_("Conference slug."))
    enterprise = EnterpriseInputSerializer()
    delegates = DelegateInputSerializer(many=True, allow_empty=False, max_length=20)
    notes = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)

    def validate_delegates(self, value):
        emails = [d["email"].lower() for d in value]
        if len(emails) != len(set(emails)):
            raise serializers.ValidationError(_("Each delegate needs a different e-mail."))
        return value
