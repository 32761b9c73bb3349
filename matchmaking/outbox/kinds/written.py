"""E-mails whose words are written by a person rather than kept in templates."""

from django.utils.translation import gettext_lazy as _

from accounts.models import Enterprise
from matchmaking.outbox.catalogue import email_kind
from matchmaking.outbox.values import enterprise_name


@email_kind("bulk_mail", _("Bulk mail"), ["enterprise"], overridable=False)
def bulk_mail(context, conference):
    return {"enterprise": enterprise_name(Enterprise.objects.get(pk=context["enterprise"]))}

