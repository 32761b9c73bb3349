"""Numbers, money, dates and names in the reader's (the active) language.

Django's own zh-hans formats group digits by four ("3850,0000") and its date
formats read "星期四 24 六月" when combined with English patterns, so both
languages are spelled out here: "USD 38,500,000" / "3,850 万美元",
"Thursday 24 June" / "6月24日 星期四".
"""

import datetime as dt
from decimal import Decimal

from django.utils import formats, timezone
from django.utils.translation import get_language

WEEKDAYS_ZH = ["星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"]
CURRENCY_ZH = {"USD": "美元", "CNY": "元", "EUR": "欧元", "JPY": "日元"}


def chinese() -> bool:
    return (get_language() or "").startswith("zh")


def number(value) -> str:
    """Whole numbers with thousands separated by commas, in both languages."""
    if value is None or value == "":
        return ""
    value = Decimal(value)
    if value == value.to_integral():
        return f"{int(value):,}"
    return f"{value:,.2f}"


def _zh_scaled(value: Decimal) -> str:
    for unit, scale in (("亿", 100_000_000), ("万", 10_000)):
        if abs(value) >= scale:
            scaled = (value / scale).quantize(Decimal("0.01")).normalize()
            text = f"{scaled:,f}" if scaled != scaled.to_integral() else f"{int(scaled):,}"
            return f"{text} {unit}"
    return number(value) + " "


def money(value, currency: str = "USD") -> str:
    """ "USD 38,500,000" in English, "3,850 万美元" in Chinese; empty for no value."""
    if value is None or value == "":
        return ""
    value = Decimal(value)
    if chinese():
        return f"{_zh_scaled(value)}{CURRENCY_ZH.get(currency, currency)}".replace("  ", " ")
    return f"{currency} {number(value)}"


def day(value: dt.date, *, year: bool = False) -> str:
    """ "Thursday 24 June" / "6月24日 星期四" (with the year when asked)."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = _local(value).date()
    if chinese():
        text = f"{value.month}月{value.day}日 {WEEKDAYS_ZH[value.weekday()]}"
        return f"{value.year}年{text}" if year else text
    return formats.date_format(value, "l j F Y" if year else "l j F")


def _local(value, zone=None):
    """An aware moment in `zone`, else in the current time zone (the portal activates
    the conference's)."""
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        return value.astimezone(zone) if zone is not None else timezone.localtime(value)
    return value


def time(value: dt.datetime | dt.time) -> str:
    if value is None:
        return ""
    value = _local(value)
    return f"{value.hour:02d}:{value.minute:02d}"


def day_time(value: dt.datetime, zone=None, *, year: bool = False) -> str:
    """A moment in `zone` (the conference's), e.g. "6月24日 星期四 09:30"."""
    if value is None:
        return ""
    value = _local(value, zone)
    return f"{day(value, year=year)} {time(value)}"


def time_span(start: dt.datetime, end: dt.datetime, zone=None, *, year: bool = False) -> str:
    start, end = _local(start, zone), _local(end, zone)
    return f"{day(start, year=year)} {time(start)}–{time(end)}"


def name(obj) -> str:
    """A conference's, enterprise's or field's name in the reader's language."""
    if obj is None:
        return ""
    return getattr(obj, "display_name", None) or str(obj)


def other_language_name(obj) -> str:
    """The name in the other language, when it differs (shown small beside `name`)."""
    if obj is None:
        return ""
    names = [getattr(obj, "legal_name", None) or getattr(obj, "name", ""),
             getattr(obj, "name_zh", "")]
    shown = name(obj)
    return next((n for n in names if n and n != shown), "")
