from django import forms
from django.utils.translation import gettext_lazy as _

from events.models import Conference
from matchmaking.models import ScheduleRun


class StartRunForm(forms.Form):
    conference = forms.ModelChoiceField(Conference.objects.all(), label=_("Conference"))
    mode = forms.ChoiceField(
        label=_("Mode"),
        choices=ScheduleRun.Mode.choices,
        help_text=_("A repair keeps published meetings in place unless you released them."),
    )
    time_limit = forms.FloatField(
        label=_("Time limit (seconds)"), min_value=1, max_value=600, initial=10
    )
