"""Profiles in both languages: the reader's first, the other marked as a fallback; limits
on free text at every door; recommendation reasons in one language per sentence."""

import pytest
from django.utils import translation

from accounts.services import update_enterprise
from events.errors import DomainError
from matchmaking.recommendations.describe import describe_reason
from tests.portal.conftest import client_for
from tests.portal.test_profile import profile_data

pytestmark = pytest.mark.django_db


def test_profile_page_saves_both_languages_through_the_service(client, buyer):
    client_for(client, buyer)

    response = client.post("/accounts/profile/", profile_data(
        buyer, **{"profile-offers": "Cloud testing", "profile-offers_zh": "云测试",
                  "profile-needs_zh": "三维建模"}))

    buyer.refresh_from_db()
    assert response.status_code == 302
    saved = (buyer.offers, buyer.offers_zh, buyer.needs_zh)
    assert saved == ("Cloud testing", "云测试", "三维建模")


def test_directory_shows_the_readers_language_and_marks_a_fallback(client, buyer, supplier):
    update_enterprise(enterprise=supplier, actor=None, data={
        "offers": "Animation and post-production", "offers_zh": "动画与后期制作",
        "needs": "Game publishers", "needs_zh": ""})
    client_for(client, buyer)

    chinese = client.get("/zh-hans/portal/directory/").content.decode()
    english = client.get("/portal/directory/").content.decode()

    assert "动画与后期制作" in chinese and "Animation and post-production" not in chinese
    assert "Game publishers" in chinese and "（英文）" in chinese
    assert "Animation and post-production" in english and "动画与后期制作" not in english
    assert "(in English)" not in english and "(in Chinese)" not in english


@pytest.mark.parametrize("name", ["needs", "offers_zh", "description"])
def test_the_service_refuses_text_over_the_limit(buyer, name):
    with pytest.raises(DomainError) as refused:
        update_enterprise(enterprise=buyer, actor=None, data={name: "x" * 20_000})

    assert name in refused.value.fields and "20000" in refused.value.fields[name][0]


def test_profile_form_refuses_20000_characters_with_a_field_error(client, buyer):
    client_for(client, buyer)

    response = client.post("/accounts/profile/", profile_data(
        buyer, **{"profile-needs": "x" * 20_000}))

    buyer.refresh_from_db()
    assert response.status_code == 400 and buyer.needs != "x" * 20_000
    assert "needs" in response.context["form"].errors
    assert 'maxlength="1000"' in response.content.decode()


REASON = {"code": "needs_offers", "params": {
    "needer": 1, "offerer": 2, "needer_name": "Maple", "offerer_name": "Taihu",
    "phrases": ["3D modelling", "post-production"], "terms": ["modelling"]}}


def test_a_chinese_reason_never_carries_english_service_names():
    with translation.override("zh-hans"):
        text = describe_reason(REASON, reader_id=1)

    assert "3D modelling" not in text and "post-production" not in text
    assert text and all(not ch.isascii() or ch in " ,()" for ch in text)


def test_an_english_reason_names_the_services():
    with translation.override("en"):
        assert describe_reason(REASON, reader_id=1) == (
            "you need 3D modelling and post-production, which they offer")
