from django import forms
from django.contrib.auth.forms import AuthenticationForm, UsernameField
from django.utils.translation import gettext_lazy as _

from accounts.models import Delegate, Enterprise, Registration
from accounts.services import (
    DELEGATE_FIELDS,
    ENTERPRISE_FIELDS,
    SETTINGS_FIELDS,
    registration_settings_errors,
)


class DecisionForm(forms.Form):
    """The reason an organizer gives for a decision on the selected registrations."""

    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def __init__(self, *args, reason_required: bool = False, label=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].required = reason_required
        if label:
            self.fields["reason"].label = label


class RegistrationSettingsForm(forms.ModelForm):
    """Notes, seats and the meeting cap of a registration, checked by the service's rules
    so the errors show on their fields."""

    class Meta:
        model = Registration
        fields = list(SETTINGS_FIELDS)

    def clean(self):
        data = super().clean()
        values = {name: data[name] for name in SETTINGS_FIELDS if name in data}
        errors = registration_settings_errors(registration=self.instance, data=values)
        for name, messages in errors.items():
            self.add_error(name, messages)
        return data

    def settings(self) -> dict:
        return {name: self.cleaned_data[name] for name in SETTINGS_FIELDS
                if name in self.cleaned_data}


class EmailAuthenticationForm(AuthenticationForm):
    """Sign-in by e-mail. The field keeps the name `username`, which django-axes watches.

    An unknown address and a wrong password give the same message, so the form
    does not reveal who has an account.
    """

    username = UsernameField(
        label=_("E-mail"),
        max_length=254,  # an e-mail address's limit; the lock-out table holds no more
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )
    error_messages = {
        "invalid_login": _("The e-mail address or the password is not correct."),
        "inactive": _("The e-mail address or the password is not correct."),
    }

    def clean_username(self):
        # Addresses are stored in lower case (UserManager.create_user).
        return self.cleaned_data["username"].strip().lower()


class EnterpriseProfileForm(forms.ModelForm):
    class Meta:
        model = Enterprise
        fields = [
            "description", "description_zh", "offers", "offers_zh", "needs", "needs_zh",
            "fields", "website", "logo", "employees", "contract_value_usd",
        ]
        labels = {
            "description": _("Description (English)"), "description_zh": _("Description (Chinese)"),
            "offers": _("Offers (English)"), "offers_zh": _("Offers (Chinese)"),
            "needs": _("Needs (English)"), "needs_zh": _("Needs (Chinese)"),
        }
        # data-counter: portal.js shows "120 / 1000" under each text (maxlength from the model).
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4, "data-counter": ""}),
            "description_zh": forms.Textarea(attrs={"rows": 4, "data-counter": "", "lang": "zh"}),
            "offers": forms.Textarea(attrs={"rows": 3, "data-counter": ""}),
            "offers_zh": forms.Textarea(attrs={"rows": 3, "data-counter": "", "lang": "zh"}),
            "needs": forms.Textarea(attrs={"rows": 3, "data-counter": ""}),
            "needs_zh": forms.Textarea(attrs={"rows": 3, "data-counter": "", "lang": "zh"}),
            "fields": forms.CheckboxSelectMultiple,
            # The service checks the content; the browser only offers the right files.
            "logo": forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg,image/webp"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contract_value_usd"].widget.attrs["min"] = 0


class DelegateForm(forms.ModelForm):
    class Meta:
        model = Delegate
        fields = ["full_name", "title", "seniority", "email", "phone", "languages"]


DelegateFormSet = forms.inlineformset_factory(
    Enterprise, Delegate, form=DelegateForm, extra=1, can_delete=True,
)


def enterprise_values(form: forms.ModelForm) -> dict:
    """The enterprise fields a valid form edits, as the services take them."""
    return {name: form.cleaned_data[name] for name in form.fields
            if name in ENTERPRISE_FIELDS and name in form.cleaned_data}


def delegate_rows(formset) -> list[dict]:
    """The complete new list of delegates a valid delegate formset describes: kept and
    edited ones with their id, new ones without; deleted and blank extra forms left out."""
    rows = []
    for form in formset.forms:
        if form in formset.deleted_forms or not form.cleaned_data:
            continue
        if form.instance.pk is None and not form.has_changed():
            continue
        row = {name: form.cleaned_data[name] for name in DELEGATE_FIELDS
               if name in form.cleaned_data}
        if form.instance.pk is not None:
            row["id"] = form.instance.pk
        rows.append(row)
    return rows
