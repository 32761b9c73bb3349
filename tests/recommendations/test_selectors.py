import pytest
from django.utils import translation

from accounts import services as accounts_services
from matchmaking.recommendations.describe import describe_reason
from matchmaking.recommendations.selectors import recommended_partners
from matchmaking.recommendations.services import compute_recommendations
from tests.factories import EnterpriseFactory, IndustryFieldFactory, SupplierFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def market(join, conference):
    """A buyer needing software testing, three suppliers of which two offer it."""
    buyer = join(conference)
    suppliers = [join(conference, SupplierFactory(offers=offer))
                 for offer in ("software testing", "software testing; ERP", "game art")]
    compute_recommendations(conference=conference)
    return buyer, suppliers


def test_buyer_sees_suppliers_best_first_with_reasons_in_its_words(conference, market):
    buyer, suppliers = market

    found = recommended_partners(conference=conference, enterprise=buyer, limit=2)

    assert [r.counterpart for r in found] == suppliers[:2]
    assert found[0].score >= found[1].score
    assert "you need software testing, which they offer" in found[0].reason_texts
    assert found[0].reason_texts[0] == "both in Software"


def test_supplier_sees_the_buyer_as_counterpart(conference, market):
    buyer, suppliers = market

    [found] = recommended_partners(conference=conference, enterprise=suppliers[0])

    assert found.counterpart == buyer
    assert "they need software testing, which you offer" in found.reason_texts


def test_partner_who_withdrew_is_left_out(conference, market):
    buyer, suppliers = market
    registration = suppliers[0].registrations.get(conference=conference)
    accounts_services.withdraw_registration(registration=registration, actor=None)

    found = recommended_partners(conference=conference, enterprise=buyer)

    assert suppliers[0] not in [r.counterpart for r in found]
    assert len(found) == 2


def test_selector_runs_one_query_whatever_the_number_of_partners(
    conference, market, django_assert_max_num_queries
):
    buyer, _suppliers = market

    with django_assert_max_num_queries(1):
        found = recommended_partners(conference=conference, enterprise=buyer)
        names = [r.counterpart.legal_name for r in found]

    assert len(names) == 3


def test_reasons_render_under_chinese_with_chinese_field_names(conference, market):
    IndustryFieldFactory()  # the factory's software field carries name_zh "软件"
    buyer, _suppliers = market

    with translation.override("zh-hans"):
        [best] = recommended_partners(conference=conference, enterprise=buyer, limit=1)

    assert all(text.strip() for text in best.reason_texts)
    assert "软件" in best.reason_texts[0]


def test_unknown_reason_code_still_renders_something():
    with translation.override("zh-hans"):
        assert describe_reason({"code": "future_signal", "params": {}}) == "future_signal"
        assert describe_reason({"code": "languages", "params": {"languages": ["en"]}})


def test_reasons_name_both_companies_for_a_third_party_reader():
    reason = {"code": "needs_offers", "params": {
        "needer": 1, "needer_name": "Acme", "offerer": 2, "offerer_name": "Suzhou Soft",
        "phrases": ["clinical data management"], "terms": []}}

    assert describe_reason(reason) == (
        "Acme needs clinical data management, which Suzhou Soft offers")


def test_a_chinese_reader_sees_the_services_from_the_chinese_profiles(join, conference):
    buyer = join(conference, EnterpriseFactory(needs="software testing", needs_zh="软件测试"))
    supplier = join(conference, SupplierFactory(offers="software testing",
                                                offers_zh="软件测试；云迁移"))
    compute_recommendations(conference=conference)

    with translation.override("zh-hans"):
        [as_buyer] = recommended_partners(conference=conference, enterprise=buyer)
        [as_supplier] = recommended_partners(conference=conference, enterprise=supplier)
    with translation.override("en"):
        [in_english] = recommended_partners(conference=conference, enterprise=buyer)

    assert any("软件测试" in text for text in as_buyer.reason_texts)
    assert any("软件测试" in text for text in as_supplier.reason_texts)
    assert not any("software" in text for text in as_buyer.reason_texts + as_supplier.reason_texts)
    assert "you need software testing, which they offer" in in_english.reason_texts
