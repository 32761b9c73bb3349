"""The admin's enterprise and delegate exports (django-import-export) write a cell that
starts like a formula (= + - @ tab, carriage return) with a leading apostrophe, through
the same `neutralise` as the results' exports; importing the file back changes nothing."""

import csv
import io

import pytest
from django.urls import reverse

from accounts.resources import DelegateResource, EnterpriseResource
from tests.factories import DelegateFactory, EnterpriseFactory

pytestmark = pytest.mark.django_db
EVIL = '=HYPERLINK("http://evil.example","click")'


@pytest.fixture
def evil(db):
    enterprise = EnterpriseFactory(legal_name=EVIL, description="+1 555 0100",
                                   needs="@SUM(A1:A9)", offers="-2+3")
    DelegateFactory(enterprise=enterprise, full_name="\tcmd|' /C calc'!A0",
                    title="\r=1+1")
    return enterprise


def test_the_enterprise_resource_neutralises_formula_cells(evil):
    row = EnterpriseResource().export().dict[0]

    assert row["legal_name"] == "'" + EVIL
    assert (row["description"], row["needs"], row["offers"]) == (
        "'+1 555 0100", "'@SUM(A1:A9)", "'-2+3")


def test_the_delegate_resource_neutralises_formula_cells(evil):
    row = DelegateResource().export().dict[0]

    assert row["full_name"] == "'\tcmd|' /C calc'!A0"
    assert row["title"] == "'\r=1+1"
    assert row["enterprise"] == "'" + EVIL


def test_the_admin_csv_export_neutralises_formula_cells(organizer_client, evil):
    url = reverse("admin:accounts_enterprise_export")
    form = organizer_client.get(url).context["form"]
    fmt = next(value for value, label in form.fields["format"].choices if label == "csv")
    data = {"format": fmt, "resource": "0",
            **{name: "on" for name in form.fields if name.startswith("enterpriseresource_")}}

    response = organizer_client.post(url, data)

    text = response.content.decode("utf-8-sig")
    (row,) = csv.DictReader(io.StringIO(text))
    assert row["legal_name"] == "'" + EVIL
    assert row["needs"] == "'@SUM(A1:A9)"
    assert not any(value.startswith(("=", "+", "-", "@")) for value in row.values())


def test_an_exported_file_with_neutralised_cells_imports_back_unchanged(evil):
    exported = EnterpriseResource().export()

    result = EnterpriseResource().import_data(exported, dry_run=True)

    assert not result.has_errors() and not result.has_validation_errors()
    assert [row.import_type for row in result.rows] == ["skip"]
