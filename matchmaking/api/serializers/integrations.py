"""Schedule runs, webhook subscriptions and the caller's identity."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from matchmaking.models import ScheduleRun, WebhookSubscription
from matchmaking.webhooks import EVENT_TYPES


class ScheduleRunSerializer(serializers.ModelSerializer):
    conference = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = ScheduleRun
        fields = ["id", "conference", "mode", "status", "progress", "time_limit", "metrics",
                  "error", "created_at", "started_at", "finished_at", "published_at",
                  "updated_at"]
        read_only_fields = fields


class ScheduleRunReportSerializer(ScheduleRunSerializer):
    result = serializers.JSONField(read_only=True, help_text=_(
        "The engine's result: meetings placed (request, slot, table) and the unscheduled."))

    class Meta(ScheduleRunSerializer.Meta):
        fields = [*ScheduleRunSerializer.Meta.fields, "result"]
        read_only_fields = fields


class ScheduleRunCreateSerializer(serializers.Serializer):
    conference = serializers.SlugField()
    mode = serializers.ChoiceField(choices=ScheduleRun.Mode.choices, default=ScheduleRun.Mode.FULL)
    time_limit = serializers.FloatField(min_value=1, max_value=600, default=10.0,
                                        help_text=_("Seconds the engine may search."))


class JsonBooleanField(serializers.BooleanField):
    """JSON true or false only: DRF would read 0, 1, "yes" or "off" as booleans, which the
    schema (type boolean) does not allow."""

    def to_internal_value(self, data):
        if not isinstance(data, bool):
            self.fail("invalid", input=data)
        return data


class WebhookSubscriptionSerializer(serializers.ModelSerializer):
    events = serializers.ListField(
        child=serializers.ChoiceField(choices=EVENT_TYPES), required=False, max_length=20,
        help_text=_("Event types to receive; empty or absent: all."))
    url = serializers.URLField(max_length=500)
    is_active = JsonBooleanField(required=False)

    class Meta:
        model = WebhookSubscription
        fields = ["id", "url", "events", "is_active", "created_at"]
        read_only_fields = ["id", "created_at"]

    def validate_url(self, value):
        if not value.lower().startswith(("http://", "https://")):
            raise serializers.ValidationError(_("Use an http or https URL."))
        return value


class WebhookSubscriptionCreatedSerializer(WebhookSubscriptionSerializer):
    secret = serializers.CharField(read_only=True, help_text=_(
        "The signing secret, shown only in this response: store it."))

    class Meta(WebhookSubscriptionSerializer.Meta):
        fields = [*WebhookSubscriptionSerializer.Meta.fields, "secret"]


class MeSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=["partner", "company"])
    partner = serializers.CharField(allow_null=True)
    enterprise = serializers.IntegerField(allow_null=True)
    key_prefix = serializers.CharField(allow_null=True)
    scope = serializers.ChoiceField(choices=["read", "write"])
    organizer = serializers.BooleanField()
    conferences = serializers.ListField(child=serializers.CharField())
