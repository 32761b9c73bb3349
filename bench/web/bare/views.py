"""The bare app's pages: agenda, directory, book, cancel, health."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import IntegrityError, transaction
from django.db.models import Prefetch, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from bench.web.bare.models import (
    Company,
    Delegate,
    Meeting,
    MeetingRequest,
    Slot,
    SlotBooking,
    Table,
)


def healthz(request):
    return HttpResponse("ok", content_type="text/plain")


def my_company_id(request) -> int:
    return request.user.member.company_id


@login_required
def agenda(request):
    company_id = my_company_id(request)
    mine = Q(request__sender_id=company_id) | Q(request__recipient_id=company_id)
    meetings = list(
        Meeting.objects.filter(mine, status="scheduled")
        .select_related("slot", "table", "request__sender", "request__recipient")
        .prefetch_related(Prefetch("request__sender__delegates", queryset=Delegate.objects.all()),
                          Prefetch("request__recipient__delegates",
                                   queryset=Delegate.objects.all()))
        .order_by("slot__start")
    )
    for meeting in meetings:
        meeting.counterpart = meeting.request.counterpart_of(company_id)
    return render(request, "bare/agenda.html", {"meetings": meetings})


@login_required
def directory(request):
    query = request.GET.get("q", "").strip()
    found = (Company.objects.filter(registration__status="approved")
             .exclude(pk=my_company_id(request)).prefetch_related("fields").order_by("legal_name"))
    if query:
        found = found.filter(Q(legal_name__icontains=query) | Q(description__icontains=query)
                             | Q(offers__icontains=query) | Q(needs__icontains=query))
    page = Paginator(found, 25).get_page(request.GET.get("page"))
    return render(request, "bare/directory.html", {"page": page, "q": query})


def free_table(slot: Slot) -> Table | None:
    taken = Meeting.objects.filter(slot=slot, status="scheduled").values("table")
    return Table.objects.exclude(pk__in=taken).order_by("number").first()


@login_required
@require_POST
def book(request, request_id: int):
    company_id = my_company_id(request)
    meeting_request = get_object_or_404(
        MeetingRequest.objects.filter(Q(sender_id=company_id) | Q(recipient_id=company_id)),
        pk=request_id, status="accepted")
    slot_id = request.POST.get("slot", "")
    if not slot_id.isdigit():
        return render(request, "bare/refused.html", {"reason": "Choose a slot."}, status=400)
    try:
        with transaction.atomic():
            slot = Slot.objects.select_for_update().get(pk=int(slot_id))
            if Meeting.objects.filter(request=meeting_request, status="scheduled").exists():
                raise IntegrityError("already booked")
            meeting = Meeting.objects.create(request=meeting_request, slot=slot,
                                             table=free_table(slot))
            SlotBooking.objects.bulk_create(
                SlotBooking(meeting=meeting, company_id=side, slot=slot)
                for side in (meeting_request.sender_id, meeting_request.recipient_id))
    except (IntegrityError, Slot.DoesNotExist):
        return render(request, "bare/refused.html", {"reason": "This slot is taken."},
                      status=409)
    messages.success(request, "Your meeting is booked.")
    return redirect("agenda")


@login_required
@require_POST
def cancel(request, meeting_id: int):
    company_id = my_company_id(request)
    with transaction.atomic():
        meeting = get_object_or_404(
            Meeting.objects.select_for_update().filter(
                Q(request__sender_id=company_id) | Q(request__recipient_id=company_id)),
            pk=meeting_id, status="scheduled")
        meeting.bookings.all().delete()
        meeting.status = "cancelled"
        meeting.cancelled_reason = request.POST.get("reason", "")[:500]
        meeting.save(update_fields=["status", "cancelled_reason"])
    messages.success(request, "The meeting is cancelled.")
    return redirect("agenda")
