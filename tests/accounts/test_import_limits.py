"""Files above the import limits are refused at once, in the admin and on the command line,
with a sentence saying what to do, before any row is parsed or saved."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from accounts.models import Enterprise
from tests.factories import IndustryFieldFactory

pytestmark = pytest.mark.django_db
HEADER = "legal_name,country,city,role,fields,contract_value_usd\n"


def rows(count: int) -> str:
    return HEADER + "".join(f"Company {n} Inc.,CA,Toronto,buyer,software,9000000\n"
                            for n in range(count))


def xlsx_rows(count: int) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER.strip().split(","))
    for n in range(count):
        sheet.append([f"Company {n} Inc.", "CA", "Toronto", "buyer", "software", 9000000])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def admin_upload(client, filename, content):
    url = reverse("admin:accounts_enterprise_import")
    choices = client.get(url).context["form"].fields["format"].choices
    fmt = next(value for value, label in choices if label.lower() == filename.rsplit(".")[1])
    return client.post(url, {"import_file": SimpleUploadedFile(filename, content),
                             "format": fmt, "resource": "0"})


def run_command(path) -> tuple[int, str]:
    try:
        call_command("import_enterprises", str(path), stdout=io.StringIO(),
                     stderr=io.StringIO())
    except CommandError as error:
        return error.returncode, str(error)
    return 0, ""


@pytest.fixture(autouse=True)
def software(db):
    return IndustryFieldFactory(slug="software")


@pytest.mark.parametrize("filename, content", [
    ("companies.csv", rows(4).encode()), ("companies.xlsx", xlsx_rows(4))])
def test_admin_refuses_a_file_with_too_many_rows_with_a_form_error(
        organizer_client, settings, filename, content):
    settings.IMPORT_MAX_ROWS = 3

    response = admin_upload(organizer_client, filename, content)

    assert response.status_code == 200
    assert response.context["form"].errors["import_file"] == [
        "The file has more than 3 rows; split it into files of at most 3 rows."]
    assert "result" not in response.context
    assert not Enterprise.objects.exists()


def test_admin_accepts_a_file_at_the_row_limit(organizer_client, settings):
    settings.IMPORT_MAX_ROWS = 3

    response = admin_upload(organizer_client, "companies.csv", rows(3).encode())

    assert not response.context["result"].has_errors()
    assert len(response.context["result"].rows) == 3


def test_admin_refuses_a_file_above_the_size_limit(organizer_client, settings):
    settings.IMPORT_MAX_MB = 1
    content = rows(20_000).encode()
    assert len(content) > 1024 * 1024

    response = admin_upload(organizer_client, "companies.csv", content)

    (error,) = response.context["form"].errors["import_file"]
    assert error.startswith("The file is 1.") and "at most 1 MB" in error
    assert not Enterprise.objects.exists()


def test_command_refuses_too_many_rows_with_one_line_and_status_2(tmp_path, settings):
    settings.IMPORT_MAX_ROWS = 10_000
    path = tmp_path / "companies.csv"
    path.write_text(rows(20_000), encoding="utf-8")

    status, message = run_command(path)

    assert status == 2
    assert message == ("The file has more than 10,000 rows; split it into files of at most "
                       "10,000 rows.")
    assert not Enterprise.objects.exists()


def test_command_refuses_a_file_above_the_size_limit(tmp_path, settings):
    settings.IMPORT_MAX_MB = 1
    path = tmp_path / "companies.csv"
    path.write_text(rows(20_000), encoding="utf-8")

    status, message = run_command(path)

    assert status == 2 and "\n" not in message
    assert "at most 1 MB can be imported at once" in message


def test_blank_lines_do_not_count_towards_the_limit(tmp_path, settings):
    settings.IMPORT_MAX_ROWS = 2
    path = tmp_path / "companies.csv"
    path.write_text(rows(2) + "\n\n", encoding="utf-8")

    status, message = run_command(path)

    assert (status, message) == (0, "")
    assert Enterprise.objects.count() == 2
