"""Schedule runs (organizer keys) and a partner's own webhook subscriptions."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_view
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.response import Response

from matchmaking.api import filters
from matchmaking.api import services as api_services
from matchmaking.api.idempotency import idempotent
from matchmaking.api.schema import IDEMPOTENCY, READ_ERRORS, WRITE_ERRORS, responses
from matchmaking.api.serializers.integrations import (
    ScheduleRunCreateSerializer,
    ScheduleRunReportSerializer,
    ScheduleRunSerializer,
    WebhookSubscriptionCreatedSerializer,
    WebhookSubscriptionSerializer,
)
from matchmaking.api.views.base import ScopedViewSet, visible_conference
from matchmaking.models import ScheduleRun, WebhookSubscription

RUN_EXAMPLE = OpenApiExample("schedule run", response_only=True, value={
    "id": 9, "conference": "cisocc-2", "mode": "full", "status": "running", "progress": 40,
    "time_limit": 10.0, "metrics": {}, "error": "", "created_at": "2026-05-04T08:00:00+08:00",
    "started_at": "2026-05-04T08:00:01+08:00", "finished_at": None, "published_at": None,
    "updated_at": "2026-05-04T08:00:05+08:00"})
WEBHOOK_EXAMPLE = OpenApiExample("subscription", request_only=True, value={
    "url": "https://crm.example.com/hooks/matchmaking",
    "events": ["meeting_request.answered", "meeting.booked"]})


@extend_schema_view(
    list=extend_schema(summary=_("List schedule runs (organizer keys)"), tags=["schedule"],
                       examples=[RUN_EXAMPLE],
                       responses=responses({200: ScheduleRunSerializer(many=True)},
                                           *READ_ERRORS)),
    retrieve=extend_schema(summary=_("Follow a schedule run's progress"), tags=["schedule"],
                           examples=[RUN_EXAMPLE],
                           responses=responses({200: ScheduleRunSerializer}, *READ_ERRORS)),
)
class ScheduleRunViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    scope, model = "schedule_runs", ScheduleRun
    serializer_class = ScheduleRunSerializer
    filterset_class = filters.ScheduleRunFilter
    ordering_fields = ["id", "created_at", "updated_at"]
    allowed_callers = {"*": "organizer"}

    @extend_schema(summary=_("Start a schedule run; it computes a draft in the background"),
                   tags=["schedule"], request=ScheduleRunCreateSerializer,
                   parameters=[IDEMPOTENCY], examples=[
                       OpenApiExample("start", request_only=True,
                                      value={"conference": "cisocc-2", "mode": "full",
                                             "time_limit": 10}), RUN_EXAMPLE],
                   responses=responses({202: ScheduleRunSerializer}, *WRITE_ERRORS))
    @idempotent
    def create(self, request):
        payload = ScheduleRunCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        # Imported on use: the scheduling services pull in the engine, which no other
        # endpoint needs.
        from matchmaking.services.scheduling import start_schedule_run

        run = start_schedule_run(conference=visible_conference(self.caller, data["conference"]),
                                 mode=data["mode"], time_limit=data["time_limit"])
        run = self.get_queryset().get(pk=run.pk)
        return Response(ScheduleRunSerializer(run).data, status=status.HTTP_202_ACCEPTED)

    @extend_schema(summary=_("Read a run's report: metrics and the engine's result"),
                   tags=["schedule"], filters=False,
                   responses=responses({200: ScheduleRunReportSerializer}, *READ_ERRORS))
    @action(detail=True, methods=["get"])
    def report(self, request, pk=None):
        return Response(ScheduleRunReportSerializer(self.get_object()).data)

    @extend_schema(summary=_("Publish a finished draft as the live schedule"), tags=["schedule"],
                   request=None, examples=[RUN_EXAMPLE],
                   responses=responses({200: ScheduleRunSerializer}, *WRITE_ERRORS))
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        from matchmaking.services.publishing import publish_schedule_run

        run = publish_schedule_run(run=self.get_object())
        return Response(ScheduleRunSerializer(self.get_queryset().get(pk=run.pk)).data)


@extend_schema_view(
    list=extend_schema(summary=_("List your webhook subscriptions"), tags=["webhooks"],
                       responses=responses({200: WebhookSubscriptionSerializer(many=True)},
                                           *READ_ERRORS)),
    retrieve=extend_schema(summary=_("Get one of your webhook subscriptions"), tags=["webhooks"],
                           responses=responses({200: WebhookSubscriptionSerializer},
                                               *READ_ERRORS)),
    partial_update=extend_schema(summary=_("Change a subscription's URL, events or state"),
                                 tags=["webhooks"], examples=[WEBHOOK_EXAMPLE],
                                 responses=responses({200: WebhookSubscriptionSerializer},
                                                     *WRITE_ERRORS)),
    destroy=extend_schema(summary=_("Delete a subscription"), tags=["webhooks"],
                          responses=responses({204: None}, *WRITE_ERRORS)),
)
class WebhookSubscriptionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin,
                                 ScopedViewSet):
    scope, model = "webhook_subscriptions", WebhookSubscription
    serializer_class = WebhookSubscriptionSerializer
    filterset_class = filters.WebhookSubscriptionFilter
    allowed_callers = {"*": "partner"}

    @extend_schema(summary=_("Subscribe to events; the response shows the signing secret once"),
                   tags=["webhooks"], request=WebhookSubscriptionSerializer,
                   parameters=[IDEMPOTENCY], examples=[WEBHOOK_EXAMPLE],
                   responses=responses({201: WebhookSubscriptionCreatedSerializer},
                                       *WRITE_ERRORS))
    @idempotent
    def create(self, request):
        payload = WebhookSubscriptionSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        subscription = api_services.subscribe_webhook(
            partner=self.caller.partner, url=data["url"], events=data.get("events", []),
            is_active=data.get("is_active", True))
        return Response(WebhookSubscriptionCreatedSerializer(subscription).data,
                        status=status.HTTP_201_CREATED)

    def partial_update(self, request, pk=None):
        subscription = self.get_object()
        payload = WebhookSubscriptionSerializer(subscription, data=request.data, partial=True)
        payload.is_valid(raise_exception=True)
        subscription = api_services.update_webhook(
            subscription=subscription, partner=self.caller.partner,
            changes=dict(payload.validated_data))
        return Response(WebhookSubscriptionSerializer(subscription).data)

    def destroy(self, request, pk=None):
        api_services.unsubscribe_webhook(subscription=self.get_object(),
                                         partner=self.caller.partner)
        return Response(status=status.HTTP_204_NO_CONTENT)
