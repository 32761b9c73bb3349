"""Numbers and money in the reader's language (grouping and separators of the locale)."""

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def number(value):
    if value is None or value == "":
        return "–"
    return number_format(value, force_grouping=True)


@register.filter
def money(value):
    if value is None or value == "":
        return "–"
    return _("USD %(amount)s") % {"amount": number_format(value, force_grouping=True)}
