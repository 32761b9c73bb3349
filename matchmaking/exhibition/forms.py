from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries as all_countries

from events.models import IndustryField


class ExhibitorFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100,
                        widget=forms.SearchInput(attrs={"placeholder": _("Name, offers, booth")}))
    field = forms.ModelChoiceField(label=_("Field"), required=False,
                                   queryset=IndustryField.objects.all(), to_field_name="slug",
                                   empty_label=_("Any field"))
    country = forms.ChoiceField(label=_("Country"), required=False)

    def __init__(self, *args, countries=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", _("Any country"))] + sorted(
            ((code, all_countries.name(code)) for code in countries), key=lambda c: c[1])
