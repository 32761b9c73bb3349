"""The conference admin: fields saved through the conference services, the life cycle by
buttons, and the matchmaking actions an organizer starts from it."""

from django.contrib import admin, messages
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from events.admin import ConferenceAdmin as BaseConferenceAdmin
from events.errors import DomainError
from events.models import Conference, ConferenceStatus
from matchmaking.outbox.relay import relay_after_commit
from matchmaking.services import conferences
from matchmaking.tasks.recommendations import compute_recommendations_task

admin.site.unregister(Conference)


@admin.register(Conference)
class ConferenceAdmin(BaseConferenceAdmin):
    actions = ["compute_recommendations"]
    change_form_template = "admin/events/conference/change_form.html"

    def get_urls(self):
        status = path("<int:conference_id>/status/<str:status>/",
                      self.admin_site.admin_view(self.status_view),
                      name="events_conference_status")
        return [status, *super().get_urls()]

    def save_model(self, request, obj, form, change):
        data = {name: value for name, value in form.cleaned_data.items()
                if name in conferences.EDITABLE_FIELDS}
        if change:
            saved = conferences.update_conference(conference=obj, data=data, actor=request.user)
        else:
            saved = conferences.create_conference(data=data, actor=request.user)
        # The admin's history entry and redirect read the saved row's key.
        obj.pk = saved.pk

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        conference = self.get_object(request, object_id) if object_id else None
        extra = {**(extra_context or {}), "transitions": self._transitions(request, conference)}
        return super().changeform_view(request, object_id, form_url, extra)

    def _transitions(self, request, conference) -> list[dict]:
        if conference is None or not self.has_change_permission(request, conference):
            return []
        return [{"transition": transition,
                 "problems": conferences.transition_problems(conference, transition.target)}
                for transition in conferences.allowed_transitions(conference)]

    def status_view(self, request, conference_id: int, status: str):
        """GET: what the step does (and why it cannot happen yet); POST: take it."""
        conference = self.get_object(request, str(conference_id))
        if conference is None or status not in ConferenceStatus.values:
            raise Http404
        change_page = reverse("admin:events_conference_change", args=[conference.pk])
        if not self.has_change_permission(request, conference):
            return redirect(change_page)
        if request.method == "POST":
            self._change_status(request, conference, status)
            return redirect(change_page)
        transition = next((t for t in conferences.allowed_transitions(conference)
                           if t.target == status), None)
        context = {**self.admin_site.each_context(request), "opts": self.model._meta,
                   "conference": conference, "transition": transition,
                   "target": ConferenceStatus(status),
                   "problems": conferences.transition_problems(conference, status),
                   "title": _("Change the status of %(conference)s") % {
                       "conference": conference}}
        return TemplateResponse(request, "admin/events/conference/status.html", context)

    def _change_status(self, request, conference, status) -> None:
        try:
            conference = conferences.change_conference_status(
                conference=conference, status=status, actor=request.user)
        except DomainError as error:
            self.message_user(request, error.message, messages.ERROR)
            return
        self.message_user(request, _("%(conference)s is now %(status)s.") % {
            "conference": conference, "status": conference.get_status_display().lower()},
            messages.SUCCESS)

    @admin.action(description=gettext_lazy("Compute recommended partners"),
                  permissions=["change"])
    def compute_recommendations(self, request, queryset):
        for conference in queryset:
            relay_after_commit(compute_recommendations_task, conference.pk)
        self.message_user(
            request,
            ngettext("Recommendations are being computed for %(count)s conference; meeting "
                     "weights follow them at the next schedule run.",
                     "Recommendations are being computed for %(count)s conferences; meeting "
                     "weights follow them at the next schedule run.",
                     queryset.count()) % {"count": queryset.count()},
            messages.SUCCESS,
        )
