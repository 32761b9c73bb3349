"""The directory, agendas, registrations and delegates."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_view
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.response import Response

from accounts import services as accounts_services
from accounts.models import Delegate, Enterprise, Registration
from matchmaking.api import filters, scoping
from matchmaking.api import services as api_services
from matchmaking.api.idempotency import idempotent
from matchmaking.api.schema import IDEMPOTENCY, READ_ERRORS, WRITE_ERRORS, responses
from matchmaking.api.serializers.enterprises import (
    DelegateCreateSerializer,
    DelegateSerializer,
    EnterpriseSerializer,
    RegistrationCreateSerializer,
    RegistrationSerializer,
    RegistrationSettingsSerializer,
)
from matchmaking.api.serializers.meetings import AgendaSerializer
from matchmaking.api.views.base import ScopedViewSet, get_object_or_404, visible, visible_conference
from matchmaking.models import MeetingStatus

ENTERPRISE_EXAMPLE = OpenApiExample("enterprise", response_only=True, value={
    "id": 12, "slug": "maple-analytics", "legal_name": "Maple Analytics Inc.", "name_zh": "",
    "country": "CA", "province": "Ontario", "city": "Toronto", "role": "buyer",
    "fields": ["software"], "description": "", "offers": "", "needs": "software testing",
    "description_zh": "", "offers_zh": "", "needs_zh": "软件测试", "employees": 800,
    "website": "https://maple.example",
    "logo_url": "https://matchmaking.example/media/logos/3f9c2a1be07d4c55.png",
    "delegates": [{"full_name": "Anne Tremblay", "title": "VP Sourcing",
                   "seniority": "vice_president", "languages": ["en", "fr"]}],
    "updated_at": "2026-05-01T10:00:00+08:00"})
AGENDA_EXAMPLE = OpenApiExample("agenda", response_only=True, value={
    "enterprise": {"id": 12, "legal_name": "Maple Analytics Inc.", "name_zh": "",
                   "country": "CA", "role": "buyer"},
    "meetings": [{"meeting": 301, "conference": "cisocc-2",
                  "start": "2010-06-23T09:00:00+08:00", "end": "2010-06-23T09:30:00+08:00",
                  "table": {"number": 4, "name": ""}, "purpose": "outsourcing_purchase",
                  "counterpart": {"id": 88, "legal_name": "Suzhou Cloud Testing Co., Ltd.",
                                  "name_zh": "苏州云测", "country": "CN", "role": "supplier"}}]})
REGISTRATION_REQUEST = OpenApiExample("submit a registration", request_only=True, value={
    "conference": "cisocc-2",
    "enterprise": {"legal_name": "Lakeside Software GmbH", "country": "DE", "role": "buyer",
                   "city": "Munich", "fields": ["software"], "needs": "testing, localisation",
                   "needs_zh": "测试，本地化",
                   "contract_value_usd": 9000000, "employees": 1200},
    "delegates": [{"full_name": "Jonas Weber", "title": "Head of Procurement",
                   "seniority": "director", "email": "jonas.weber@lakeside.example",
                   "languages": "de,en"}],
    "notes": "Registered through the Jiangsu Commerce Portal."})
SETTINGS_EXAMPLE = OpenApiExample("two seats, at most 12 meetings", request_only=True,
                                  value={"parallel_meetings": 2, "max_meetings": 12})
DELEGATE_EXAMPLE = OpenApiExample("delegate", value={
    "enterprise": 12, "full_name": "Li Wei", "title": "Sales Director",
    "seniority": "director", "email": "li.wei@example.com", "phone": "", "languages": "zh,en"},
    request_only=True)


@extend_schema_view(
    list=extend_schema(summary=_("List approved enterprises (the directory)"),
                       tags=["enterprises"], examples=[ENTERPRISE_EXAMPLE],
                       responses=responses({200: EnterpriseSerializer(many=True)}, *READ_ERRORS)),
    retrieve=extend_schema(summary=_("Get one enterprise of the directory"), tags=["enterprises"],
                           examples=[ENTERPRISE_EXAMPLE],
                           responses=responses({200: EnterpriseSerializer}, *READ_ERRORS)),
)
class EnterpriseViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    scope, model = "enterprises", Enterprise
    serializer_class = EnterpriseSerializer
    filterset_class = filters.EnterpriseFilter
    ordering_fields = ["id", "legal_name", "updated_at"]

    @extend_schema(summary=_("An enterprise's agenda: its scheduled meetings in time order"),
                   description=_("Company users may read only their own enterprise's agenda."),
                   tags=["meetings"], filters=False, examples=[AGENDA_EXAMPLE],
                   responses=responses({200: AgendaSerializer}, *READ_ERRORS))
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def agenda(self, request, pk=None):
        enterprise = get_object_or_404(scoping.agenda_enterprises(self.caller), pk=pk)
        meetings = scoping.meetings(self.caller).filter(
            Q(request__sender=enterprise) | Q(request__recipient=enterprise),
            status=MeetingStatus.SCHEDULED).order_by("slot__start")
        data = {"enterprise": enterprise, "meetings": list(meetings)}
        return Response(AgendaSerializer(data, context={"enterprise": enterprise}).data)


@extend_schema_view(
    list=extend_schema(summary=_("List registrations you submitted (or your own)"),
                       tags=["registrations"],
                       responses=responses({200: RegistrationSerializer(many=True)},
                                           *READ_ERRORS)),
    retrieve=extend_schema(summary=_("Follow one registration: status and rule results"),
                           tags=["registrations"],
                           responses=responses({200: RegistrationSerializer}, *READ_ERRORS)),
)
class RegistrationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    scope, model = "registrations", Registration
    serializer_class = RegistrationSerializer
    filterset_class = filters.RegistrationFilter
    ordering_fields = ["id", "submitted_at", "updated_at"]
    allowed_callers = {"create": "partner", "partial_update": "organizer"}

    @extend_schema(
        summary=_("Submit a registration: a new enterprise, its delegates and its application"),
        description=_("Partner write keys only. The registration is vetted by the organizers; "
                      "follow it with GET or the `registration.decided` webhook."),
        tags=["registrations"], request=RegistrationCreateSerializer, parameters=[IDEMPOTENCY],
        examples=[REGISTRATION_REQUEST],
        responses=responses({201: RegistrationSerializer}, *WRITE_ERRORS))
    @idempotent
    def create(self, request):
        payload = RegistrationCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        registration = api_services.submit_partner_registration(
            partner=self.caller.partner,
            conference=visible_conference(self.caller, data["conference"]),
            enterprise=data["enterprise"], delegates=data["delegates"], notes=data["notes"])
        registration = self.get_queryset().get(pk=registration.pk)
        return Response(self.get_serializer(registration).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary=_("Set a registration's seats and meeting cap"),
        description=_("Organizer keys only. Send the settings that change: "
                      "`parallel_meetings` (seats: meetings at the same time, 1 to the number "
                      "of delegates) and `max_meetings` (cap on meetings, null for none). "
                      "Invalid values are field errors (400)."),
        tags=["registrations"], request=RegistrationSettingsSerializer,
        examples=[SETTINGS_EXAMPLE],
        responses=responses({200: RegistrationSerializer}, *WRITE_ERRORS))
    def partial_update(self, request, pk=None):
        registration = get_object_or_404(self.get_queryset(), pk=pk)
        payload = RegistrationSettingsSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        accounts_services.update_registration_settings(
            registration=registration, actor=self.caller.actor, data=payload.validated_data)
        registration = self.get_queryset().get(pk=registration.pk)
        return Response(self.get_serializer(registration).data)


@extend_schema_view(
    list=extend_schema(summary=_("List delegates with contact details (your enterprises)"),
                       tags=["registrations"],
                       responses=responses({200: DelegateSerializer(many=True)}, *READ_ERRORS)),
    retrieve=extend_schema(summary=_("Get one delegate"), tags=["registrations"],
                           responses=responses({200: DelegateSerializer}, *READ_ERRORS)),
)
class DelegateViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    scope, model = "delegates", Delegate
    serializer_class = DelegateSerializer
    filterset_class = filters.DelegateFilter
    ordering_fields = ["id", "full_name"]

    @extend_schema(summary=_("Add a delegate, or update the one with the same e-mail"),
                   description=_("A new delegate (201) or a changed rank sends an approved "
                                 "registration back to review; the enterprise keeps its "
                                 "agenda meanwhile. A delegate with the same e-mail is "
                                 "updated (200)."),
                   tags=["registrations"], request=DelegateCreateSerializer,
                   parameters=[IDEMPOTENCY], examples=[DELEGATE_EXAMPLE],
                   responses=responses({201: DelegateSerializer, 200: DelegateSerializer},
                                       *WRITE_ERRORS))
    @idempotent
    def create(self, request):
        payload = DelegateCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        enterprises = Enterprise.objects.filter(pk__in=scoping.managed_enterprise_ids(self.caller))
        enterprise = visible(enterprises, data.pop("enterprise"), "enterprise")
        change = accounts_services.save_delegate(enterprise=enterprise, data=data,
                                                 actor=self.caller.actor)
        added = any(d.kind == "added" for d in change.diff.delegates)
        return Response(DelegateSerializer(change.delegate).data,
                        status=status.HTTP_201_CREATED if added else status.HTTP_200_OK)

    @extend_schema(summary=_("Remove a delegate (review starts again)"),
                   tags=["registrations"], request=None,
                   responses=responses({204: None}, *WRITE_ERRORS))
    def destroy(self, request, pk=None):
        delegate = get_object_or_404(self.get_queryset(), pk=pk)
        accounts_services.remove_delegate(delegate=delegate, actor=self.caller.actor)
        return Response(status=status.HTTP_204_NO_CONTENT)
