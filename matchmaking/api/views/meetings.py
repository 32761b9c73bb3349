"""Meeting requests (send, accept, decline, withdraw), meetings and outcomes."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from accounts.models import Enterprise
from matchmaking.api import filters, scoping
from matchmaking.api import services as api_services
from matchmaking.api.idempotency import idempotent
from matchmaking.api.schema import IDEMPOTENCY, READ_ERRORS, WRITE_ERRORS, responses
from matchmaking.api.serializers.meetings import (
    DeclineSerializer,
    MeetingRequestCreateSerializer,
    MeetingRequestSerializer,
    MeetingSerializer,
    OutcomeCreateSerializer,
    OutcomeSerializer,
)
from matchmaking.api.views.base import ScopedViewSet, visible, visible_conference
from matchmaking.models import Meeting, MeetingOutcome, MeetingRequest
from matchmaking.services import requests as request_services
from matchmaking.services.outcomes import record_meeting_outcome

REF = {"id": 12, "legal_name": "Maple Analytics Inc.", "name_zh": "", "country": "CA",
       "role": "buyer"}
REQUEST_EXAMPLE = OpenApiExample("meeting request", response_only=True, value={
    "id": 501, "conference": "cisocc-2",
    "sender": {"id": 88, "legal_name": "Suzhou Cloud Testing Co., Ltd.", "name_zh": "苏州云测",
               "country": "CN", "role": "supplier"},
    "recipient": REF, "purpose": "outsourcing_purchase", "message": "We test mobile apps.",
    "status": "pending", "created_at": "2026-05-02T09:15:00+08:00",
    "expires_at": "2026-05-05T09:15:00+08:00", "answered_at": None, "decline_reason": "",
    "updated_at": "2026-05-02T09:15:00+08:00"})
CREATE_EXAMPLE = OpenApiExample("request a meeting", request_only=True, value={
    "conference": "cisocc-2", "recipient": 12, "purpose": "outsourcing_purchase",
    "message": "We test mobile apps; 20 minutes to show our results?"})
PARTNER_CREATE_EXAMPLE = OpenApiExample("a partner requests for an enterprise",
                                        request_only=True, value={
    "conference": "cisocc-2", "sender": 88, "recipient": 12, "purpose": "investment"})
MEETING_EXAMPLE = OpenApiExample("meeting", response_only=True, value={
    "id": 301, "conference": "cisocc-2", "request": 501, "purpose": "outsourcing_purchase",
    "sender": REF, "recipient": REF, "slot": 41, "start": "2010-06-23T09:00:00+08:00",
    "end": "2010-06-23T09:30:00+08:00", "table": {"number": 4, "name": ""},
    "status": "scheduled", "source": "scheduler", "cancelled_reason": "",
    "updated_at": "2026-05-03T18:00:00+08:00"})
OUTCOME_EXAMPLE = OpenApiExample("outcome", request_only=True, value={
    "meeting": 301, "result": "likely", "intended_investment_usd": 2500000,
    "field": "software", "follow_up_on": "2010-09-01",
    "notes": "Pilot project in Q3."})


def answer_schema(summary, request=None):
    return extend_schema(summary=summary, tags=["meeting requests"], request=request,
                         examples=[REQUEST_EXAMPLE],
                         responses=responses({200: MeetingRequestSerializer}, *WRITE_ERRORS))


@extend_schema_view(
    list=extend_schema(summary=gettext_lazy("List meeting requests"), tags=["meeting requests"],
                       examples=[REQUEST_EXAMPLE],
                       responses=responses({200: MeetingRequestSerializer(many=True)},
                                           *READ_ERRORS)),
    retrieve=extend_schema(summary=gettext_lazy("Get one meeting request"),
                           tags=["meeting requests"], examples=[REQUEST_EXAMPLE],
                           responses=responses({200: MeetingRequestSerializer}, *READ_ERRORS)),
)
class MeetingRequestViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    scope, model = "meeting_requests", MeetingRequest
    serializer_class = MeetingRequestSerializer
    filterset_class = filters.MeetingRequestFilter
    ordering_fields = ["id", "created_at", "updated_at", "expires_at"]
    allowed_callers = {"accept": "company", "decline": "company", "withdraw": "company"}

    @extend_schema(
        summary=gettext_lazy("Send a meeting request"),
        description=gettext_lazy("Company users send as their enterprise. Partner write keys "
                                 "name the `sender`, an approved enterprise of the conference "
                                 "that the partner registered (organizer keys: any)."),
        tags=["meeting requests"], request=MeetingRequestCreateSerializer,
        parameters=[IDEMPOTENCY], examples=[CREATE_EXAMPLE, PARTNER_CREATE_EXAMPLE,
                                            REQUEST_EXAMPLE],
        responses=responses({201: MeetingRequestSerializer}, *WRITE_ERRORS))
    @idempotent
    def create(self, request):
        payload = MeetingRequestCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        conference = visible_conference(self.caller, data["conference"])
        directory = scoping.enterprises(self.caller)
        recipient = visible(directory, data["recipient"], "recipient")
        if self.caller.is_partner:
            if "sender" not in data:
                raise serializers.ValidationError({"sender": [_("Partner keys name the "
                                                                "enterprise that sends.")]})
            sender = visible(directory, data["sender"], "sender")
            if not scoping.may_act_for(self.caller, sender.pk, conference):
                raise serializers.ValidationError({"sender": [_(
                    "This key sends only for enterprises its partner registered for this "
                    "conference.")]})
            made = api_services.send_request_for(
                partner=self.caller.partner, conference=conference, sender=sender,
                recipient=recipient, purpose=data["purpose"], message=data["message"])
        else:
            if data.get("sender", self.caller.enterprise_id) != self.caller.enterprise_id:
                raise serializers.ValidationError({"sender": [_("You send as your own "
                                                                "enterprise; leave it out.")]})
            made = request_services.send_meeting_request(
                conference=conference, sender=Enterprise.objects.get(pk=self.caller.enterprise_id),
                recipient=recipient, purpose=data["purpose"], message=data["message"],
                actor=self.caller.actor)
        made = self.get_queryset().get(pk=made.pk)
        return Response(MeetingRequestSerializer(made).data, status=status.HTTP_201_CREATED)

    def _answer(self, service, **extra):
        request = self.get_object()
        enterprise = Enterprise.objects.get(pk=self.caller.enterprise_id)
        service(request=request, enterprise=enterprise, actor=self.caller.actor, **extra)
        return Response(MeetingRequestSerializer(self.get_queryset().get(pk=request.pk)).data)

    @answer_schema(gettext_lazy("Accept a request sent to your enterprise"))
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        return self._answer(request_services.accept_meeting_request)

    @answer_schema(gettext_lazy("Decline a request sent to your enterprise"), DeclineSerializer)
    @action(detail=True, methods=["post"])
    def decline(self, request, pk=None):
        payload = DeclineSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        return self._answer(request_services.decline_meeting_request,
                            reason=payload.validated_data["reason"])

    @answer_schema(gettext_lazy("Withdraw a request your enterprise sent"))
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        return self._answer(request_services.withdraw_meeting_request)


@extend_schema_view(
    list=extend_schema(summary=gettext_lazy("List meetings of the live schedule"),
                       tags=["meetings"], examples=[MEETING_EXAMPLE],
                       responses=responses({200: MeetingSerializer(many=True)}, *READ_ERRORS)),
    retrieve=extend_schema(summary=gettext_lazy("Get one meeting"), tags=["meetings"],
                           examples=[MEETING_EXAMPLE],
                           responses=responses({200: MeetingSerializer}, *READ_ERRORS)),
)
class MeetingViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    scope, model = "meetings", Meeting
    serializer_class = MeetingSerializer
    filterset_class = filters.MeetingFilter
    ordering_fields = ["id", "updated_at"]


@extend_schema_view(
    list=extend_schema(summary=gettext_lazy("List meeting outcomes"), tags=["meetings"],
                       responses=responses({200: OutcomeSerializer(many=True)}, *READ_ERRORS)),
    retrieve=extend_schema(summary=gettext_lazy("Get one meeting outcome"), tags=["meetings"],
                           responses=responses({200: OutcomeSerializer}, *READ_ERRORS)),
)
class OutcomeViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    scope, model = "outcomes", MeetingOutcome
    serializer_class = OutcomeSerializer
    filterset_class = filters.OutcomeFilter
    ordering_fields = ["id", "reported_at"]
    allowed_callers = {"create": "company"}

    @extend_schema(summary=gettext_lazy("Report the outcome of a meeting your enterprise held"),
                   tags=["meetings"], request=OutcomeCreateSerializer, parameters=[IDEMPOTENCY],
                   examples=[OUTCOME_EXAMPLE],
                   responses=responses({201: OutcomeSerializer}, *WRITE_ERRORS))
    @idempotent
    def create(self, request):
        payload = OutcomeCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        meeting = visible(scoping.meetings(self.caller), data.pop("meeting"), "meeting")
        outcome = record_meeting_outcome(
            meeting=meeting, enterprise=Enterprise.objects.get(pk=self.caller.enterprise_id),
            actor=self.caller.actor, replace=False, **data)
        return Response(OutcomeSerializer(outcome).data, status=status.HTTP_201_CREATED)
