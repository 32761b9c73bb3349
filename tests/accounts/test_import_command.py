"""`manage.py import_enterprises`: the admin's import, from the command line."""

import io

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from accounts.models import Enterprise, RegistrationStatus
from events.models import AuditEntry
from tests.factories import IndustryFieldFactory, StaffFactory, approved

pytestmark = pytest.mark.django_db
HEADER = "legal_name,country,city,role,fields,contract_value_usd,employees\n"


def run(*args) -> tuple[int, str, str]:
    """(exit status, stdout, stderr) of the command."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_enterprises", *map(str, args), stdout=out, stderr=err)
    except CommandError as error:
        return error.returncode, out.getvalue(), str(error)
    return 0, out.getvalue(), err.getvalue()


@pytest.fixture
def software(db):
    return IndustryFieldFactory(slug="software")


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_new_updated_and_unchanged_rows_are_reported_line_by_line(tmp_path, conference,
                                                                  software):
    registration = approved(conference)
    same = approved(conference).enterprise
    path = write(tmp_path, "companies.csv", HEADER
                 + "Toronto Soft Inc.,CA,Toronto,buyer,software,9000000,80\n"
                 + f"{registration.enterprise.legal_name},KP,Pyongyang,buyer,software,1000,\n"
                 + f"{same.legal_name},US,Boston,buyer,software,10000000,\n")

    status, out, err = run(path)

    lines = out.splitlines()
    assert status == 0 and "Importing: 100%" in err  # the progress bar
    assert lines[0] == "line 2  Toronto Soft Inc.  new"
    assert lines[1].startswith(f"line 3  {registration.enterprise.legal_name}  updated  ")
    assert "Country: United States of America → North Korea" in lines[1]
    assert "Outsourcing contract offered (USD): 10,000,000 → 1,000" in lines[1]
    assert f"back to review: {conference}" in lines[1]
    assert lines[2] == f"line 4  {same.legal_name}  unchanged"
    assert lines[3] == "Imported: 1 new, 1 updated, 1 unchanged."
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.UNDER_REVIEW
    assert "contract_value" in registration.failed_rule_codes
    reopened = AuditEntry.objects.get(action="registration.reopened")
    assert "North Korea" in reopened.reason


def test_any_bad_row_imports_nothing_and_exits_1_with_the_reasons(tmp_path, conference,
                                                                  software):
    registration = approved(conference)
    path = write(tmp_path, "companies.csv", HEADER
                 + f"{registration.enterprise.legal_name},KP,Pyongyang,buyer,software,1000,\n"
                 + "Typo Inc.,US,Boston,buyer,sofware,\"9,000,000\",many\n"
                 + "Lost Inc.,Atlantis,,buyer,software,-5,\n")

    status, out, err = run(path)

    assert status == 1
    assert err == "Nothing imported: 2 of 3 rows have errors."
    lines = out.splitlines()
    assert "line 3  Typo Inc.  error  " in lines[1]
    assert "Unknown industry field sofware" in lines[1]
    assert "employees: 'many' is not a number." in lines[1]
    assert "Unknown country 'Atlantis'" in lines[2]
    assert "'-5' is negative" in lines[2]
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.APPROVED
    assert not Enterprise.objects.filter(legal_name="Typo Inc.").exists()
    assert not AuditEntry.objects.filter(action__startswith="enterprise.").exists()


def test_dry_run_reports_and_saves_nothing(tmp_path, conference, software):
    registration = approved(conference)
    path = write(tmp_path, "companies.csv", HEADER
                 + f"{registration.enterprise.legal_name},KP,,buyer,software,1000,\n")

    status, out, _err = run(path, "--dry-run")

    assert status == 0 and "back to review" in out
    assert out.splitlines()[-1] == "Dry run, nothing saved: 0 new, 1 updated, 0 unchanged."
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.APPROVED
    assert registration.enterprise.country.code == "US"


def test_conference_option_registers_every_row(tmp_path, conference, software):
    path = write(tmp_path, "companies.csv", HEADER
                 + "Toronto Soft Inc.,CA,Toronto,buyer,software,9000000,\n")

    status, out, _err = run(path, "--conference", conference.edition)

    enterprise = Enterprise.objects.get(legal_name="Toronto Soft Inc.")
    assert status == 0 and f"registered for {conference}" in out
    assert enterprise.registrations.get().conference == conference


def test_xlsx_by_content_and_the_audit_names_the_user(tmp_path, software, organizer):
    book = openpyxl.Workbook()
    book.active.append(["legal_name", "country", "role", "fields", "contract_value_usd"])
    book.active.append(["Maple Inc.", "CA", "buyer", "software", 9_000_000])
    path = tmp_path / "companies.export"  # no telling extension
    book.save(path)

    status, _out, _err = run(path, "--user", organizer.email)

    enterprise = Enterprise.objects.get(legal_name="Maple Inc.")
    assert status == 0 and enterprise.contract_value_usd == 9_000_000
    assert AuditEntry.objects.get(action="enterprise.create").actor == organizer


@pytest.mark.parametrize(("content", "message"), [
    (None, "No such file"),
    (b"\x00\x01\x02binary", "neither a readable CSV nor an XLSX file"),
    (b"PK\x03\x04broken zip", "neither a readable CSV nor an XLSX file"),
    (b"", "has no header row"),
    (b"country,role\nUS,buyer\n", "Missing required columns: legal_name."),
    (b"legal_name,contract_value\nX,1\n", "Unknown columns: contract_value"),
])
def test_a_bad_file_exits_2_with_one_line(tmp_path, db, content, message):
    path = tmp_path / "file.csv"
    if content is not None:
        path.write_bytes(content)

    status, out, err = run(path)

    assert status == 2 and out == ""
    assert message in err and "\n" not in err


def test_bad_options_exit_2(tmp_path, db):
    path = write(tmp_path, "companies.csv", HEADER)
    reviewer = StaffFactory(groups=["Reviewers"])

    assert run(path, "--conference", "999")[::2] == (2, "No conference with edition 999.")
    status, _out, err = run(path, "--user", reviewer.email)
    assert status == 2 and "right to import" in err


def test_the_chinese_profile_columns_are_imported_through_the_service(tmp_path, conference,
                                                                      software):
    registration = approved(conference)
    name = registration.enterprise.legal_name
    path = write(tmp_path, "companies.csv",
                 "legal_name,country,role,fields,needs,needs_zh,offers_zh,description_zh\n"
                 "Toronto Soft Inc.,CA,buyer,software,cloud testing,云测试,,多伦多的软件公司\n"
                 f"{name},US,buyer,software,software testing,软件测试,数据分析,\n")

    status, out, _err = run(path)

    new = Enterprise.objects.get(legal_name="Toronto Soft Inc.")
    old = Enterprise.objects.get(legal_name=name)
    assert status == 0, out
    assert (new.needs, new.needs_zh, new.description_zh) == (
        "cloud testing", "云测试", "多伦多的软件公司")
    assert (old.needs_zh, old.offers_zh) == ("软件测试", "数据分析")
    assert "Needs (Chinese)" in out.splitlines()[1]
    # Not vetted details: the approved registration stays approved.
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.APPROVED
    update = AuditEntry.objects.get(action="enterprise.update")
    assert "needs_zh" in str(update.data)


def test_a_chinese_text_over_the_limit_is_a_row_error_and_nothing_is_imported(
        tmp_path, conference, software):
    path = write(tmp_path, "companies.csv", "legal_name,country,role,fields,offers_zh\n"
                 f"Toronto Soft Inc.,CA,buyer,software,{'测' * 1001}\n")

    status, out, _err = run(path)

    assert status == 1 and "offers_zh" in out and "1000" in out
    assert not Enterprise.objects.filter(legal_name="Toronto Soft Inc.").exists()
