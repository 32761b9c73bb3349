"""Portal pages of the message threads: the list, one thread, writing a message.

Companies read their threads while they may read their requests (approved, or back in
review after a vetted change) and write while they may act (approved); after the
conference closes they can still follow up with each other.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_http_methods

from events.errors import DomainError
from matchmaking.messaging import selectors, services
from matchmaking.messaging.forms import MessageForm
from matchmaking.messaging.models import Thread
from matchmaking.portal.access import (
    ATTENDEE_STATUSES,
    SESSION_KEY,
    company_view,
    load_portal,
    participant_view,
    refusal_reason,
    render_portal,
)

reader_view = participant_view(statuses=ATTENDEE_STATUSES, reading=True)


def may_write(portal) -> bool:
    return portal.may(ATTENDEE_STATUSES)


@reader_view
def thread_list(request):
    portal = request.portal
    threads = list(selectors.threads_of(conference=portal.conference,
                                        enterprise_id=portal.enterprise.pk))
    rows = [{"thread": t, "counterpart": t.counterpart_of(portal.enterprise.pk),
             "unread": selectors.unread_of(t, portal.enterprise.pk)} for t in threads]
    talked = {row["counterpart"].pk for row in rows}
    others = selectors.counterparts(conference=portal.conference, enterprise=portal.enterprise)
    context = {"rows": rows, "others": others.exclude(pk__in=talked).order_by("legal_name")}
    return render_portal(request, "messaging/index.html", context)


def _write(request, form, *, thread=None, counterpart=None):
    """Post the form's message (opening the thread first when needed); the thread, or
    None with the refusal added to the form."""
    portal = request.portal
    try:
        if thread is None:
            thread = services.open_thread(conference=portal.conference,
                                          enterprise=portal.enterprise,
                                          counterpart=counterpart, actor=request.user)
        services.post_message(thread=thread, sender=portal.enterprise,
                              body=form.cleaned_data["body"], actor=request.user)
    except DomainError as error:
        for message in error.fields.get("body", [error.message]):
            form.add_error("body", message)
        return None
    return thread


def _page(request, *, thread, counterpart, form, status=200):
    context = {"thread": thread, "counterpart": counterpart, "form": form,
               "may_write": may_write(request.portal),
               "messages_shown": selectors.latest_messages(thread) if thread else []}
    return render_portal(request, "messaging/thread.html", context, status=status)


@reader_view
@require_http_methods(["GET", "POST"])
def start_thread(request, enterprise_id: int):
    """Write to a company the enterprise has a meeting request with."""
    portal = request.portal
    counterpart = get_object_or_404(selectors.counterparts(conference=portal.conference,
                                                           enterprise=portal.enterprise),
                                    pk=enterprise_id)
    thread = selectors.thread_between(conference=portal.conference,
                                      enterprise_id=portal.enterprise.pk,
                                      counterpart_id=counterpart.pk)
    if thread is not None:
        return redirect("messaging:thread", thread.pk)
    form = MessageForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if not may_write(portal):
            return _refused(request)
        if form.is_valid() and (thread := _write(request, form, counterpart=counterpart)):
            return redirect("messaging:thread", thread.pk)
    return _page(request, thread=None, counterpart=counterpart, form=form,
                 status=400 if form.errors else 200)


def _refused(request):
    return render_portal(request, "portal/refused.html",
                         {"reason": refusal_reason(request.portal)}, status=403)


def _follow_conference(request, thread: Thread) -> None:
    """Open the thread's conference in the portal (a link from an e-mail may name a
    conference other than the current one); 404 unless the company is registered there."""
    portal = request.portal
    if portal.conference is not None and portal.conference.pk == thread.conference_id:
        return
    if thread.conference_id not in {r.conference_id for r in portal.registrations}:
        raise Http404
    request.session[SESSION_KEY] = thread.conference_id
    request.portal = load_portal(request)


@company_view
@require_http_methods(["GET", "POST"])
def thread_page(request, thread_id: int):
    enterprise_id = request.portal.enterprise.pk
    thread = get_object_or_404(Thread.objects.involving(enterprise_id)
                               .select_related("low", "high", "conference"), pk=thread_id)
    _follow_conference(request, thread)
    portal = request.portal
    if not portal.may(ATTENDEE_STATUSES, reading=True):
        return _refused(request)
    counterpart = thread.counterpart_of(enterprise_id)
    form = MessageForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if not may_write(portal):
            return _refused(request)
        if form.is_valid() and _write(request, form, thread=thread):
            return redirect(f"{request.path}#latest")
        return _page(request, thread=thread, counterpart=counterpart, form=form, status=400)
    # Opening the thread reads it.
    services.mark_thread_read(thread=thread, enterprise=portal.enterprise)
    return _page(request, thread=thread, counterpart=counterpart, form=form)
