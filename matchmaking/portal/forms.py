"""Every input of the company portal goes through one of these forms."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import EnterpriseRole
from events.models import IndustryField, TimeSlot
from matchmaking.models import COUNTING_RESULTS, MeetingOutcome, Purpose

# Contract size bands of the directory filter: (code, label, lowest, below).
CONTRACT_BANDS = [
    ("small", _("Under USD 1 million"), 0, 1_000_000),
    ("medium", _("USD 1 to 10 million"), 1_000_000, 10_000_000),
    ("large", _("USD 10 to 50 million"), 10_000_000, 50_000_000),
    ("xlarge", _("USD 50 million or more"), 50_000_000, None),
]
LANGUAGES = [
    ("en", _("English")), ("zh", _("Chinese")), ("ja", _("Japanese")), ("ko", _("Korean")),
    ("de", _("German")), ("fr", _("French")), ("hi", _("Hindi")),
]


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"), required=False, max_length=100,
        widget=forms.SearchInput(attrs={"placeholder": _("Name, Chinese name, offers, needs")}),
    )
    role = forms.ChoiceField(
        label=_("Role"), required=False,
        choices=[("", _("Any role"))] + list(EnterpriseRole.choices),
    )
    country = forms.ChoiceField(label=_("Country"), required=False)
    field = forms.ModelChoiceField(
        label=_("Field"), required=False, queryset=IndustryField.objects.all(),
        to_field_name="slug", empty_label=_("Any field"),
    )
    size = forms.ChoiceField(
        label=_("Contract size"), required=False,
        choices=[("", _("Any size"))] + [(code, label) for code, label, *_r in CONTRACT_BANDS],
    )
    language = forms.ChoiceField(
        label=_("Delegates speak"), required=False,
        choices=[("", _("Any language"))] + LANGUAGES,
    )
    shortlisted = forms.BooleanField(label=_("Only my shortlist"), required=False)

    def __init__(self, *args, countries=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", _("Any country"))] + list(countries)


class MeetingRequestForm(forms.Form):
    purpose = forms.ChoiceField(label=_("Purpose"), choices=Purpose.choices)
    message = forms.CharField(
        label=_("Message"), required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Introduce your company and say what you would like to discuss."),
    )
    online = forms.BooleanField(label=_("Meet online"), required=False,
                                help_text=_("An online meeting needs no table; it gets a link."))

    def __init__(self, *args, online_allowed: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not online_allowed:
            del self.fields["online"]


class OnlineLinkForm(forms.Form):
    link = forms.URLField(label=_("Meeting link"), required=False, max_length=500,
                          assume_scheme="https")


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (optional)"), required=False, max_length=500,
        widget=forms.TextInput(),
    )


class SlotChoiceForm(forms.Form):
    """One of the conference's slots, as offered on the booking page."""

    slot = forms.ModelChoiceField(label=_("Time slot"), queryset=TimeSlot.objects.none())

    def __init__(self, *args, conference=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slot"].queryset = TimeSlot.objects.filter(conference=conference)


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (optional)"), required=False, max_length=500, widget=forms.TextInput()
    )


class OutcomeForm(forms.ModelForm):
    class Meta:
        model = MeetingOutcome
        fields = ["result", "intended_investment_usd", "field", "follow_up_on", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3}),
                   "follow_up_on": forms.DateInput(attrs={"type": "date"})}
        help_texts = {"intended_investment_usd": _(
            "Whole US dollars, only for \"cooperation likely\" or \"agreement signed\".")}

    def clean(self):
        data = super().clean()
        counting = data.get("result") in COUNTING_RESULTS
        if not counting and data.get("intended_investment_usd"):
            self.add_error("intended_investment_usd", _(
                "Only a meeting where cooperation is likely or an agreement was signed "
                "carries a value."))
        return data


class AvailabilityForm(forms.Form):
    """One checkbox per session: ticked means the company can meet then."""

    def __init__(self, *args, sessions=(), unavailable=frozenset(), **kwargs):
        super().__init__(*args, **kwargs)
        for session in sessions:
            self.fields[f"session_{session.pk}"] = forms.BooleanField(
                label=session.name, required=False,
                initial=session.pk not in unavailable,
            )
        self.sessions = list(sessions)

    def unavailable_sessions(self) -> list[int]:
        return [s.pk for s in self.sessions if not self.cleaned_data.get(f"session_{s.pk}")]
