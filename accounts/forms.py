from django import forms
from django.contrib.auth.forms import AuthenticationForm, UsernameField
from django.core.validators import MinValueValidator
from django.utils.translation import gettext_lazy as _

from accounts.models import Delegate, Enterprise
from accounts.services import VETTED_DELEGATE_FIELDS, VETTED_ENTERPRISE_FIELDS


class DecisionForm(forms.Form):
    """The reason an organizer gives for a decision on the selected registrations."""

    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def __init__(self, *args, reason_required: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].required = reason_required


class EmailAuthenticationForm(AuthenticationForm):
    """Sign-in by e-mail. The field keeps the name `username`, which django-axes watches.

    An unknown address and a wrong password give the same message, so the form
    does not reveal who has an account.
    """

    username = UsernameField(
        label=_("E-mail"),
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
            "description", "offers", "needs", "fields", "website", "employees",
            "contract_value_usd",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "offers": forms.Textarea(attrs={"rows": 3}),
            "needs": forms.Textarea(attrs={"rows": 3}),
            "fields": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A field error, not the database constraint's message on the whole form.
        contract = self.fields["contract_value_usd"]
        contract.validators.append(MinValueValidator(0))
        contract.widget.attrs["min"] = 0


class DelegateForm(forms.ModelForm):
    class Meta:
        model = Delegate
        fields = ["full_name", "title", "seniority", "email", "phone", "languages"]


DelegateFormSet = forms.inlineformset_factory(
    Enterprise, Delegate, form=DelegateForm, extra=1, can_delete=True,
)


def vetted_changes(profile: EnterpriseProfileForm, delegates) -> list[str]:
    """Labels of the vetted things a valid profile edit changes (empty: nothing vetted)."""
    labels = [
        str(profile.fields[name].label)
        for name in profile.changed_data if name in VETTED_ENTERPRISE_FIELDS
    ]
    for form in delegates.forms:
        if not form.has_changed() or form in delegates.deleted_forms:
            continue
        if form.instance.pk is None:
            labels.append(_("New delegate: %(name)s") % {"name": form.cleaned_data["full_name"]})
        elif any(name in VETTED_DELEGATE_FIELDS for name in form.changed_data):
            labels.append(_("Seniority of %(name)s") % {"name": form.cleaned_data["full_name"]})
    return labels


def delegate_changes(delegates) -> dict[str, list[str]]:
    """What update_delegates records: delegate name -> changed fields, "added", "removed"."""
    changes: dict[str, list[str]] = {}
    for form in delegates.forms:
        if form in delegates.deleted_forms and form.instance.pk:
            changes[form.instance.full_name] = ["removed"]
        elif form.has_changed() and form not in delegates.deleted_forms:
            name = form.cleaned_data["full_name"]
            changes[name] = ["added"] if form.instance.pk is None else list(form.changed_data)
    return changes
