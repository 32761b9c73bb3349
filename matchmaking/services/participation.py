"""Who may take part in matchmaking, and with whom."""

from django.utils.translation import gettext as _

from accounts.models import Enterprise, Registration, RegistrationStatus
from events.errors import DomainError
from events.models import Conference, ConferenceStatus, Pairing


def approved_registration(*, conference: Conference, enterprise: Enterprise) -> Registration:
    """The enterprise's approved registration, or a DomainError saying why it may not act."""
    registration = Registration.objects.filter(conference=conference, enterprise=enterprise).first()
    if registration is not None and registration.needs_rereview:
        raise DomainError(
            _("The registration of %(enterprise)s for %(conference)s is back under review "
              "after a change of vetted details; meetings can be requested, answered and "
              "booked again once the organizers approve it.")
            % {"enterprise": enterprise, "conference": conference},
            code="in_rereview",
        )
    if registration is None or registration.status != RegistrationStatus.APPROVED:
        raise DomainError(
            _("%(enterprise)s is not an approved participant of %(conference)s.")
            % {"enterprise": enterprise, "conference": conference},
            code="not_approved",
        )
    return registration


def require_matchmaking_open(conference: Conference) -> None:
    if conference.status not in (ConferenceStatus.MATCHMAKING_OPEN, ConferenceStatus.SCHEDULED):
        raise DomainError(
            _("Matchmaking is not open for %(conference)s.") % {"conference": conference},
            code="matchmaking_closed",
        )


def may_meet(conference: Conference, a: Enterprise, b: Enterprise) -> bool:
    """The conference's pairing rule: by default a buyer meets a supplier."""
    if a.pk == b.pk:
        return False
    if conference.pairing == Pairing.ANYONE:
        return True
    return (a.is_buyer and b.is_supplier) or (a.is_supplier and b.is_buyer)


def require_may_meet(conference: Conference, a: Enterprise, b: Enterprise) -> None:
    if not may_meet(conference, a, b):
        raise DomainError(
            _("At this conference buyers meet suppliers; %(a)s and %(b)s cannot meet.")
            % {"a": a, "b": b},
            code="pairing",
        )


def held_for_review(*, conference: Conference) -> set[int]:
    """Enterprises whose approval went back to review while they hold live meetings:
    schedule runs keep those meetings where they are and give them no new ones until
    they are approved again."""
    return set(Registration.objects.needing_rereview().filter(
        conference=conference,
        enterprise__slot_bookings__slot__conference=conference,
    ).values_list("enterprise_id", flat=True).distinct())
