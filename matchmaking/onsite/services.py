"""Writes on the day: check-in (attendance and grid edits follow)."""

from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from accounts.models import Delegate
from events.errors import DomainError
from events.models import Conference
from events.services import record_audit
from matchmaking.onsite.models import CheckIn
from matchmaking.onsite.selectors import attending


def _already(check_in: CheckIn, conference: Conference) -> DomainError:
    with timezone.override(conference.zone):
        when = formats.date_format(timezone.localtime(check_in.checked_in_at), "DATETIME_FORMAT")
    by = check_in.checked_in_by or _("unknown staff")
    return DomainError(_("%(delegate)s is already checked in (%(when)s, by %(by)s).") % {
        "delegate": check_in.delegate.full_name, "when": when, "by": by},
        code="already_checked_in")


@transaction.atomic
def check_in_delegate(*, conference: Conference, delegate: Delegate, actor) -> CheckIn:
    """Record that `delegate` arrived, once per conference; `actor` is the staff member.
    Refuses a delegate of a company that does not take part and a second check-in (the
    unique constraint turns a race between two desks into the same refusal)."""
    if not attending(conference).filter(enterprise_id=delegate.enterprise_id).exists():
        raise DomainError(_("%(enterprise)s does not take part in %(conference)s.") % {
            "enterprise": delegate.enterprise, "conference": conference}, code="not_attending")
    existing = CheckIn.objects.select_related("checked_in_by", "delegate").filter(
        conference=conference, delegate=delegate).first()
    if existing is not None:
        raise _already(existing, conference)
    try:
        with transaction.atomic():
            check_in = CheckIn.objects.create(conference=conference, delegate=delegate,
                                              checked_in_by=actor)
    except IntegrityError as error:
        existing = CheckIn.objects.select_related("checked_in_by", "delegate").get(
            conference=conference, delegate=delegate)
        raise _already(existing, conference) from error
    record_audit(actor=actor, action="onsite.check_in", target=check_in,
                 data={"conference": conference.pk, "delegate": delegate.pk,
                       "enterprise": delegate.enterprise_id})
    return check_in
