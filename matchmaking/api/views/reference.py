"""Read-only reference data: conferences, industry fields, slots, tables, and `me`."""

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_view
from rest_framework import mixins
from rest_framework.response import Response
from rest_framework.views import APIView

from events.models import Conference, IndustryField, Table, TimeSlot
from matchmaking.api import filters
from matchmaking.api.caller import caller_of
from matchmaking.api.permissions import ApiCaller
from matchmaking.api.schema import READ_ERRORS, responses
from matchmaking.api.serializers.integrations import MeSerializer
from matchmaking.api.serializers.reference import (
    ConferenceSerializer,
    IndustryFieldSerializer,
    SlotSerializer,
    TableSerializer,
)
from matchmaking.api.views.base import ScopedViewSet

CONFERENCE_EXAMPLE = OpenApiExample("conference", response_only=True, value={
    "id": 2, "slug": "cisocc-2", "edition": 2,
    "name": "2nd China International Service Outsourcing Cooperation Conference",
    "name_zh": "第二届中国国际服务外包合作大会", "host_city": "Nanjing", "host_country": "CN",
    "venue": "Nanjing International Expo Center", "time_zone": "Asia/Shanghai",
    "start_date": "2010-06-23", "end_date": "2010-06-24", "status": "matchmaking_open",
    "pairing": "buyers_suppliers", "max_open_requests": 20, "request_ttl_hours": 72,
    "updated_at": "2026-05-01T10:00:00+08:00"})
SLOT_EXAMPLE = OpenApiExample("slot", response_only=True, value={
    "id": 41, "conference": "cisocc-2", "start": "2010-06-23T09:00:00+08:00",
    "end": "2010-06-23T09:30:00+08:00"})


def read_views(tag: str, noun: str, serializer, example):
    """Summaries, errors and examples of a read-only list + detail pair."""
    return extend_schema_view(
        list=extend_schema(summary=format_lazy(_("List {noun}"), noun=noun), tags=[tag],
                           responses=responses({200: serializer(many=True)}, *READ_ERRORS),
                           examples=[example]),
        retrieve=extend_schema(summary=format_lazy(_("Get one of the {noun}"), noun=noun),
                               tags=[tag], responses=responses({200: serializer},
                                                               *READ_ERRORS),
                               examples=[example]),
    )


@read_views("conferences", _("conferences the caller takes part in"), ConferenceSerializer,
            CONFERENCE_EXAMPLE)
class ConferenceViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    scope, model = "conferences", Conference
    serializer_class = ConferenceSerializer
    filterset_class = filters.ConferenceFilter
    ordering_fields = ["id", "edition", "start_date", "updated_at"]


@read_views("conferences", _("industry fields"), IndustryFieldSerializer,
            OpenApiExample("field", response_only=True, value={
                "id": 1, "slug": "software", "name": "Software", "name_zh": "软件"}))
class IndustryFieldViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    scope, model = "industry_fields", IndustryField
    serializer_class = IndustryFieldSerializer
    ordering_fields = ["id", "slug", "name"]


@read_views("grid", _("time slots"), SlotSerializer, SLOT_EXAMPLE)
class SlotViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    scope, model = "slots", TimeSlot
    serializer_class = SlotSerializer
    filterset_class = filters.SlotFilter
    ordering_fields = ["id", "start"]


@read_views("grid", _("meeting tables"), TableSerializer,
            OpenApiExample("table", response_only=True, value={
                "id": 7, "conference": "cisocc-2", "number": 7, "name": "", "seats": 4,
                "is_active": True}))
class TableViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    scope, model = "tables", Table
    serializer_class = TableSerializer
    filterset_class = filters.TableFilter
    ordering_fields = ["id", "number"]


class MeView(APIView):
    permission_classes = [ApiCaller]

    @extend_schema(summary=_("Who am I: the key's partner or user, scope and conferences"),
                   tags=["conferences"], responses=responses({200: MeSerializer}, 401, 403, 429),
                   examples=[OpenApiExample("partner key", response_only=True, value={
                       "kind": "partner", "partner": "Jiangsu Commerce Portal",
                       "enterprise": None, "key_prefix": "3f9a1c2e", "scope": "write",
                       "organizer": False, "conferences": ["cisocc-2"]})])
    def get(self, request):
        caller = caller_of(request)
        slugs = Conference.objects.filter(pk__in=caller.conference_ids).order_by(
            "edition").values_list("slug", flat=True)
        return Response(MeSerializer({
            "kind": "partner" if caller.is_partner else "company",
            "partner": caller.partner.name if caller.partner else None,
            "enterprise": caller.enterprise_id,
            "key_prefix": caller.key.prefix if caller.key else None,
            "scope": "write" if caller.can_write else "read",
            "organizer": caller.is_organizer, "conferences": list(slugs),
        }).data)
