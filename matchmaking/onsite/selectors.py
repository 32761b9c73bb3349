"""Reads for the desk, the grid and the organizers' figures."""

from collections import Counter, defaultdict

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Delegate, Enterprise, Registration
from events.errors import DomainError
from events.models import Conference, TimeSlot
from matchmaking.models import Meeting, MeetingStatus
from matchmaking.onsite import codes
from matchmaking.onsite.models import Attendance, AttendanceStatus, CheckIn


def attending(conference: Conference):
    """Registrations whose delegates may come in: those keeping their agenda."""
    return Registration.objects.keeping_agenda().filter(conference=conference)


def delegates_for_code(*, conference: Conference, text: str) -> list[Delegate]:
    """The delegates a scanned code stands for (a badge: one; an agenda: the company's),
    or a DomainError saying plainly why not: unknown code, another conference, not a
    participant."""
    code = codes.read_code(text)
    if code is None:
        raise DomainError(_("This code is unknown: it is not a badge or agenda of ours."),
                          code="unknown")
    if code.conference_id != conference.pk:
        other = Conference.objects.filter(pk=code.conference_id).first()
        raise DomainError(_("This code is for another conference (%(other)s).") % {
            "other": other or _("unknown")}, code="other_conference")
    delegates = Delegate.objects.select_related("enterprise")
    if code.kind == codes.DELEGATE:
        delegates = delegates.filter(pk=code.pk)
    else:
        delegates = delegates.filter(enterprise_id=code.pk)
    delegates = list(delegates.filter(enterprise__registrations__in=attending(conference)))
    if not delegates:
        raise DomainError(_("This code is unknown: nobody of a participating company "
                            "carries it."), code="unknown")
    return delegates


def search_delegates(*, conference: Conference, query: str, limit: int = 20) -> list[Delegate]:
    """Participants' delegates whose name, e-mail or company matches, for the desk when a
    code cannot be read."""
    query = query.strip()
    if len(query) < 2:
        return []
    match = (Q(full_name__icontains=query) | Q(email__icontains=query)
             | Q(enterprise__legal_name__icontains=query)
             | Q(enterprise__name_zh__icontains=query))
    return list(Delegate.objects.filter(match, enterprise__registrations__in=attending(conference))
                .select_related("enterprise").order_by("enterprise__legal_name", "full_name")
                [:limit])


def check_ins_by_delegate(*, conference: Conference, delegates) -> dict[int, CheckIn]:
    rows = CheckIn.objects.filter(conference=conference, delegate__in=list(delegates))
    return {row.delegate_id: row for row in rows.select_related("checked_in_by")}


def checked_in_enterprise_ids(*, conference: Conference) -> set[int]:
    """Companies with at least one delegate checked in: they can take a walk-in."""
    return set(CheckIn.objects.filter(conference=conference)
               .values_list("delegate__enterprise_id", flat=True))


def check_in_count(*, conference: Conference) -> dict:
    """Delegates and companies checked in, against those expected."""
    return {
        "delegates": CheckIn.objects.filter(conference=conference).count(),
        "enterprises": len(checked_in_enterprise_ids(conference=conference)),
        "expected_delegates": Delegate.objects.filter(
            enterprise__registrations__in=attending(conference)).count(),
    }


def attendance_count(*, conference: Conference) -> dict:
    """Live meetings held, no-show, and not marked yet."""
    rows = Meeting.objects.filter(conference=conference, status=MeetingStatus.SCHEDULED)
    figures = rows.aggregate(
        held=Count("pk", filter=Q(attendance__status=AttendanceStatus.HELD)),
        no_show=Count("pk", filter=Q(attendance__status=AttendanceStatus.NO_SHOW)),
        unmarked=Count("pk", filter=Q(attendance__isnull=True)))
    return figures



def attendance_by_company(*, conference: Conference) -> list[dict]:
    """Per company with marked meetings: held, no-shows it was absent from, and no-shows
    where it came but the other side did not (or nobody said who); most absences first."""
    rows = Attendance.objects.filter(meeting__conference=conference,
                                     meeting__status=MeetingStatus.SCHEDULED).values_list(
        "meeting__request__sender_id", "meeting__request__recipient_id", "status", "absent_id")
    figures: dict[int, Counter] = defaultdict(Counter)
    for sender, recipient, status, absent in rows:
        for side in (sender, recipient):
            if status == AttendanceStatus.HELD:
                figures[side]["held"] += 1
            elif absent == side:
                figures[side]["absent"] += 1
            else:
                figures[side]["stood_up"] += 1
    names = dict(Enterprise.objects.filter(pk__in=list(figures)).values_list("pk", "legal_name"))
    result = [{"enterprise_id": pk, "enterprise": names[pk], "held": f["held"],
               "no_show": f["absent"], "other_side_absent": f["stood_up"]}
              for pk, f in figures.items()]
    return sorted(result, key=lambda row: (-row["no_show"], row["enterprise"]))


def current_and_next(*, conference: Conference, now=None) -> tuple:
    """The slot running now (or None) and the next one to begin (or None)."""
    now = now or timezone.now()
    slots = TimeSlot.objects.filter(conference=conference, end__gt=now).order_by("start")[:2]
    slots = list(slots)
    current = slots[0] if slots and slots[0].start <= now else None
    upcoming = [slot for slot in slots if slot.start > now]
    return current, (upcoming[0] if upcoming else None)
