from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from accounts.evidence import validate_evidence_file
from accounts.forms import DelegateForm
from accounts.models import Enterprise, EnterpriseRole
from accounts.services import DELEGATE_FIELDS


class SetPasswordForm(forms.Form):
    """A new password, typed twice; the service checks it against the validators."""

    password1 = forms.CharField(
        label=_("Password"), strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html())
    password2 = forms.CharField(
        label=_("Password again"), strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))

    def clean(self):
        data = super().clean()
        if data.get("password1") and data.get("password1") != data.get("password2"):
            self.add_error("password2", _("The two passwords differ."))
        return data


class ApplicationForm(forms.ModelForm):
    """The enterprise's details and the applicant, as the public form asks them. The model
    checks the values (and that the legal name is not taken); `conference` adds the
    conference's own demands."""

    contact_name = forms.CharField(label=_("Your name"), max_length=150)
    contact_email = forms.EmailField(
        label=_("Your e-mail"), help_text=_("We send the confirmation link here; it becomes "
                                            "your sign-in."))
    evidence = forms.FileField(
        label=_("Evidence"), required=False, validators=[validate_evidence_file],
        help_text=_("For example the contract letter: a PDF or an image, at most 10 MB."))
    evidence_description = forms.CharField(label=_("What the document is"), max_length=200,
                                           required=False)
    consent = forms.BooleanField(
        label=_("I have read the privacy notice and agree that my details are processed "
                "for this conference."),
        error_messages={"required": _("Please agree to the privacy notice to apply.")})
    # A field people never see; software filling every field gives itself away.
    homepage = forms.CharField(required=False, label=_("Leave this empty"),
                               widget=forms.TextInput(attrs={
                                   "autocomplete": "off", "tabindex": "-1"}))

    class Meta:
        model = Enterprise
        fields = ["legal_name", "name_zh", "country", "province", "city", "role", "fields",
                  "website", "employees", "contract_value_usd", "description", "offers",
                  "needs"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3}),
                   "offers": forms.Textarea(attrs={"rows": 2}),
                   "needs": forms.Textarea(attrs={"rows": 2}),
                   "fields": forms.CheckboxSelectMultiple}
        error_messages = {"legal_name": {"unique": _(
            "An enterprise with this legal name is already registered. If it is yours, sign "
            "in, or ask the organizers to add you.")}}

    def __init__(self, *args, conference, **kwargs):
        super().__init__(*args, **kwargs)
        self.conference = conference
        self.fields["fields"].required = True
        self.fields["contract_value_usd"].widget.attrs["min"] = 0
        self.fields["contract_value_usd"].help_text = _(
            "Foreign buyers: the value of the outsourcing contracts you offer, in US dollars.")

    def clean(self):
        data = super().clean()
        value, role = data.get("contract_value_usd"), data.get("role")
        country = data.get("country")
        foreign = country and str(country) != self.conference.host_country.code
        if role in (EnterpriseRole.BUYER, EnterpriseRole.BOTH) and foreign and value is None:
            self.add_error("contract_value_usd", _(
                "Foreign buyers state the value of the contracts they offer."))
        if data.get("evidence") and not data.get("evidence_description"):
            data["evidence_description"] = data["evidence"].name[:200]
        return data

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get(self.add_prefix("homepage")))

    def enterprise_values(self) -> dict:
        """The enterprise fields as JSON-safe values (kept on the application row)."""
        values = {name: self.cleaned_data[name] for name in self.Meta.fields}
        values["country"] = str(values["country"])
        values["fields"] = [field.pk for field in values["fields"]]
        if values["contract_value_usd"] is not None:
            values["contract_value_usd"] = str(values["contract_value_usd"])
        return values


class ApplicantDelegateForm(DelegateForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["languages"].help_text = _("For example: zh or en,zh.")


ApplicantDelegateFormSet = forms.formset_factory(
    ApplicantDelegateForm, extra=2, min_num=1, validate_min=True, max_num=10,
    validate_max=True)


def delegate_values(formset) -> list[dict]:
    return [{name: form.cleaned_data[name] for name in DELEGATE_FIELDS}
            for form in formset.forms if form.cleaned_data]


class ResubmitForm(forms.Form):
    """The applicant's answer to a request for information, with an optional document."""

    note = forms.CharField(label=_("Your answer to the organizers"),
                           widget=forms.Textarea(attrs={"rows": 4}), max_length=2000)
    evidence = forms.FileField(
        label=_("Another document"), required=False, validators=[validate_evidence_file],
        help_text=_("A PDF or an image, at most 10 MB."))
