from django.contrib import admin, messages
from django.utils.translation import ngettext

from accounts import services
from events.models import EligibilityRules


@admin.register(EligibilityRules)
class EligibilityRulesAdmin(admin.ModelAdmin):
    list_display = [
        "conference", "min_foreign_buyer_contract_usd", "min_delegate_seniority",
        "min_delegates", "max_delegates",
    ]
    filter_horizontal = ["allowed_fields"]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        count = services.update_rules(
            rules=form.instance, actor=request.user, changed=list(form.changed_data)
        )
        self.message_user(
            request,
            ngettext("Rules saved; %(count)s registration evaluated again.",
                     "Rules saved; %(count)s registrations evaluated again.", count)
            % {"count": count},
            messages.SUCCESS,
        )
