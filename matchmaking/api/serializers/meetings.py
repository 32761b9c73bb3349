"""Meeting requests, meetings, agendas and outcomes."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from events.models import IndustryField
from matchmaking.api.serializers.common import ConferenceTimeMixin, EnterpriseRefSerializer
from matchmaking.models import Meeting, MeetingOutcome, MeetingRequest, OutcomeResult, Purpose


class MeetingRequestSerializer(serializers.ModelSerializer):
    conference = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    sender = EnterpriseRefSerializer(read_only=True)
    recipient = EnterpriseRefSerializer(read_only=True)

    class Meta:
        model = MeetingRequest
        fields = ["id", "conference", "sender", "recipient", "purpose", "message", "status",
                  "created_at", "expires_at", "answered_at", "decline_reason", "updated_at"]
        read_only_fields = fields


class MeetingRequestCreateSerializer(serializers.Serializer):
    conference = serializers.SlugField(help_text=_("Conference slug."))
    recipient = serializers.IntegerField(min_value=1, help_text=_("Enterprise id."))
    sender = serializers.IntegerField(
        min_value=1, required=False,
        help_text=_("Partner keys only: the enterprise the request is sent for. Company users "
                    "always send as their own enterprise."))
    purpose = serializers.ChoiceField(choices=Purpose.choices)
    message = serializers.CharField(required=False, allow_blank=True, default="",
                                    max_length=2000)


class DeclineSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=500)


class TableRefSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    name = serializers.CharField()


class MeetingSerializer(ConferenceTimeMixin, serializers.ModelSerializer):
    conference = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    request = serializers.PrimaryKeyRelatedField(read_only=True)
    purpose = serializers.CharField(source="request.purpose", read_only=True)
    sender = EnterpriseRefSerializer(source="request.sender", read_only=True)
    recipient = EnterpriseRefSerializer(source="request.recipient", read_only=True)
    start = serializers.DateTimeField(source="slot.start", read_only=True)
    end = serializers.DateTimeField(source="slot.end", read_only=True)
    table = TableRefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Meeting
        fields = ["id", "conference", "request", "purpose", "sender", "recipient", "slot",
                  "start", "end", "table", "status", "source", "cancelled_reason", "updated_at"]
        read_only_fields = fields


class AgendaItemSerializer(ConferenceTimeMixin, serializers.Serializer):
    meeting = serializers.IntegerField(source="pk")
    conference = serializers.CharField(source="conference.slug")
    start = serializers.DateTimeField(source="slot.start")
    end = serializers.DateTimeField(source="slot.end")
    table = TableRefSerializer(allow_null=True)
    purpose = serializers.CharField(source="request.purpose")
    counterpart = serializers.SerializerMethodField()

    def get_counterpart(self, meeting) -> EnterpriseRefSerializer:
        enterprise = meeting.request.counterpart_of(self.context["enterprise"])
        return EnterpriseRefSerializer(enterprise).data


class AgendaSerializer(serializers.Serializer):
    enterprise = EnterpriseRefSerializer()
    meetings = AgendaItemSerializer(many=True)


class OutcomeSerializer(serializers.ModelSerializer):
    field = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)

    class Meta:
        model = MeetingOutcome
        fields = ["id", "meeting", "enterprise", "result", "intended_investment_usd", "field",
                  "follow_up_on", "stage", "notes", "reported_at"]
        read_only_fields = fields


class OutcomeCreateSerializer(serializers.Serializer):
    meeting = serializers.IntegerField(min_value=1)
    result = serializers.ChoiceField(choices=OutcomeResult.choices)
    intended_investment_usd = serializers.DecimalField(
        max_digits=14, decimal_places=0, min_value=0, required=False, allow_null=True,
        default=None)
    field = serializers.SlugRelatedField(slug_field="slug", queryset=IndustryField.objects.all(),
                                         required=False, allow_null=True, default=None)
    follow_up_on = serializers.DateField(required=False, allow_null=True, default=None)
    notes = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)
