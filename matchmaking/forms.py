from django import forms
from django.utils.translation import gettext_lazy as _

from events.models import Conference
from matchmaking.models import ScheduleRun


class StartRunForm(forms.Form):
    conference = forms.ModelChoiceField(Conference.objects.all(), label=_("Conference"))
    mode = forms.ChoiceField(
        label=_("Mode"),
        choices=ScheduleRun.Mode.choices,
        help_text=_("On a live schedule, published meetings stay where they are unless moving "
                    "them schedules more weight; a repair also fixes the meetings kept in "
                    "place; a replace reshuffles everything."),
    )
    time_limit = forms.FloatField(
        label=_("Time limit (seconds)"), min_value=1, max_value=600, initial=10
    )


class PublishForm(forms.Form):
    # The fingerprint of the changes the organizer saw: publishing refuses any others.
    changes = forms.CharField(max_length=64, widget=forms.HiddenInput)
