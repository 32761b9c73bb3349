"""Who exhibits, and at which booth."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from accounts.models import Registration
from events.errors import DomainError
from events.services import record_audit
from matchmaking.exhibition.models import Booth, Exhibitor


@transaction.atomic
def set_exhibitor(*, registration: Registration, booth: Booth | None, actor) -> Exhibitor:
    """Make the registration's enterprise an exhibitor, at `booth` (None: not assigned
    yet). The booth must be in a hall of the same conference and free."""
    if booth is not None and booth.hall.conference_id != registration.conference_id:
        raise DomainError(_("%(booth)s is in a hall of another conference.") % {"booth": booth},
                          code="other_conference", fields={"booth": _("Another conference.")})
    exhibitor = Exhibitor.objects.select_for_update().filter(registration=registration).first()
    old = exhibitor.booth_id if exhibitor else None
    exhibitor = exhibitor or Exhibitor(registration=registration)
    exhibitor.booth = booth
    try:
        with transaction.atomic():
            exhibitor.save()
    except IntegrityError as error:
        raise DomainError(_("%(booth)s already has an exhibitor.") % {"booth": booth},
                          code="booth_taken", fields={"booth": _("Taken.")}) from error
    record_audit(actor=actor, action="exhibition.exhibitor", target=exhibitor,
                 data={"booth": [old, booth.pk if booth else None]})
    return exhibitor


@transaction.atomic
def remove_exhibitor(*, exhibitor: Exhibitor, actor) -> None:
    record_audit(actor=actor, action="exhibition.exhibitor_removed", target=exhibitor.registration,
                 data={"booth": exhibitor.booth_id})
    exhibitor.delete()
