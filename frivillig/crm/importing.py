"""Reading spreadsheets for the CRM import: CSV in the ways Danish Excel writes it, and XLSX.

This module only turns bytes into rows of text keyed by our field names; what the rows mean is decided by
the row forms (frivillig/crm/forms/imports.py) and written by the import service.
"""

import codecs
import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import PurePath
from time import monotonic

from django.db import models
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
# A workbook is a zip: what it unpacks to is bounded too, or a small file could hold gigabytes of XML.
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
# A sheet may have blank rows between its rows, but not this many: a row further down is refused (a crafted
# sheet can name row 1,000,000,000). The cells of a row are read up to MAX_COLUMNS (our templates have 15
# columns; an extra column far to the right is not read).
MAX_SHEET_ROW = 100_000
MAX_COLUMNS = 200
# However a file is built, reading it stops with a clear error after this long.
READ_SECONDS = 10.0
FILE_SUFFIXES = (".csv", ".txt", ".xlsx")


class ImportKind(models.TextChoices):
    ORGANISATIONS = "organisations", _("Organisations")
    PEOPLE = "people", _("People")


class ImportFileError(Exception):
    """The file as a whole cannot be used; the message is for the person who uploaded it."""


@dataclass(frozen=True)
class Column:
    field: str
    header: str  # the Danish heading in the template file
    aliases: tuple[str, ...]
    required: bool = False


ORGANISATION_COLUMNS = (
    Column("name", "Navn", ("navn", "name", "organisationens navn", "foreningens navn"), required=True),
    Column("kind", "Type", ("type", "kind", "organisationstype", "art")),
    Column("cvr", "CVR", ("cvr", "cvr-nummer", "cvr nummer", "cvr-nr", "cvr-nr.", "cvr nr", "cvr number")),
    Column("purpose", "Formål", ("formål", "purpose")),
    Column("description", "Beskrivelse", ("beskrivelse", "description")),
    Column("website", "Hjemmeside", ("hjemmeside", "website", "web", "url")),
    Column("email", "E-mail", ("e-mail", "email", "mail", "e-mailadresse")),
    Column("phone", "Telefon", ("telefon", "phone", "tlf", "tlf.", "telefonnummer")),
    Column("address", "Adresse", ("adresse", "address")),
    Column("postcode", "Postnummer", ("postnummer", "postnr", "postnr.", "postcode", "postal code", "zip")),
    Column("town", "By", ("by", "town", "city", "postdistrikt")),
    Column("target_groups", "Målgrupper", ("målgrupper", "målgruppe", "target groups", "target group")),
    Column(
        "activity_areas",
        "Aktivitetsområder",
        ("aktivitetsområder", "aktivitetsområde", "activity areas", "activity area"),
    ),
    Column("member_since", "Medlem siden", ("medlem siden", "member since", "medlem fra")),
    Column("is_public", "Offentlig", ("offentlig", "public", "vises offentligt")),
)

PERSON_COLUMNS = (
    Column("full_name", "Navn", ("navn", "name", "fulde navn", "full name"), required=True),
    Column("email", "E-mail", ("e-mail", "email", "mail", "e-mailadresse")),
    Column("phone", "Telefon", ("telefon", "phone", "tlf", "tlf.", "telefonnummer", "mobil")),
    Column("department", "Afdeling", ("afdeling", "department", "forvaltning")),
    Column("job_title", "Stilling", ("stilling", "job title", "jobtitel", "titel", "title")),
    Column("organisation", "Organisation", ("organisation", "organization", "forening")),
    Column("role", "Rolle", ("rolle", "role")),
)

COLUMNS: dict[str, tuple[Column, ...]] = {
    ImportKind.ORGANISATIONS: ORGANISATION_COLUMNS,
    ImportKind.PEOPLE: PERSON_COLUMNS,
}


def header_key(text: str) -> str:
    """Headings match without regard to case, spacing, or a trailing "*" or ":" that marks them."""
    return " ".join(text.replace("\ufeff", "").strip().rstrip("*:").strip().casefold().split())


def column_header(kind: str, field_name: str) -> str:
    return next(column.header for column in COLUMNS[kind] if column.field == field_name)


@dataclass
class Table:
    kind: str
    headers: dict[str, str]  # field → the heading as written in the file
    rows: list[tuple[int, dict[str, str]]]  # (row number as the spreadsheet shows it, field → cell text)
    ignored: list[str] = field(default_factory=list)  # headings we do not know


# --- reading the file -------------------------------------------------------------------------------------


def read_table(content: bytes, filename: str, kind: str, *, seconds: float = READ_SECONDS) -> Table:
    if not content:
        raise ImportFileError(_("The file is empty."))
    suffix = PurePath(filename or "").suffix.lower()
    if content.startswith(b"PK\x03\x04"):
        records = _xlsx_records(content)
    elif content.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportFileError(
            _("This is an Excel file in the old .xls format. Save it as .xlsx or as CSV and upload it again.")
        )
    elif suffix == ".xlsx":
        raise ImportFileError(_("We could not read the file as an Excel workbook (.xlsx). Save it again and retry."))
    else:
        records = _csv_records(content)
    return _table(_within(records, seconds), kind)


def _within(records: Iterator[list[str]], seconds: float) -> Iterator[list[str]]:
    """The records, read under a time budget and up to the last row a spreadsheet can have."""
    deadline = monotonic() + seconds
    for number, record in enumerate(records, start=1):
        if number > MAX_SHEET_ROW:
            raise ImportFileError(
                _(
                    "The file goes on beyond row %(limit)s. Delete the empty rows at the end, or split it into "
                    "smaller files, and upload it again."
                )
                % {"limit": number_format(MAX_SHEET_ROW, force_grouping=True)}
            )
        if monotonic() > deadline:
            raise ImportFileError(
                _("Reading the file took too long. Save it again as a plain .xlsx or CSV file and upload it again.")
            )
        yield record


