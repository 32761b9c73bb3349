"""{% load display %}: the formatting module's functions as template filters."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from matchmaking.display import formatting

register = template.Library()

register.filter("number", formatting.number)
register.filter("money", formatting.money)
register.filter("local_name", formatting.name)
register.filter("other_name", formatting.other_language_name)
register.filter("time_of_day", formatting.time)


@register.filter
def day(value, arg=""):
    """{{ date|day }} or {{ date|day:"year" }}."""
    return formatting.day(value, year=arg == "year")


@register.filter
def day_time(value, zone=None):
    return formatting.day_time(value, zone)


@register.simple_tag
def both_names(obj, separator="<br>"):
    """The name in the reader's language, then the other language's name, smaller and
    marked with its language (so screen readers pronounce it right)."""
    shown, other = formatting.name(obj), formatting.other_language_name(obj)
    if not other:
        return shown
    lang = "zh-Hans" if other == getattr(obj, "name_zh", None) else "en"
    return format_html('{}{}<span class="name-other" lang="{}">{}</span>', shown,
                       mark_safe(separator), lang, other)  # noqa: S308 - our own literal
