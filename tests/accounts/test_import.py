"""CSV and XLSX import of enterprises and delegates in the admin."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import Delegate, Enterprise, RegistrationStatus
from events.models import AuditEntry
from tests.factories import EnterpriseFactory, IndustryFieldFactory

pytestmark = pytest.mark.django_db

HEADER = "legal_name,country,city,role,fields,contract_value_usd,needs,conference\n"


def import_file(client, model, filename, content):
    url = reverse(f"admin:accounts_{model}_import")
    choices = client.get(url).context["form"].fields["format"].choices
    extension = filename.rsplit(".", 1)[1]
    fmt = next(value for value, label in choices if label.lower() == extension)
    upload = SimpleUploadedFile(filename, content)
    return client.post(url, {"import_file": upload, "format": fmt, "resource": "0"})


def confirm(client, model, preview):
    form = preview.context["confirm_form"]
    return client.post(reverse(f"admin:accounts_{model}_process_import"), form.initial,
                       follow=True)


def test_good_csv_previews_then_imports_enterprises_with_registrations(organizer_client,
                                                                       conference):
    IndustryFieldFactory(slug="software")
    csv = (HEADER
           + f"Toronto Soft Inc.,CA,Toronto,buyer,software,9000000,testing,{conference.edition}\n"
           + f"Ottawa Data Inc.,CA,Ottawa,buyer,software,4000000,data,{conference.edition}\n")

    preview = import_file(organizer_client, "enterprise", "companies.csv", csv.encode())

    assert not preview.context["result"].has_errors()
    assert not preview.context["result"].has_validation_errors()
    assert not Enterprise.objects.exists()  # a preview writes nothing

    confirm(organizer_client, "enterprise", preview)

    toronto = Enterprise.objects.get(legal_name="Toronto Soft Inc.")
    assert toronto.slug == "toronto-soft-inc"
    assert [f.slug for f in toronto.fields.all()] == ["software"]
    registration = toronto.registrations.get()
    assert registration.status == RegistrationStatus.SUBMITTED
    # Delegates come in their own file; until then those two rules fail.
    assert registration.failed_rule_codes == ",delegate_seniority,delegate_count,"
    ottawa = Enterprise.objects.get(legal_name="Ottawa Data Inc.").registrations.get()
    assert ottawa.failed_rule_codes.startswith(",contract_value,")
    created = AuditEntry.objects.filter(action="enterprise.create")
    assert created.count() == 2
    assert created.get(object_id=str(toronto.pk)).data["fields"]["contract_value_usd"] == [
        None, 9_000_000]


def test_csv_with_a_bad_row_reports_it_and_imports_nothing(organizer_client, conference):
    IndustryFieldFactory(slug="software")
    csv = (HEADER
           + "Good Co Inc.,US,Boston,buyer,software,9000000,testing,\n"
           + "Bad Co Inc.,XX,Nowhere,wizard,software,9000000,testing,\n"
           + f"Late Co Inc.,US,Boston,buyer,software,9000000,testing,{conference.edition}\n")

    preview = import_file(organizer_client, "enterprise", "companies.csv", csv.encode())

    result = preview.context["result"]
    invalid = list(result.invalid_rows)
    assert [row.number for row in invalid] == [2]
    assert set(invalid[0].field_specific_errors) == {"country", "role"}
    assert "confirm_form" not in preview.context or preview.context["confirm_form"] is None
    assert not Enterprise.objects.exists()
    assert not AuditEntry.objects.filter(action="enterprise.create").exists()


def test_unknown_conference_edition_is_a_row_error(organizer_client, db):
    IndustryFieldFactory(slug="software")
    csv = HEADER + "Good Co Inc.,US,Boston,buyer,software,9000000,testing,999\n"

    preview = import_file(organizer_client, "enterprise", "companies.csv", csv.encode())

    result = preview.context["result"]
    assert result.has_validation_errors()
    assert "No conference with edition 999" in str(result.invalid_rows[0].error_dict)
    assert not Enterprise.objects.exists()


def xlsx(rows):
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_xlsx_delegates_import_with_seniority_names(organizer_client, db):
    enterprise = EnterpriseFactory(legal_name="Maple Leaf Animation Studios Inc.")
    content = xlsx([
        ["enterprise", "full_name", "title", "seniority", "email", "languages"],
        [enterprise.legal_name, "Jane Roe", "Outsourcing Manager", "Manager", "jane@ml.ca", "en"],
        [enterprise.legal_name, "Raj Iyer", "VP Sourcing", "vice_president", "raj@ml.ca", "en"],
    ])

    preview = import_file(organizer_client, "delegate", "delegates.xlsx", content)
    confirm(organizer_client, "delegate", preview)

    assert dict(Delegate.objects.values_list("full_name", "seniority")) == {
        "Jane Roe": 20, "Raj Iyer": 50,
    }


def test_xlsx_delegate_with_unknown_enterprise_or_rank_imports_nothing(organizer_client, db):
    enterprise = EnterpriseFactory()
    content = xlsx([
        ["enterprise", "full_name", "title", "seniority", "email", "languages"],
        [enterprise.legal_name, "Jane Roe", "Manager", "manager", "jane@x.ca", "en"],
        ["Nobody Ltd", "Ghost", "Manager", "manager", "g@x.ca", "en"],
        [enterprise.legal_name, "Kid", "Intern", "apprentice", "kid@x.ca", "en"],
    ])

    preview = import_file(organizer_client, "delegate", "delegates.xlsx", content)

    result = preview.context["result"]
    assert result.has_errors() or result.has_validation_errors()
    assert not Delegate.objects.exists()


def test_unknown_field_slug_and_malformed_numbers_are_row_errors_in_words(organizer_client,
                                                                          db):
    IndustryFieldFactory(slug="software")
    csv = ("legal_name,country,role,fields,contract_value_usd,employees\n"
           "Good Co Inc.,US,buyer,software,\"9,000,000\",120\n"
           "Typo Co Inc.,us,buyer,\"software,sofware\",nine million,1.5\n")

    preview = import_file(organizer_client, "enterprise", "companies.csv", csv.encode())

    (invalid,) = preview.context["result"].invalid_rows
    errors = {name: " ".join(messages) for name, messages in invalid.error_dict.items()}
    assert invalid.number == 2
    assert errors["fields"].startswith("Unknown industry field sofware")
    assert errors["contract_value_usd"] == "'nine million' is not a number."
    assert errors["employees"] == "'1.5' is not a whole number."
    assert preview.context.get("confirm_form") is None
    assert not Enterprise.objects.exists()


def test_an_unknown_column_stops_the_file(organizer_client, db):
    csv = "legal_name,country,role,contract_value\nGood Co Inc.,US,buyer,9000000\n"

    preview = import_file(organizer_client, "enterprise", "companies.csv", csv.encode())

    (error,) = preview.context["result"].base_errors
    assert "Unknown columns: contract_value" in str(error.error)
    assert preview.context.get("confirm_form") is None


def test_reimporting_the_same_values_is_unchanged_and_leaves_no_entry(organizer_client,
                                                                      conference):
    from tests.factories import approved

    enterprise = approved(conference).enterprise
    csv = (f"legal_name,country,role,fields,contract_value_usd,needs\n"
           f"{enterprise.legal_name},us,buyer,software,10000000,software testing\n")

    preview = import_file(organizer_client, "enterprise", "again.csv", csv.encode())
    confirm(organizer_client, "enterprise", preview)

    assert [row.import_type for row in preview.context["result"].rows] == ["skip"]
    assert not AuditEntry.objects.filter(action="enterprise.update").exists()


def test_delegate_reimport_with_a_lower_rank_reopens_review(organizer_client, conference):
    from tests.factories import approved

    registration = approved(conference)
    delegate = registration.enterprise.delegates.get()
    content = xlsx([
        ["enterprise", "full_name", "title", "seniority", "email"],
        [registration.enterprise.legal_name, delegate.full_name, delegate.title, "staff",
         delegate.email],
    ])

    preview = import_file(organizer_client, "delegate", "delegates.xlsx", content)
    confirm(organizer_client, "delegate", preview)

    registration.refresh_from_db()
    assert registration.enterprise.delegates.get().seniority == 10
    assert registration.status == RegistrationStatus.UNDER_REVIEW
    entry = AuditEntry.objects.get(action="enterprise.update")
    assert entry.data["delegates"]["changed"][0]["fields"] == {"seniority": [20, 10]}


def test_an_exported_file_imports_back_unchanged(conference):
    from accounts.resources import EnterpriseResource
    from tests.factories import approved

    approved(conference)
    approved(conference, contract_value_usd=None, country="CN", role="supplier")
    exported = EnterpriseResource().export()

    result = EnterpriseResource().import_data(exported, dry_run=True)

    assert not result.has_errors() and not result.has_validation_errors()
    assert [row.import_type for row in result.rows] == ["skip", "skip"]


def test_an_export_carries_the_chinese_profile_and_imports_back_unchanged(conference):
    from accounts.resources import EnterpriseResource
    from tests.factories import approved

    approved(conference, offers_zh="软件测试", needs_zh="云迁移", description_zh="简介")
    exported = EnterpriseResource().export()

    result = EnterpriseResource().import_data(exported, dry_run=True)

    assert {"description_zh", "offers_zh", "needs_zh"} <= set(exported.headers)
    assert exported.dict[0]["offers_zh"] == "软件测试"
    assert [row.import_type for row in result.rows] == ["skip"]
