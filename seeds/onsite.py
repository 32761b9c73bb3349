"""The demo's exhibition and day-of-conference data, from the articles: "more than 50
foreign exhibitors, up 70 percent", a quarter of all exhibitors. The 5th edition shows
51 foreign exhibitors among 204; the 2nd has 30 foreign ones, so the comparison reads
+70 %. Past editions also get their check-ins and, for meetings already held, their
attendance. Deterministic (a fixed seed per edition) and idempotent: what exists is
kept, and everything goes through the services.
"""

import io
import random

from django.core.files.base import ContentFile
from django.db import transaction

from accounts.models import Registration, RegistrationStatus
from events.models import Conference
from matchmaking.exhibition.models import Booth, Exhibitor, Hall
from matchmaking.exhibition.services import set_exhibitor
from matchmaking.models import Meeting, MeetingStatus
from matchmaking.onsite.models import CheckIn
from matchmaking.onsite.services import check_in_delegate, mark_attendance

# edition -> (foreign exhibitors, domestic exhibitors, halls)
EXHIBITORS = {2: (30, 40, ["Hall A", "Hall B"]), 5: (51, 153, ["Hall A", "Hall B", "Hall C"])}
PAST = {5}
CHECKED_IN_SHARE, NO_SHOW_SHARE = 0.9, 0.08
BOOTHS_PER_ROW = 10


def load(*, conference: Conference, edition: int, organizer) -> dict:
    """Exhibitors for the editions in EXHIBITORS; check-ins and attendance for past ones."""
    counts = {"exhibitors": 0, "check_ins": 0, "attendance": 0}
    if edition in EXHIBITORS:
        counts["exhibitors"] = load_exhibition(conference, edition, organizer)
    if edition in PAST:
        counts["check_ins"] = load_check_ins(conference, edition, organizer)
        counts["attendance"] = load_attendance(conference, edition, organizer)
    return counts


def _chosen(conference: Conference, edition: int) -> list[Registration]:
    foreign_count, domestic_count, _halls = EXHIBITORS[edition]
    approved = list(Registration.objects.filter(
        conference=conference, status=RegistrationStatus.APPROVED).select_related(
        "enterprise").order_by("enterprise__slug"))
    rng = random.Random(edition * 4271)
    foreign = [r for r in approved if r.enterprise.country != conference.host_country]
    domestic = [r for r in approved if r.enterprise.country == conference.host_country]
    return (rng.sample(foreign, min(foreign_count, len(foreign)))
            + rng.sample(domestic, min(domestic_count, len(domestic))))


@transaction.atomic
def load_exhibition(conference: Conference, edition: int, organizer) -> int:
    if Exhibitor.objects.filter(registration__conference=conference).exists():
        return 0
    chosen = _chosen(conference, edition)
    names = EXHIBITORS[edition][2]
    per_hall = -(-len(chosen) // len(names))
    for index, name in enumerate(names):
        hall = Hall.objects.create(conference=conference, name=name, position=index,
                                   name_zh=f"{'ABC'[index]}馆")
        letter = "ABC"[index]
        group = chosen[index * per_hall:(index + 1) * per_hall]
        booths = [Booth.objects.create(hall=hall, number=f"{letter}{n:02d}",
                                       size_sqm=18 if n % 5 == 1 else 9)
                  for n in range(1, len(group) + 1)]
        hall.plan.save(f"cisocc-{edition}-{letter}.png", ContentFile(plan_png(booths)))
        for registration, booth in zip(group, booths, strict=True):
            set_exhibitor(registration=registration, booth=booth, actor=organizer)
    return len(chosen)


def plan_png(booths: list[Booth]) -> bytes:
    """A plain hall plan: one numbered box per booth, ten to a row."""
    from PIL import Image, ImageDraw

    rows = -(-len(booths) // BOOTHS_PER_ROW)
    width, height = 40 + BOOTHS_PER_ROW * 76, 60 + rows * 66
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle([4, 4, width - 5, height - 5], outline="#08437f", width=3)
    for i, booth in enumerate(booths):
        x, y = 20 + (i % BOOTHS_PER_ROW) * 76, 40 + (i // BOOTHS_PER_ROW) * 66
        draw.rectangle([x, y, x + 68, y + 52], outline="#08437f", fill="#eef4fb", width=2)
        draw.text((x + 18, y + 20), booth.number, fill="#0b2540")
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def load_check_ins(conference: Conference, edition: int, organizer) -> int:
    if CheckIn.objects.filter(conference=conference).exists():
        return 0
    rng = random.Random(edition * 6007)
    registrations = Registration.objects.filter(
        conference=conference, status=RegistrationStatus.APPROVED).prefetch_related(
        "enterprise__delegates").order_by("enterprise__slug")
    count = 0
    for registration in registrations:
        for delegate in registration.enterprise.delegates.all():
            if rng.random() < CHECKED_IN_SHARE:
                check_in_delegate(conference=conference, delegate=delegate, actor=organizer)
                count += 1
    return count


def load_attendance(conference: Conference, edition: int, organizer) -> int:
    """Mark the live meetings of the past edition that nobody marked yet."""
    rng = random.Random(edition * 7109)
    meetings = Meeting.objects.filter(conference=conference, status=MeetingStatus.SCHEDULED,
                                      attendance__isnull=True).order_by("pk")
    count = 0
    for meeting in meetings:
        status = "no_show" if rng.random() < NO_SHOW_SHARE else "held"
        absent = meeting.request.sender if status == "no_show" else None
        mark_attendance(meeting=meeting, status=status, actor=organizer, absent=absent)
        count += 1
    return count
