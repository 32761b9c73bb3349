import pytest

from accounts.models import Delegate, Registration
from events.models import IndustryField

pytestmark = pytest.mark.django_db


def profile_data(enterprise, **changes) -> dict:
    """The profile form as the page posts it, unchanged unless told otherwise."""
    data = {
        "profile-description": enterprise.description, "profile-offers": enterprise.offers,
        "profile-needs": enterprise.needs, "profile-website": enterprise.website,
        "profile-employees": enterprise.employees or "",
        "profile-contract_value_usd": enterprise.contract_value_usd or "",
        "profile-fields": [f.pk for f in enterprise.fields.all()],
    }
    delegates = list(enterprise.delegates.all())
    data.update({"delegates-TOTAL_FORMS": len(delegates) + 1,
                 "delegates-INITIAL_FORMS": len(delegates),
                 "delegates-MIN_NUM_FORMS": 0, "delegates-MAX_NUM_FORMS": 1000})
    for index, d in enumerate(delegates):
        data.update({f"delegates-{index}-{name}": getattr(d, name) for name in
                     ("full_name", "title", "seniority", "email", "phone", "languages")})
        data[f"delegates-{index}-id"] = d.pk
        data[f"delegates-{index}-enterprise"] = enterprise.pk
    data.update(changes)
    return data


def status_of(enterprise) -> str:
    return Registration.objects.get(enterprise=enterprise).status


def test_editing_unvetted_fields_saves_at_once_and_keeps_approval(buyer_client, buyer):
    cloud = IndustryField.objects.create(slug="cloud", name="Cloud")

    response = buyer_client.post("/accounts/profile/", profile_data(
        buyer, **{"profile-needs": "Cloud migration", "profile-fields": [cloud.pk]}))

    buyer.refresh_from_db()
    assert response["Location"] == "/accounts/profile/"
    assert buyer.needs == "Cloud migration"
    assert list(buyer.fields.all()) == [cloud]
    assert status_of(buyer) == "approved"


def test_changing_contract_value_asks_for_confirmation_first(buyer_client, buyer):
    response = buyer_client.post("/accounts/profile/", profile_data(
        buyer, **{"profile-contract_value_usd": 20_000_000}))

    buyer.refresh_from_db()
    page = response.content.decode()
    assert response.templates[0].name == "accounts/profile_confirm.html"
    assert "Outsourcing contract offered (USD)" in page
    assert "goes back to review" in page
    assert buyer.contract_value_usd == 10_000_000
    assert status_of(buyer) == "approved"


def test_confirmed_vetted_change_saves_and_sends_back_to_review(buyer_client, buyer):
    buyer_client.post("/accounts/profile/", profile_data(
        buyer, **{"profile-contract_value_usd": 20_000_000, "confirm": "yes"}))

    buyer.refresh_from_db()
    assert buyer.contract_value_usd == 20_000_000
    assert status_of(buyer) == "under_review"


def test_confirmation_page_carries_the_whole_edit(buyer_client, buyer):
    """Submitting the hidden copy on the confirmation page saves exactly the edit."""
    import re

    page = buyer_client.post("/accounts/profile/", profile_data(
        buyer, **{"profile-contract_value_usd": 30_000_000,
                  "profile-offers": "Call centres"})).content.decode()
    form = page.split('<form method="post" class="panel">')[1].split("</form>")[0]
    data: dict = {}
    for name, value in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form):
        data.setdefault(name, []).append(value)

    buyer_client.post("/accounts/profile/", data)

    buyer.refresh_from_db()
    assert (buyer.contract_value_usd, buyer.offers) == (30_000_000, "Call centres")
    assert status_of(buyer) == "under_review"


def test_adding_a_delegate_is_a_vetted_change(buyer_client, buyer):
    new = {"delegates-1-full_name": "Ann Lee", "delegates-1-title": "Director",
           "delegates-1-seniority": 40, "delegates-1-email": "ann@example.com",
           "delegates-1-enterprise": buyer.pk}

    asked = buyer_client.post("/accounts/profile/", profile_data(buyer, **new))
    buyer_client.post("/accounts/profile/", profile_data(buyer, confirm="yes", **new))

    assert "New delegate: Ann Lee" in asked.content.decode()
    assert Delegate.objects.filter(enterprise=buyer, full_name="Ann Lee").exists()
    assert status_of(buyer) == "under_review"


def test_lowering_a_delegate_rank_is_vetted(buyer_client, buyer):
    delegate = buyer.delegates.get()

    asked = buyer_client.post("/accounts/profile/", profile_data(
        buyer, **{"delegates-0-seniority": 10}))

    assert f"Seniority of {delegate.full_name}" in asked.content.decode()
    delegate.refresh_from_db()
    assert delegate.seniority == 20


def test_bad_input_is_a_form_error_and_saves_nothing(buyer_client, buyer):
    response = buyer_client.post("/accounts/profile/", profile_data(
        buyer, **{"profile-contract_value_usd": -5, "profile-needs": "Changed",
                  "delegates-0-email": "not-an-email"}))

    buyer.refresh_from_db()
    assert response.status_code == 400
    assert "contract_value_usd" in response.context["form"].errors
    assert "email" in response.context["delegates"].forms[0].errors
    assert buyer.needs == "software testing"


def test_unapproved_company_edits_without_a_warning(client, conference):
    from tests.factories import EnterpriseFactory, registered
    from tests.portal.conftest import client_for

    enterprise = EnterpriseFactory(contract_value_usd=5_000_000)
    registered(conference, enterprise)
    client_for(client, enterprise)

    client.post("/accounts/profile/", profile_data(
        enterprise, **{"profile-contract_value_usd": 9_000_000}))

    enterprise.refresh_from_db()
    registration = Registration.objects.get(enterprise=enterprise)
    assert enterprise.contract_value_usd == 9_000_000
    assert registration.passes_rules
