"""Organizers' wording of an e-mail per conference, with a live preview in both
languages."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy

from matchmaking.outbox import catalogue
from matchmaking.outbox.forms import WordingForm
from matchmaking.outbox.models import TemplateOverride
from matchmaking.outbox.services import delete_template_override, save_template_override


@admin.register(TemplateOverride)
class TemplateOverrideAdmin(admin.ModelAdmin):
    form = WordingForm
    list_display = ["conference", "kind", "subject_en", "subject_zh", "updated_at"]
    list_filter = ["conference"]
    list_select_related = ["conference"]
    change_form_template = "admin/outbox/templateoverride/change_form.html"

    @admin.display(description=gettext_lazy("e-mail"), ordering="template")
    def kind(self, obj):
        kind = catalogue.KINDS.get(obj.template)
        return kind.label if kind else obj.template

    def get_urls(self):
        preview = path("preview/", self.admin_site.admin_view(self.preview_view),
                       name="outbox_templateoverride_preview")
        return [preview, *super().get_urls()]

    def preview_view(self, request):
        """The htmx partial of the change form: both languages rendered with sample values,
        or the form's errors."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        form = WordingForm(request.POST or None)
        valid = request.method == "POST" and form.is_valid()
        return TemplateResponse(request, "admin/outbox/preview.html", {
            "form": form, "previews": form.previews if valid else {},
            "variables": _variables(form)})

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        saved = save_template_override(
            conference=data["conference"], template=data["template"], actor=request.user,
            texts={name: data[name] for name in ("subject_en", "body_en", "subject_zh",
                                                 "body_zh")})
        obj.pk = saved.pk

    def delete_model(self, request, obj):
        delete_template_override(override=obj, actor=request.user)

    def delete_queryset(self, request, queryset):
        for override in queryset:
            delete_template_override(override=override, actor=request.user)

    def render_change_form(self, request, context, add=False, change=False, form_url="",
                           obj=None):
        form = context["adminform"].form
        context.update(previews=getattr(form, "previews", {}), variables=_variables(form))
        return super().render_change_form(request, context, add, change, form_url, obj)


def _variables(form) -> tuple[str, ...]:
    name = form.data.get("template") or form.initial.get("template")
    kind = catalogue.KINDS.get(name)
    return kind.all_variables if kind else ()
