"""Forms of the outbox: the password reset that queues its e-mail, organizers' wording,
bulk mail."""

import uuid

from django import forms
from django.contrib.auth.forms import PasswordResetForm
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from accounts.models import EnterpriseRole, RegistrationStatus
from events.models import Conference, IndustryField
from matchmaking.outbox import catalogue, notices, values
from matchmaking.outbox.models import TemplateOverride
from matchmaking.outbox.render import WordingError, render_sample, render_written
from matchmaking.outbox.samples import sample_variables
from matchmaking.outbox.selectors import user_recipient


class OutboxPasswordResetForm(PasswordResetForm):
    """Django's reset form, with the e-mail going through the outbox in the user's
    language instead of straight to the mail server."""

    def send_mail(self, subject_template_name, email_template_name, context, from_email,
                  to_email, html_email_template_name=None):
        user = context["user"]
        with translation.override(user_recipient(user).language):
            path = reverse("accounts:password_reset_confirm",
                           kwargs={"uidb64": context["uid"], "token": context["token"]})
        notices.queue_password_reset(
            user=user, reset_url=f"{context['protocol']}://{context['domain']}{path}",
            key=f"password_reset:{user.pk}:{uuid.uuid4().hex}")


def check_wording(form: forms.Form, *, template: str, conference) -> dict:
    """Render the form's wording with sample values in each language; a template error
    becomes an error on its field. Returns {language: Rendered} for a preview."""
    previews = {}
    for language, suffix in (("en", "en"), ("zh-hans", "zh")):
        written = (form.cleaned_data.get(f"subject_{suffix}", ""),
                   form.cleaned_data.get(f"body_{suffix}", ""))
        for index, name in enumerate((f"subject_{suffix}", f"body_{suffix}")):
            try:
                render_written(written[index], sample_context(template, conference, language))
            except WordingError as error:
                form.add_error(name, _("This wording does not work: %(error)s")
                               % {"error": error})
        if not form.errors:
            previews[language] = render_sample(template=template, conference=conference,
                                               language=language, written=written)
    return previews


def sample_context(template: str, conference, language: str) -> dict:
    with translation.override(language):
        kind = catalogue.get(template)
        return {**values.common(conference, ""), **sample_variables(kind)}


class WordingForm(forms.ModelForm):
    """An organizer's wording of one e-mail for one conference."""

    template = forms.ChoiceField(label=_("e-mail"), choices=())

    class Meta:
        model = TemplateOverride
        fields = ["conference", "template", "subject_en", "body_en", "subject_zh", "body_zh"]
        widgets = {"body_en": forms.Textarea(attrs={"rows": 12}),
                   "body_zh": forms.Textarea(attrs={"rows": 12})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].choices = catalogue.choices(overridable_only=True)
        for name in ("subject_en", "body_en", "subject_zh", "body_zh"):
            self.fields[name].help_text = _(
                "Blank keeps the default wording. Variables are written {{ name }}; the "
                "preview lists those of this e-mail.")
        self.previews = {}

    def clean(self):
        data = super().clean()
        if data.get("conference") and data.get("template"):
            self.previews = check_wording(self, template=data["template"],
                                          conference=data["conference"])
        return data


class BulkMailForm(forms.Form):
    """Who gets a bulk mail, and what it says."""

    HAS_MEETINGS = [("", _("Any")), ("yes", _("With meetings")), ("no", _("Without meetings"))]
    CHECKED_IN = [("", _("Any")), ("yes", _("Checked in on site")),
                  ("no", _("Not checked in"))]

    token = forms.UUIDField(widget=forms.HiddenInput)
    conference = forms.ModelChoiceField(label=_("conference"), queryset=Conference.objects.all())
    statuses = forms.MultipleChoiceField(label=_("registration status"), required=False,
                                         choices=RegistrationStatus.choices)
    roles = forms.MultipleChoiceField(label=_("role"), required=False,
                                      choices=EnterpriseRole.choices)
    countries = forms.MultipleChoiceField(label=_("country"), required=False,
                                          choices=list(countries))
    industry_fields = forms.ModelMultipleChoiceField(label=_("fields"), required=False,
                                                     queryset=IndustryField.objects.all())
    has_meetings = forms.ChoiceField(label=_("meetings"), required=False, choices=HAS_MEETINGS)
    checked_in = forms.ChoiceField(label=_("check-in"), required=False, choices=CHECKED_IN)
    subject_en = forms.CharField(label=_("subject (English)"), max_length=200)
    body_en = forms.CharField(label=_("text (English)"), widget=forms.Textarea(attrs={"rows": 12}))
    subject_zh = forms.CharField(label=_("subject (Chinese)"), max_length=200, required=False,
                                 help_text=_("Blank: Chinese readers get the English text."))
    body_zh = forms.CharField(label=_("text (Chinese)"), required=False,
                              widget=forms.Textarea(attrs={"rows": 12}))

    def clean(self):
        data = super().clean()
        self.previews = {}
        if data.get("conference") and not self.errors:
            self.previews = check_wording(self, template="bulk_mail",
                                          conference=data["conference"])
        return data

    def filters(self) -> dict:
        """The selection as JSON for the service (selectors.bulk_companies' arguments)."""
        data = self.cleaned_data
        choice = {"yes": True, "no": False}
        return {"statuses": data["statuses"], "roles": data["roles"],
                "countries": data["countries"], "fields": [f.pk for f in data["industry_fields"]],
                "has_meetings": choice.get(data["has_meetings"]),
                "checked_in": choice.get(data.get("checked_in", ""))}

    def texts(self) -> dict:
        return {name: self.cleaned_data[name]
                for name in ("subject_en", "body_en", "subject_zh", "body_zh")}
