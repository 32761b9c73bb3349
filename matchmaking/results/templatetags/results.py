"""Numbers, money and conference names in the reader's language."""

from django import template
from django.utils.translation import get_language

from matchmaking.display import formatting

register = template.Library()


@register.filter
def number(value):
    if value is None or value == "":
        return "–"
    return formatting.number(value)


@register.filter
def money(value):
    """The project's one money format: "USD 260,000,000", "2.6 亿美元"."""
    if value is None or value == "":
        return "–"
    return formatting.money(value)


@register.filter
def local_name(conference) -> str:
    if conference is None:
        return ""
    if get_language().startswith("zh") and conference.name_zh:
        return conference.name_zh
    return conference.name
