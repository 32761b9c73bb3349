import pytest

from accounts.models import Registration
from events.models import AuditEntry, IndustryField
from matchmaking.models import Recommendation, Shortlist
from tests.factories import (
    DelegateFactory,
    EnterpriseFactory,
    SupplierFactory,
    approved,
    registered,
)

pytestmark = pytest.mark.django_db


def names(response) -> list[str]:
    return [card.enterprise.legal_name for card in response.context["cards"]]


def test_directory_lists_approved_participants_but_not_the_viewer(buyer_client, conference,
                                                                  buyer, supplier):
    registered(conference, SupplierFactory(legal_name="Still Under Review Ltd"))

    response = buyer_client.get("/portal/directory/")

    assert names(response) == [supplier.legal_name]


@pytest.mark.parametrize("query", ["Taihu", "太湖", "penetration", "cloud migration"])
def test_search_covers_name_chinese_name_offers_and_needs(buyer_client, conference, supplier,
                                                          query):
    supplier.offers, supplier.needs = "penetration testing", "cloud migration partners"
    supplier.save()
    approved(conference, SupplierFactory(legal_name="Other Co", offers="accounting"))

    response = buyer_client.get("/portal/directory/", {"q": query})

    assert names(response) == [supplier.legal_name]


def test_filters_combine_role_country_field_size_and_language(buyer_client, conference):
    pharma = IndustryField.objects.create(slug="pharma", name="Pharmaceutical R&D")
    wanted = approved(conference, SupplierFactory(legal_name="Wanted", country="IN",
                                                  contract_value_usd=2_000_000,
                                                  fields=[pharma])).enterprise
    DelegateFactory(enterprise=wanted, languages="hi,en")
    for decoy in (
        SupplierFactory(legal_name="Wrong country", country="CN", fields=[pharma],
                        contract_value_usd=2_000_000),
        SupplierFactory(legal_name="Wrong field", country="IN", contract_value_usd=2_000_000),
        SupplierFactory(legal_name="Wrong size", country="IN", fields=[pharma],
                        contract_value_usd=90_000_000),
    ):
        DelegateFactory(enterprise=approved(conference, decoy).enterprise, languages="hi")
    wrong_role = registered(conference, EnterpriseFactory(
        legal_name="Wrong role", country="IN", contract_value_usd=2_000_000, fields=[pharma]))
    Registration.objects.filter(pk=wrong_role.pk).update(status="approved")

    response = buyer_client.get("/portal/directory/", {
        "role": "supplier", "country": "IN", "field": "pharma", "size": "medium",
        "language": "hi"})

    assert names(response) == ["Wanted"]


def test_directory_pages_by_25_in_a_fixed_number_of_queries(
        buyer_client, conference, django_assert_max_num_queries):
    for number in range(60):
        approved(conference, SupplierFactory(legal_name=f"Supplier {number:02}"))

    with django_assert_max_num_queries(13):  # +1: unread messages in the nav
        first = buyer_client.get("/portal/directory/")
    with django_assert_max_num_queries(13):  # +1: unread messages in the nav
        last = buyer_client.get("/portal/directory/", {"page": 3})

    assert len(names(first)) == 25
    assert names(last) == [f"Supplier {n}" for n in range(50, 60)]
    assert first.context["page"].paginator.count == 60


def test_htmx_filtering_returns_only_the_results(buyer_client, supplier):
    response = buyer_client.get("/portal/directory/", {"q": "Taihu"}, HTTP_HX_REQUEST="true",
                                HTTP_HX_TARGET="results")

    page = response.content.decode()
    assert "Suzhou Taihu Software" in page
    assert "<html" not in page


def test_bad_filter_values_are_ignored_with_a_form_error(buyer_client, supplier):
    response = buyer_client.get("/portal/directory/", {"size": "gigantic"})

    assert response.status_code == 200
    assert "size" in response.context["form"].errors
    assert names(response) == [supplier.legal_name]


def test_star_adds_and_removes_a_shortlisted_partner(buyer_client, conference, buyer,
                                                     supplier):
    url = f"/portal/shortlist/{supplier.pk}/"

    added = buyer_client.post(url, {"listed": "1"}, HTTP_HX_REQUEST="true")
    again = buyer_client.post(url, {"listed": "1"}, HTTP_HX_REQUEST="true")
    listed = Shortlist.objects.filter(enterprise=buyer, target=supplier).count()
    buyer_client.post(url, {"listed": "0", "next": "/portal/directory/"})

    assert 'aria-pressed="true"' in added.content.decode()
    assert 'aria-pressed="true"' in again.content.decode()
    assert listed == 1
    assert not Shortlist.objects.filter(enterprise=buyer).exists()
    assert AuditEntry.objects.filter(action__startswith="shortlist.").count() == 2


def test_shortlisted_filter_shows_only_starred(buyer_client, conference, buyer, supplier):
    approved(conference, SupplierFactory(legal_name="Not starred"))
    buyer_client.post(f"/portal/shortlist/{supplier.pk}/", {"listed": "1"})

    response = buyer_client.get("/portal/directory/", {"shortlisted": "on"})

    assert names(response) == [supplier.legal_name]


def test_cannot_shortlist_a_company_outside_the_conference(buyer_client):
    outsider = SupplierFactory()

    response = buyer_client.post(f"/portal/shortlist/{outsider.pk}/", {"listed": "1"})

    assert response.status_code == 404
    assert not Shortlist.objects.exists()


def test_request_action_only_for_companies_the_viewer_may_meet(buyer_client, conference,
                                                               supplier):
    approved(conference, EnterpriseFactory(legal_name="Another Buyer"))

    cards = {c.enterprise.legal_name: c for c in
             buyer_client.get("/portal/directory/").context["cards"]}

    assert cards[supplier.legal_name].can_request
    assert not cards["Another Buyer"].can_request


def test_recommendations_show_score_and_reasons(buyer_client, conference, buyer, supplier,
                                                django_assert_max_num_queries):
    Recommendation.objects.create(
        conference=conference, buyer=buyer, supplier=supplier, score=87.4,
        reasons=[{"code": "fields", "params": {"fields": [{"name": "Software testing",
                                                            "name_zh": "软件测试"}]}}])

    with django_assert_max_num_queries(10):  # +1: unread messages in the nav
        response = buyer_client.get("/portal/recommended/")

    page = response.content.decode()
    assert "Suzhou Taihu Software" in page
    assert ">87<" in page
    assert "both in Software testing" in page


@pytest.mark.parametrize("target",
                         ["x", "portal:agenda", "https://evil.example/", "//evil.example/"])
def test_star_goes_back_only_to_a_local_path(buyer_client, supplier, target):
    response = buyer_client.post(f"/portal/shortlist/{supplier.pk}/",
                                 {"listed": "1", "next": target})

    assert response.status_code == 302
    assert response["Location"] == "/portal/directory/"


def test_star_goes_back_to_the_page_it_came_from(buyer_client, supplier):
    response = buyer_client.post(f"/portal/shortlist/{supplier.pk}/",
                                 {"listed": "1", "next": "/portal/recommendations/"})

    assert response["Location"] == "/portal/recommendations/"
