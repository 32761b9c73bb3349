from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts import services
from accounts.admin.base import ServiceAdminMixin
from events.models import EligibilityRules

RULE_FIELDS = ["min_foreign_buyer_contract_usd", "min_delegate_seniority", "allowed_fields",
               "min_delegates", "max_delegates"]


class RulesForm(forms.ModelForm):
    class Meta:
        model = EligibilityRules
        fields = ["conference", *RULE_FIELDS]

    def clean(self):
        data = super().clean()
        low, high = data.get("min_delegates"), data.get("max_delegates")
        if low is not None and high is not None and high < low:
            # On the field, rather than the database constraint's name on the whole form.
            self.add_error("max_delegates", _("At least the fewest delegates (%(count)s).")
                           % {"count": low})
        return data


@admin.register(EligibilityRules)
class EligibilityRulesAdmin(ServiceAdminMixin, admin.ModelAdmin):
    form = RulesForm
    list_display = [
        "conference", "min_foreign_buyer_contract_usd", "min_delegate_seniority",
        "min_delegates", "max_delegates",
    ]
    fields = ["conference", *RULE_FIELDS]
    filter_horizontal = ["allowed_fields"]

    def get_readonly_fields(self, request, obj=None):
        return ["conference"] if obj is not None else []

    def save_model(self, request, obj, form, change):
        """Nothing here: save_related has the allowed fields too and calls the service."""

    def save_related(self, request, form, formsets, change):
        conference = form.instance.conference
        count = services.update_rules(
            conference=conference, actor=request.user,
            data={name: form.cleaned_data[name] for name in RULE_FIELDS})
        form.instance.pk = EligibilityRules.objects.get(conference=conference).pk
        self.message_user(
            request,
            ngettext("Rules saved; %(count)s registration evaluated again.",
                     "Rules saved; %(count)s registrations evaluated again.", count)
            % {"count": count},
            messages.SUCCESS,
        )
