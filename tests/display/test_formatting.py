import datetime as dt
import zoneinfo

import pytest
from django.template import Context, Template
from django.utils import translation

from matchmaking.display import formatting


@pytest.mark.parametrize(("language", "expected"), [
    ("en", "USD 38,500,000"), ("zh-hans", "3,850 万美元")])
def test_money_reads_per_locale(language, expected):
    with translation.override(language):
        assert formatting.money(38_500_000) == expected


@pytest.mark.parametrize(("value", "expected"), [
    (2_500_000, "250 万美元"), (260_000_000, "2.6 亿美元"), (123_456_789, "1.23 亿美元"),
    (5_000, "5,000 美元"), (12_345, "1.23 万美元")])
def test_chinese_money_counts_in_wan_and_yi(value, expected):
    with translation.override("zh-hans"):
        assert formatting.money(value) == expected


def test_numbers_group_by_thousands_in_both_languages():
    for language in ("en", "zh-hans"):
        with translation.override(language):
            assert formatting.number(38500000) == "38,500,000"
    assert formatting.money(None) == "" and formatting.number(None) == ""


@pytest.mark.parametrize(("language", "expected", "with_year"), [
    ("en", "Thursday 24 June", "Thursday 24 June 2010"),
    ("zh-hans", "6月24日 星期四", "2010年6月24日 星期四")])
def test_dates_read_per_locale(language, expected, with_year):
    with translation.override(language):
        assert formatting.day(dt.date(2010, 6, 24)) == expected
        assert formatting.day(dt.date(2010, 6, 24), year=True) == with_year


def test_moments_show_in_the_given_zone():
    moment = dt.datetime(2010, 6, 24, 1, 30, tzinfo=dt.UTC)
    with translation.override("zh-hans"):
        assert formatting.day_time(moment, zoneinfo.ZoneInfo("Asia/Shanghai")) == \
            "6月24日 星期四 09:30"


def test_template_filters_use_the_same_module():
    template = Template('{% load display %}{{ amount|money }} · {{ date|day }}')
    with translation.override("zh-hans"):
        text = template.render(Context({"amount": 38_500_000, "date": dt.date(2010, 6, 24)}))
    assert text == "3,850 万美元 · 6月24日 星期四"
