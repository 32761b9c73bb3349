"""{% load display %}: the formatting module's functions as template filters."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

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


@register.simple_tag
def reader_text(enterprise, name):
    """An enterprise's description, offers or needs in the reader's language, or in the
    other language marked as such when the reader's is empty."""
    text, fallback = enterprise.text_in_reader_language(name)
    if not fallback:
        return text
    chinese_text = not formatting.chinese()
    note = _("(in Chinese)") if chinese_text else _("(in English)")
    return format_html('<span lang="{}">{}</span> <span class="fallback-note">{}</span>',
                       "zh-Hans" if chinese_text else "en", text, note)
