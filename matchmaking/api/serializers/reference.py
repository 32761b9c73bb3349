"""Conferences, industry fields and the meeting grid."""

from rest_framework import serializers

from events.models import Conference, IndustryField, Table, TimeSlot
from matchmaking.api.serializers.common import ConferenceTimeMixin


class ConferenceSerializer(serializers.ModelSerializer):
    host_country = serializers.CharField(source="host_country.code", read_only=True)

    class Meta:
        model = Conference
        fields = ["id", "slug", "edition", "name", "name_zh", "host_city", "host_country",
                  "venue", "time_zone", "start_date", "end_date", "status", "pairing",
                  "max_open_requests", "request_ttl_hours", "updated_at"]
        read_only_fields = fields


class IndustryFieldSerializer(serializers.ModelSerializer):
    class Meta:
        model = IndustryField
        fields = ["id", "slug", "name", "name_zh"]
        read_only_fields = fields


class SlotSerializer(ConferenceTimeMixin, serializers.ModelSerializer):
    conference = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = TimeSlot
        fields = ["id", "conference", "start", "end"]
        read_only_fields = fields


class TableSerializer(serializers.ModelSerializer):
    conference = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Table
        fields = ["id", "conference", "number", "name", "seats", "is_active"]
        read_only_fields = fields