def _table(records: Iterator[list[str]], kind: str) -> Table:
    columns = COLUMNS[kind]
    by_alias = {header_key(alias): column.field for column in columns for alias in (column.header, *column.aliases)}
    header: list[str] | None = None
    header_number = 0
    for number, cells in enumerate(records, start=1):
        if any(cells):
            header, header_number = cells, number
            break
    if header is None:
        raise ImportFileError(_("The file is empty."))

    positions: dict[int, str] = {}
    headers: dict[str, str] = {}
    ignored: list[str] = []
    for index, title in enumerate(header):
        if not title:
            continue
        field_name = by_alias.get(header_key(title))
        if field_name is None:
            ignored.append(title)
        elif field_name in headers:
            raise ImportFileError(
                _("The columns %(first)s and %(second)s mean the same. Keep one of them and upload the file again.")
                % {"first": headers[field_name], "second": title}
            )
        else:
            positions[index] = field_name
            headers[field_name] = title
    for column in columns:
        if column.required and column.field not in headers:
            raise ImportFileError(
                _(
                    "The file has no column %(column)s. The first row must hold the column names; "
                    "download the template to see them."
                )
                % {"column": column.header}
            )

    rows: list[tuple[int, dict[str, str]]] = []
    for row_number, cells in enumerate(records, start=header_number + 1):
        if not any(cells):
            continue
        if len(rows) >= MAX_ROWS:
            raise ImportFileError(
                _("The file has more than %(limit)s rows. Split it into smaller files and import them one by one.")
                % {"limit": number_format(MAX_ROWS, force_grouping=True)}
            )
        values = dict.fromkeys(headers, "")
        for index, field_name in positions.items():
            if index < len(cells):
                values[field_name] = cells[index]
        rows.append((row_number, values))
    if not rows:
        raise ImportFileError(_("The file has no rows below the column names."))
    return Table(kind=kind, headers=headers, rows=rows, ignored=ignored)


def _text(value) -> str:
    text = str(value).strip()
    # Our own exports put an apostrophe before =, +, - and @ so Excel does not run the cell; take it off again.
    if len(text) > 1 and text[0] == "'" and text[1] in "=+-@":
        text = text[1:]
    return text


def decode(content: bytes) -> str:
    """UTF-8 with or without a byte order mark, else Windows-1252 (what older Danish Excel writes)."""
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return content.decode("utf-16")
        except UnicodeDecodeError:
            pass
    else:
        for encoding in ("utf-8-sig", "cp1252"):
            try:
                return content.decode(encoding)
            except UnicodeDecodeError:
                continue
    raise ImportFileError(_("We could not read the letters in the file. Save it as “CSV UTF-8” and upload it again."))


def sniff_delimiter(text: str) -> str:
    """Danish Excel writes `;`, other programs `,` or a tab: the heading line tells which one this file uses."""
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    counts = {delimiter: first_line.count(delimiter) for delimiter in (";", ",", "\t")}
    best = max(counts, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else ";"


def _csv_records(content: bytes) -> Iterator[list[str]]:
    text = decode(content)
    if "\x00" in text:
        raise ImportFileError(_("The file is not a CSV file. Upload a CSV or an Excel file (.xlsx)."))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))
    try:
        for record in reader:
            yield [_text(cell) for cell in record]
    except csv.Error:
        raise ImportFileError(
            _("The file is not a CSV file we can read. Upload a CSV or an Excel file (.xlsx).")
        ) from None


def _xlsx_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return _text(value)


def _xlsx_records(content: bytes) -> Iterator[list[str]]:
    from openpyxl import load_workbook

    unreadable = ImportFileError(_("We could not read the file as an Excel workbook (.xlsx). Save it again and retry."))
    # openpyxl reports a damaged workbook with many different exceptions (zip, XML, key and value errors).
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except Exception:
        raise unreadable from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise ImportFileError(
            _("The workbook is too large to read. Split it into smaller files and import them one by one.")
        )
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:
        raise unreadable from None
    try:
        if not workbook.worksheets:
            raise ImportFileError(_("The file is empty."))
        sheet = workbook.worksheets[0]
        # The size a sheet declares (<dimension ref="A1:XFD1048576"/>) is not trusted: openpyxl would pad every
        # row to it. Without it, rows hold the cells that are there, cut at MAX_COLUMNS.
        sheet.reset_dimensions()
        for row in sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True):
            yield [_xlsx_cell(value) for value in row] if any(value is not None for value in row) else []
    except ImportFileError:
        raise
    except Exception:
        raise unreadable from None
    finally:
        workbook.close()


# --- the plan: what the import will do, row by row ----------------------------------------------------------


@dataclass
class PlannedRow:
    number: int
    raw: dict[str, str]
    values: dict = field(default_factory=dict)  # cleaned values of the cells that are filled in
    target_id: int | None = None  # the record this row updates; None makes a new one
    target_label: str = ""
    target_archived: bool = False
    errors: list[str] = field(default_factory=list)

    @property
    def is_update(self) -> bool:
        return self.target_id is not None


@dataclass
class ImportPlan:
    kind: str
    headers: dict[str, str]
    rows: list[PlannedRow]
    ignored: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[str]:
        return [error for row in self.rows for error in row.errors]

    @property
    def is_valid(self) -> bool:
        return not any(row.errors for row in self.rows)

    @property
    def rows_with_errors(self) -> int:
        return sum(1 for row in self.rows if row.errors)

    @property
    def updates(self) -> int:
        return sum(1 for row in self.rows if row.is_update)

    @property
    def creations(self) -> int:
        return len(self.rows) - self.updates
