"""Numbers, money and conference names in the reader's language."""

from django import template
from django.utils.formats import get_format
from django.utils.numberformat import format as format_number
from django.utils.translation import get_language
from django.utils.translation import gettext as _

register = template.Library()


def grouped(value) -> str:
    """Whole numbers grouped by thousands with the locale's separator; Django's Chinese
    formats do not group at all, which makes nine-digit amounts hard to read."""
    return format_number(value, get_format("DECIMAL_SEPARATOR"), decimal_pos=0, grouping=3,
                         thousand_sep=get_format("THOUSAND_SEPARATOR") or ",",
                         force_grouping=True)


@register.filter
def number(value):
    if value is None or value == "":
        return "–"
    return grouped(value)


@register.filter
def money(value):
    if value is None or value == "":
        return "–"
    return _("USD %(amount)s") % {"amount": grouped(value)}


@register.filter
def local_name(conference) -> str:
    if conference is None:
        return ""
    if get_language().startswith("zh") and conference.name_zh:
        return conference.name_zh
    return conference.name
