"""Partner REST API, version 1: mounted at /api/v1/ outside the language prefix."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from matchmaking.api.views.enterprises import (
    DelegateViewSet,
    EnterpriseViewSet,
    RegistrationViewSet,
)
from matchmaking.api.views.integrations import ScheduleRunViewSet, WebhookSubscriptionViewSet
from matchmaking.api.views.meetings import MeetingRequestViewSet, MeetingViewSet, OutcomeViewSet
from matchmaking.api.views.reference import (
    ConferenceViewSet,
    IndustryFieldViewSet,
    MeView,
    SlotViewSet,
    TableViewSet,
)
from matchmaking.api.views.threads import ThreadViewSet

app_name = "api"

router = SimpleRouter()
router.register("conferences", ConferenceViewSet, basename="conference")
router.register("industry-fields", IndustryFieldViewSet, basename="industry-field")
router.register("slots", SlotViewSet, basename="slot")
router.register("tables", TableViewSet, basename="table")
router.register("enterprises", EnterpriseViewSet, basename="enterprise")
router.register("registrations", RegistrationViewSet, basename="registration")
router.register("delegates", DelegateViewSet, basename="delegate")
router.register("meeting-requests", MeetingRequestViewSet, basename="meeting-request")
router.register("meetings", MeetingViewSet, basename="meeting")
router.register("outcomes", OutcomeViewSet, basename="outcome")
router.register("schedule-runs", ScheduleRunViewSet, basename="schedule-run")
router.register("threads", ThreadViewSet, basename="thread")
router.register("webhooks", WebhookSubscriptionViewSet, basename="webhook")

urlpatterns = [
    path("me/", MeView.as_view(), name="me"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    *router.urls,
]
