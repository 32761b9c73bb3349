from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from tqdm import tqdm

from matchmaking.management.commands.schedule import find_conference
from matchmaking.results.exports.sheets import SHEETS
from matchmaking.results.exports.writers import write_csv, write_xlsx
from matchmaking.results.pdf import results_pdf

FORMATS = ("csv", "xlsx", "pdf")


class Command(BaseCommand):
    help = ("Export a conference's results: XLSX (a summary sheet with the total intended "
            "investment, then every sheet), one sheet as CSV, or the PDF report.")

    def add_arguments(self, parser):
        parser.add_argument("conference", help="Conference edition number or slug.")
        parser.add_argument("--format", dest="fmt", default="xlsx",
                            help="csv, xlsx or pdf (default xlsx).")
        parser.add_argument("-o", "--output", help="File to write.")
        parser.add_argument("--sheet", default="outcomes",
                            help=f"For CSV: {', '.join(SHEETS)} (default outcomes).")
        parser.add_argument("--language", default=settings.LANGUAGE_CODE,
                            help="en or zh-hans (default en).")

    def handle(self, *args, conference, fmt, output, sheet, language, **options):
        conference = find_conference(conference)
        output = validated_output(fmt, output, sheet, language)
        with translation.override(language), tqdm(
                total=len(SHEETS) if fmt == "xlsx" else 1, desc=f"Results {fmt}",
                unit="sheet", file=self.stderr) as bar:
            if fmt == "xlsx":
                content = write_xlsx(conference, progress=lambda _key: bar.update(1))
            elif fmt == "csv":
                content = write_csv(conference, sheet)
            else:
                content = results_pdf(conference=conference, language=language)
            bar.update(bar.total - bar.n)
        try:
            output.write_bytes(content)
        except OSError as error:
            raise CommandError(f"Cannot write {output}: {error.strerror}.", returncode=2) from error
        self.stdout.write(f"{conference}: {output} ({len(content):,} bytes)")


def validated_output(fmt: str, output: str | None, sheet: str, language: str) -> Path:
    """Every bad argument is one line and exit status 2."""
    if fmt not in FORMATS:
        raise CommandError(f"Unknown format {fmt!r}; choose csv, xlsx or pdf.", returncode=2)
    if not output:
        raise CommandError("Give the file to write with -o FILE.", returncode=2)
    if fmt == "csv" and sheet not in SHEETS:
        raise CommandError(f"Unknown sheet {sheet!r}; choose from {', '.join(SHEETS)}.",
                           returncode=2)
    if language not in dict(settings.LANGUAGES):
        raise CommandError(f"Unknown language {language!r}; choose en or zh-hans.",
                           returncode=2)
    path = Path(output)
    if not path.parent.is_dir():
        raise CommandError(f"No directory {path.parent}.", returncode=2)
    return path
