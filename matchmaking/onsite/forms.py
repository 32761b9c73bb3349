from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Enterprise
from events.models import TimeSlot
from matchmaking.models import Meeting, MeetingRequest, MeetingStatus, Purpose, RequestStatus
from matchmaking.onsite.models import AttendanceStatus
from matchmaking.places import place_by_token


class ScanForm(forms.Form):
    code = forms.CharField(label=_("Code"), max_length=600,
                           help_text=_("Scanned from a badge or an agenda, or pasted."))


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Name, e-mail or company"), max_length=100, required=False)


class CheckInForm(forms.Form):
    delegate = forms.IntegerField(min_value=1, widget=forms.HiddenInput)


class AttendanceForm(forms.Form):
    status = forms.ChoiceField(choices=AttendanceStatus.choices)


class TargetForm(forms.Form):
    """A cell of the grid: a slot of the conference and, optionally, one place."""

    slot = forms.ModelChoiceField(queryset=None, label=_("Slot"))
    place = forms.ChoiceField(label=_("Place"), required=False)

    def __init__(self, *args, conference, places, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slot"].queryset = TimeSlot.objects.filter(conference=conference)
        self.fields["place"].choices = [("", _("First free place"))] + [
            (place.token, str(place)) for place in places]
        self.places = places

    def chosen_place(self):
        return place_by_token(self.places, self.cleaned_data.get("place") or "")


class BookForm(TargetForm):
    request = forms.ModelChoiceField(queryset=None, label=_("Accepted request"))

    def __init__(self, *args, conference, places, **kwargs):
        super().__init__(*args, conference=conference, places=places, **kwargs)
        self.fields["request"].queryset = MeetingRequest.objects.filter(
            conference=conference, status=RequestStatus.ACCEPTED).exclude(
            meetings__status=MeetingStatus.SCHEDULED).select_related("sender", "recipient")


class WalkInForm(TargetForm):
    first = forms.ModelChoiceField(queryset=None, label=_("Company"))
    second = forms.ModelChoiceField(queryset=None, label=_("Meets"))
    purpose = forms.ChoiceField(choices=Purpose.choices, label=_("Purpose"))

    def __init__(self, *args, conference, places, here, **kwargs):
        super().__init__(*args, conference=conference, places=places, **kwargs)
        companies = Enterprise.objects.filter(pk__in=here).order_by("legal_name")
        self.fields["first"].queryset = companies
        self.fields["second"].queryset = companies


class MeetingForm(forms.Form):
    meeting = forms.ModelChoiceField(queryset=None, widget=forms.HiddenInput)

    def __init__(self, *args, conference, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = Meeting.objects.filter(
            conference=conference, status=MeetingStatus.SCHEDULED)


class MoveForm(TargetForm):
    meeting = forms.ModelChoiceField(queryset=None, widget=forms.HiddenInput)

    def __init__(self, *args, conference, places, **kwargs):
        super().__init__(*args, conference=conference, places=places, **kwargs)
        self.fields["meeting"].queryset = Meeting.objects.filter(
            conference=conference, status=MeetingStatus.SCHEDULED)


class SwapForm(MeetingForm):
    other = forms.ModelChoiceField(queryset=None, label=_("Swap with"))

    def __init__(self, *args, conference, **kwargs):
        super().__init__(*args, conference=conference, **kwargs)
        self.fields["other"].queryset = self.fields["meeting"].queryset


class StaffCancelForm(MeetingForm):
    reason = forms.CharField(label=_("Reason"), max_length=500, required=False)


class StaffAttendanceForm(MeetingForm):
    status = forms.ChoiceField(choices=AttendanceStatus.choices)
