from django import forms
from django.utils.translation import gettext_lazy as _

from events.models import IndustryField


class ConfirmInvestmentForm(forms.Form):
    value_usd = forms.DecimalField(label=_("Value (USD)"), min_value=0, max_digits=14,
                                   decimal_places=0)
    signed = forms.BooleanField(label=_("Agreement signed"), required=False)
    field = forms.ModelChoiceField(label=_("Field"), queryset=IndustryField.objects.all(),
                                   required=False)
    reason = forms.CharField(label=_("Reason"), max_length=500)
