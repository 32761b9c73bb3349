from django import forms
from django.utils.translation import gettext_lazy as _

from matchmaking.onsite.models import AttendanceStatus


class ScanForm(forms.Form):
    code = forms.CharField(label=_("Code"), max_length=600,
                           help_text=_("Scanned from a badge or an agenda, or pasted."))


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Name, e-mail or company"), max_length=100, required=False)


class CheckInForm(forms.Form):
    delegate = forms.IntegerField(min_value=1, widget=forms.HiddenInput)


class AttendanceForm(forms.Form):
    status = forms.ChoiceField(choices=AttendanceStatus.choices)
