from django import forms
from django.utils.translation import gettext_lazy as _


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
