"""Organizer changes to live meetings before a repair run."""

from django.db import transaction

from events.services import record_audit
from matchmaking.models import Meeting


@transaction.atomic
def set_meetings_locked(*, meetings, locked: bool, actor=None) -> int:
    """Lock meetings in place, or release them so a repair run may move them."""
    pks = [m.pk for m in meetings]
    count = Meeting.objects.filter(pk__in=pks).update(locked=locked)
    for meeting in Meeting.objects.filter(pk__in=pks):
        record_audit(actor=actor, action="meeting.lock" if locked else "meeting.release",
                     target=meeting)
    return count
