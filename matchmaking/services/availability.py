"""The company's availability, kept as Unavailability rows per slot."""

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import Enterprise
from events.errors import DomainError
from events.models import Conference, TimeSlot
from events.services import record_audit
from matchmaking.models import SlotBooking, Unavailability
from matchmaking.services import participation


@transaction.atomic
def set_unavailable_sessions(
    *, conference: Conference, enterprise: Enterprise, session_ids: list[int], actor=None
) -> int:
    """Make the enterprise unavailable in every slot of the given sessions and available
    in all other session slots. A slot with a booked meeting cannot be blocked: the
    meeting is cancelled or moved first. Returns the number of blocked slots."""
    participation.approved_registration(conference=conference, enterprise=enterprise)
    session_slots = TimeSlot.objects.filter(conference=conference, session__isnull=False)
    blocked = list(session_slots.filter(session_id__in=session_ids))
    booked = SlotBooking.objects.filter(enterprise=enterprise, slot__in=blocked).select_related(
        "slot").order_by("slot__start").first()
    if booked is not None:
        raise DomainError(
            _("You have a meeting at %(when)s. Cancel or move it before marking that time "
              "as unavailable.") % {"when": booked.slot},
            code="booked",
        )
    Unavailability.objects.filter(enterprise=enterprise, slot__in=session_slots).exclude(
        slot__in=blocked).delete()
    existing = set(Unavailability.objects.filter(enterprise=enterprise, slot__in=blocked)
                   .values_list("slot_id", flat=True))
    Unavailability.objects.bulk_create(
        Unavailability(enterprise=enterprise, slot=slot) for slot in blocked
        if slot.pk not in existing
    )
    record_audit(actor=actor, action="availability.update", target=enterprise,
                 data={"conference": conference.pk, "unavailable_sessions": sorted(session_ids)})
    return len(blocked)
