"""Message threads between companies and their messages (read and write shapes apart)."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from matchmaking.api.serializers.common import EnterpriseRefSerializer
from matchmaking.messaging.models import MESSAGE_MAX_LENGTH, Message, Thread


class ThreadSerializer(serializers.ModelSerializer):
    conference = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    companies = serializers.SerializerMethodField()
    unread = serializers.SerializerMethodField(
        help_text=_("Unread messages per enterprise id, for the sides the caller acts for."))

    class Meta:
        model = Thread
        fields = ["id", "conference", "companies", "created_at", "last_message_at", "unread"]
        read_only_fields = fields

    def get_companies(self, thread) -> EnterpriseRefSerializer(many=True):
        return EnterpriseRefSerializer([thread.low, thread.high], many=True).data

    def get_unread(self, thread) -> dict[str, int]:
        acting = self.context["acting_for"]
        return {str(reader.enterprise_id): reader.unread for reader in thread.readers.all()
                if reader.enterprise_id in acting}


class ThreadCreateSerializer(serializers.Serializer):
    request = serializers.IntegerField(
        min_value=1, help_text=_("A meeting request between the two companies."))
    sender = serializers.IntegerField(
        min_value=1, required=False,
        help_text=_("Partner keys only: the side the thread is opened for (default: a side "
                    "the partner acts for)."))


class MessageSerializer(serializers.ModelSerializer):
    sender = EnterpriseRefSerializer(read_only=True)
    sent_by_partner = serializers.SerializerMethodField()

    class Meta:
        model = Message
        fields = ["id", "thread", "sender", "body", "created_at", "sent_by_partner"]
        read_only_fields = fields

    def get_sent_by_partner(self, message) -> bool:
        return message.partner_id is not None


class MessageCreateSerializer(serializers.Serializer):
    body = serializers.CharField(max_length=MESSAGE_MAX_LENGTH,
                                 help_text=_("Plain text; shown escaped, never as HTML."))
    sender = serializers.IntegerField(
        min_value=1, required=False,
        help_text=_("Partner keys only: the side the message is written for. Company users "
                    "always write as their own enterprise."))


class ReadSerializer(serializers.Serializer):
    sender = serializers.IntegerField(
        min_value=1, required=False,
        help_text=_("Partner keys only: the side that has read the thread."))
