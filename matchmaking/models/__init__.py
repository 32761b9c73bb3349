from matchmaking.models.availability import Unavailability
from matchmaking.models.integrations import (
    IdempotencyRecord,
    WebhookDelivery,
    WebhookEvent,
    WebhookSubscription,
)
from matchmaking.models.meeting import (
    CANCELLED_BY_PEOPLE,
    CancelledBy,
    Meeting,
    MeetingSource,
    MeetingStatus,
    SlotBooking,
)
from matchmaking.models.outcome import COUNTING_RESULTS, FollowUp, MeetingOutcome, OutcomeResult
from matchmaking.models.recommendation import Recommendation
from matchmaking.models.request import MeetingRequest, Purpose, RequestStatus
from matchmaking.models.schedule import RunStatus, ScheduleRun
from matchmaking.models.shortlist import Shortlist

__all__ = [
    "CANCELLED_BY_PEOPLE",
    "COUNTING_RESULTS",
    "CancelledBy",
    "IdempotencyRecord",
    "FollowUp",
    "Meeting",
    "MeetingOutcome",
    "MeetingRequest",
    "MeetingSource",
    "MeetingStatus",
    "OutcomeResult",
    "Purpose",
    "Recommendation",
    "RequestStatus",
    "RunStatus",
    "ScheduleRun",
    "Shortlist",
    "SlotBooking",
    "Unavailability",
    "WebhookDelivery",
    "WebhookEvent",
    "WebhookSubscription",
]
