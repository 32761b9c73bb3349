import datetime as dt

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from accounts.models import Enterprise
from events.models import Seniority

SENIORITY_NAMES = {member.name.lower(): member.value for member in Seniority}
SENIORITY_BY_VALUE = {value: name for name, value in SENIORITY_NAMES.items()}


class SeniorityField(serializers.ChoiceField):
    """A delegate's rank by name (staff ... executive), as in the CSV import."""

    def __init__(self, **kwargs):
        choices = [(name, Seniority(value).label) for name, value in SENIORITY_NAMES.items()]
        super().__init__(choices=choices, **kwargs)

    def to_representation(self, value):
        return SENIORITY_BY_VALUE.get(value, str(value))

    def to_internal_value(self, data):
        return SENIORITY_NAMES[super().to_internal_value(data)]


class ConferenceTimeMixin:
    """Show `start`/`end` in the conference's own zone (still ISO 8601 with offset), so an
    agenda reads in local time wherever the reader is."""

    local_time_fields = ("start", "end")

    def to_representation(self, instance):
        data = super().to_representation(instance)
        zone = instance.conference.zone
        for name in self.local_time_fields:
            if data.get(name):
                data[name] = dt.datetime.fromisoformat(data[name]).astimezone(zone).isoformat()
        return data


class EnterpriseRefSerializer(serializers.ModelSerializer):
    """The other side of a request or meeting: enough to show it."""

    country = serializers.CharField(source="country.code", read_only=True)

    class Meta:
        model = Enterprise
        fields = ["id", "legal_name", "name_zh", "country", "role"]
        read_only_fields = fields


class ErrorDetailSerializer(serializers.Serializer):
    code = serializers.CharField(help_text=_("Stable machine-readable code, e.g. not_found."))
    message = serializers.CharField(help_text=_("Human-readable explanation."))
    fields = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()), required=False,
        help_text=_("Field errors by dotted field name (validation errors only)."))
    retry_after = serializers.IntegerField(required=False,
                                           help_text=_("Seconds to wait (429 only)."))


class ErrorSerializer(serializers.Serializer):
    error = ErrorDetailSerializer()
