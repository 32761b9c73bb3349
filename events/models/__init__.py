from events.models.audit import AuditEntry
from events.models.conference import Conference, ConferenceStatus, Pairing
from events.models.field import IndustryField
from events.models.grid import ConferenceDay, SessionPlan, Table, TimeSlot
from events.models.rules import EligibilityRules, Seniority

__all__ = [
    "AuditEntry",
    "Conference",
    "ConferenceDay",
    "ConferenceStatus",
    "EligibilityRules",
    "IndustryField",
    "Pairing",
    "Seniority",
    "SessionPlan",
    "Table",
    "TimeSlot",
]
