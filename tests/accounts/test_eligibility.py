from decimal import Decimal

import pytest

from accounts import eligibility
from events.models import Seniority
from tests.factories import (
    DelegateFactory,
    EnterpriseFactory,
    IndustryFieldFactory,
    SupplierFactory,
    registered,
)

pytestmark = pytest.mark.django_db


def results_by_code(registration):
    return {result["code"]: result for result in registration.rule_results}


def test_foreign_buyer_offering_enough_passes_every_rule(conference):
    registration = registered(conference, contract_value_usd=Decimal("8000000"))

    assert registration.passes_rules
    assert registration.failed_rules == []


def test_foreign_buyer_under_minimum_fails_with_both_amounts_in_reason(conference):
    registration = registered(conference, contract_value_usd=5_000_000)

    result = results_by_code(registration)["contract_value"]
    assert not result["passed"]
    assert eligibility.describe(result) == (
        "Offers USD 5,000,000; at least USD 8,000,000 is required."
    )
    assert registration.failed_rule_codes == ",contract_value,"


def test_buyer_without_contract_value_fails(conference):
    registration = registered(conference, contract_value_usd=None)

    assert "No contract value" in eligibility.describe(results_by_code(registration)[
        "contract_value"])
    assert not registration.passes_rules


def test_domestic_supplier_is_not_held_to_the_contract_rule(conference):
    registration = registered(conference, SupplierFactory())

    result = results_by_code(registration)["contract_value"]
    assert result["passed"] and not result["applies"]
    assert registration.passes_rules


def test_domestic_buyer_is_not_foreign(conference):
    registration = registered(conference, country="CN", contract_value_usd=1)

    assert not results_by_code(registration)["contract_value"]["applies"]


def test_delegate_below_manager_fails_and_is_named(conference):
    enterprise = EnterpriseFactory()
    DelegateFactory(enterprise=enterprise, full_name="Ann Junior", seniority=Seniority.STAFF)
    registration = registered(conference, enterprise)

    result = results_by_code(registration)["delegate_seniority"]
    assert not result["passed"]
    assert "Ann Junior" in eligibility.describe(result)


def test_enterprise_without_delegates_fails_seniority_and_count(conference):
    registration = registered(conference, delegates=0)

    assert {"delegate_seniority", "delegate_count"} <= {
        r["code"] for r in registration.failed_rules
    }


def test_too_many_delegates_fails_count(conference):
    conference.rules.max_delegates = 2
    conference.rules.save()

    registration = registered(conference, delegates=3)

    assert [r["code"] for r in registration.failed_rules] == ["delegate_count"]


def test_fields_rule_requires_an_allowed_field(conference):
    pharma = IndustryFieldFactory(slug="pharma-rd", name="Pharmaceutical R&D")
    conference.rules.allowed_fields.set([pharma])

    outside = registered(conference)
    inside = registered(conference, fields=[pharma])

    assert [r["code"] for r in outside.failed_rules] == ["fields"]
    assert inside.passes_rules


def test_fields_rule_does_not_apply_when_any_field_is_allowed(conference):
    registration = registered(conference, fields=[])

    assert not results_by_code(registration)["fields"]["applies"]
