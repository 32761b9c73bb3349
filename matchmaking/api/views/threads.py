"""Message threads between companies: list, open, read and write messages.

Company users act for their enterprise; partner keys act for the enterprises whose
registration they submitted (organizer keys: every enterprise of their conferences) and
name the side they write for."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from accounts.models import Enterprise
from matchmaking.api import scoping
from matchmaking.api.idempotency import idempotent
from matchmaking.api.schema import IDEMPOTENCY, READ_ERRORS, WRITE_ERRORS, responses
from matchmaking.api.serializers.threads import (
    MessageCreateSerializer,
    MessageSerializer,
    ReadSerializer,
    ThreadCreateSerializer,
    ThreadSerializer,
)
from matchmaking.api.views.base import ScopedViewSet, visible
from matchmaking.messaging import services
from matchmaking.messaging.models import Thread

THREAD_EXAMPLE = OpenApiExample("thread", response_only=True, value={
    "id": 7, "conference": "cisocc-2", "companies": [
        {"id": 12, "legal_name": "Maple Analytics Inc.", "name_zh": "", "country": "CA",
         "role": "buyer"},
        {"id": 88, "legal_name": "Suzhou Cloud Testing Co., Ltd.", "name_zh": "苏州云测",
         "country": "CN", "role": "supplier"}],
    "created_at": "2026-05-02T09:20:00Z", "last_message_at": "2026-05-02T10:05:00Z",
    "unread": {"12": 2}})
MESSAGE_EXAMPLE = OpenApiExample("write a message", request_only=True, value={
    "body": "Could we meet on the first day instead?"})


@extend_schema_view(
    list=extend_schema(summary=gettext_lazy("List message threads"), tags=["messages"],
                       examples=[THREAD_EXAMPLE],
                       responses=responses({200: ThreadSerializer(many=True)}, *READ_ERRORS)),
    retrieve=extend_schema(summary=gettext_lazy("Get one message thread"), tags=["messages"],
                           examples=[THREAD_EXAMPLE],
                           responses=responses({200: ThreadSerializer}, *READ_ERRORS)),
)
class ThreadViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    scope, model = "threads", Thread
    serializer_class = ThreadSerializer
    ordering_fields = ["id", "last_message_at"]

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if not getattr(self, "swagger_fake_view", False):
            context["acting_for"] = scoping.acting_for(self.caller)
        return context

    def _side(self, thread: Thread, requested: int | None) -> Enterprise:
        """The enterprise the caller speaks for in this thread."""
        acting = scoping.acting_for(self.caller, thread)
        if self.caller.is_partner:
            if requested is None and len(acting) == 1:
                requested = next(iter(acting))
            if requested not in acting:
                raise serializers.ValidationError({"sender": [_(
                    "Name a side of the thread that this key acts for.")]})
        elif requested not in (None, self.caller.enterprise_id):
            raise serializers.ValidationError({"sender": [_(
                "You write as your own enterprise; leave it out.")]})
        return Enterprise.objects.get(pk=requested or self.caller.enterprise_id)

    @extend_schema(summary=gettext_lazy("Open the thread of a meeting request's two companies"),
                   description=gettext_lazy("Returns the pair's thread (201 when it is new)."),
                   tags=["messages"], request=ThreadCreateSerializer, parameters=[IDEMPOTENCY],
                   examples=[THREAD_EXAMPLE],
                   responses=responses({201: ThreadSerializer, 200: ThreadSerializer},
                                       *WRITE_ERRORS))
    @idempotent
    def create(self, request):
        payload = ThreadCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        meeting_request = visible(scoping.meeting_requests(self.caller), data["request"],
                                  "request")
        pair = Thread(conference=meeting_request.conference, low_id=meeting_request.sender_id,
                      high_id=meeting_request.recipient_id)
        side = self._side(pair, data.get("sender"))
        existed = self.get_queryset().filter(
            conference=pair.conference, low_id=min(pair.side_ids),
            high_id=max(pair.side_ids)).exists()
        thread = services.open_thread(
            conference=meeting_request.conference, enterprise=side,
            counterpart=meeting_request.counterpart_of(side), actor=self.caller.actor,
            partner=self.caller.partner)
        body = self.get_serializer(self.get_queryset().get(pk=thread.pk)).data
        return Response(body, status=status.HTTP_200_OK if existed else status.HTTP_201_CREATED)

    @extend_schema(methods=["GET"], summary=gettext_lazy("List the messages of a thread"),
                   tags=["messages"],
                   responses=responses({200: MessageSerializer(many=True)}, *READ_ERRORS))
    @extend_schema(methods=["POST"], summary=gettext_lazy("Write a message in a thread"),
                   tags=["messages"], request=MessageCreateSerializer,
                   examples=[MESSAGE_EXAMPLE],
                   responses=responses({201: MessageSerializer}, *WRITE_ERRORS))
    @action(detail=True, methods=["get", "post"], filter_backends=[],
            serializer_class=MessageSerializer)
    def messages(self, request, pk=None):
        thread = self.get_object()
        if request.method == "POST":
            return self._write(thread)
        page = self.paginate_queryset(scoping.thread_messages(thread))
        return self.get_paginated_response(MessageSerializer(page, many=True).data)

    def _write(self, thread):
        payload = MessageCreateSerializer(data=self.request.data)
        payload.is_valid(raise_exception=True)
        sender = self._side(thread, payload.validated_data.get("sender"))
        message = services.post_message(thread=thread, sender=sender,
                                        body=payload.validated_data["body"],
                                        actor=self.caller.actor, partner=self.caller.partner)
        return Response(MessageSerializer(message).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary=gettext_lazy("Mark a thread read for one side"), tags=["messages"],
                   request=ReadSerializer, examples=[THREAD_EXAMPLE],
                   responses=responses({200: ThreadSerializer}, *WRITE_ERRORS))
    @action(detail=True, methods=["post"], filter_backends=[])
    def read(self, request, pk=None):
        thread = self.get_object()
        payload = ReadSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        side = self._side(thread, payload.validated_data.get("sender"))
        services.mark_thread_read(thread=thread, enterprise=side)
        return Response(self.get_serializer(self.get_queryset().get(pk=thread.pk)).data)
