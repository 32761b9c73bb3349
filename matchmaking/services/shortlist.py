"""An enterprise's shortlist of partners it would like to meet."""

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import Enterprise
from events.errors import DomainError
from events.models import Conference
from events.services import record_audit
from matchmaking.models import Shortlist
from matchmaking.services import participation


@transaction.atomic
def set_shortlisted(
    *, conference: Conference, enterprise: Enterprise, target: Enterprise, listed: bool, actor=None
) -> bool:
    """Add `target` to the enterprise's shortlist, or take it off; returns whether it is on.

    Idempotent: adding twice or removing what is not there changes nothing and
    leaves no audit entry, so a double click is harmless.
    """
    if target.pk == enterprise.pk:
        raise DomainError(_("You cannot shortlist your own company."), code="self")
    participation.approved_registration(conference=conference, enterprise=enterprise)
    if listed:
        participation.approved_registration(conference=conference, enterprise=target)
        _row, created = Shortlist.objects.get_or_create(
            conference=conference, enterprise=enterprise, target=target
        )
        changed = created
    else:
        changed = bool(Shortlist.objects.filter(
            conference=conference, enterprise=enterprise, target=target).delete()[0])
    if changed:
        record_audit(actor=actor, action="shortlist.add" if listed else "shortlist.remove",
                     target=enterprise, data={"conference": conference.pk, "target": target.pk})
    return listed
