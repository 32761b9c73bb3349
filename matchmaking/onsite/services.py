"""Writes on the day: check-in, attendance and walk-ins (grid edits call the booking
services directly: matchmaking/services/booking.py)."""

from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from accounts.models import Delegate, Enterprise
from events.errors import DomainError
from events.models import Conference, TimeSlot
from events.services import record_audit
from matchmaking.models import Meeting, MeetingStatus
from matchmaking.onsite import selectors
from matchmaking.onsite.models import Attendance, AttendanceStatus, CheckIn
from matchmaking.onsite.selectors import attending
from matchmaking.places import Place, place_fields
from matchmaking.services import booking, requests


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


def _attendance_refusal(meeting: Meeting, enterprise: Enterprise | None, now) -> DomainError | None:
    if enterprise is not None and enterprise.pk not in (meeting.request.sender_id,
                                                        meeting.request.recipient_id):
        return DomainError(_("Only the two companies of a meeting or the organizers may mark "
                             "it."), code="forbidden")
    if meeting.status != MeetingStatus.SCHEDULED:
        return DomainError(_("A cancelled meeting cannot be marked."), code="cancelled")
    if meeting.slot.start > now:
        return DomainError(_("A meeting can be marked once it has begun."), code="not_started")
    return None


@transaction.atomic
def mark_attendance(*, meeting: Meeting, status: str, actor, enterprise: Enterprise | None = None,
                    absent: Enterprise | None = None) -> Attendance:
    """Record whether a meeting took place; `enterprise` is the marking side (None: staff).

    A no-show gives its table and both sides' seats back for the rest of the slot, so
    staff can seat a walk-in there (the places module then counts the place as free);
    the table is kept in `released_table`. A company marking a no-show names the other
    side absent. Because the table may be taken at once, a no-show is final."""
    meeting = Meeting.objects.select_for_update(of=("self",)).select_related(
        "slot", "table", "request").get(pk=meeting.pk)
    refusal = _attendance_refusal(meeting, enterprise, timezone.now())
    if refusal is not None:
        raise refusal
    if status not in AttendanceStatus.values:
        raise DomainError(_("Choose held or no-show."), code="invalid")
    attendance = Attendance.objects.filter(meeting=meeting).first() or Attendance(meeting=meeting)
    if attendance.status == AttendanceStatus.NO_SHOW:
        raise DomainError(_("This meeting is already marked a no-show and its table was "
                            "given back."), code="no_show_final")
    old = attendance.status
    attendance.status, attendance.marked_by = status, actor
    if status == AttendanceStatus.NO_SHOW:
        if absent is None and enterprise is not None:
            absent = meeting.request.counterpart_of(enterprise)
        attendance.absent, attendance.released_table = absent, meeting.table
        _give_back_place(meeting)
    attendance.save()
    record_audit(actor=actor, action="onsite.attendance", target=meeting,
                 data={"old": old, "new": status, "by": enterprise.pk if enterprise else None,
                       "absent": absent.pk if absent else None})
    return attendance


def _give_back_place(meeting: Meeting) -> None:
    meeting.bookings.all().delete()
    where = place_fields(None)
    for name, value in where.items():
        setattr(meeting, name, value)
    meeting.save(update_fields=[*where, "updated_at"])


@transaction.atomic
def book_walk_in(*, conference: Conference, first: Enterprise, second: Enterprise,
                 slot: TimeSlot, purpose: str, actor, at: Place | None = None) -> Meeting:
    """A meeting set up on the spot by staff for two companies that have checked in, in
    the slot running now or the next one. It is booked like any meeting (both sides
    free, a place free, availability), at `at` or the first free place."""
    here = selectors.checked_in_enterprise_ids(conference=conference)
    for side in (first, second):
        if side.pk not in here:
            raise DomainError(_("%(enterprise)s has not checked in.") % {"enterprise": side},
                              code="not_checked_in")
    current, upcoming = selectors.current_and_next(conference=conference)
    if slot not in [s for s in (current, upcoming) if s is not None]:
        raise DomainError(_("A walk-in takes the slot running now or the next one."),
                          code="not_now")
    request = requests.arrange_meeting_request(conference=conference, first=first,
                                               second=second, purpose=purpose, actor=actor)
    meeting = booking.book_meeting(request=request, slot=slot, enterprise=None, actor=actor,
                                   at=at)
    record_audit(actor=actor, action="onsite.walk_in", target=meeting,
                 data={"slot": slot.pk, "place": at.token if at else None})
    return meeting
