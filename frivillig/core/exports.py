"""Tables for people who live in Excel: XLSX, and CSV in the Danish Excel dialect (UTF-8 with BOM, `;`)."""

import csv
import io
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.http import Http404, HttpResponse
from django.utils import timezone, translation

from frivillig.core.formfields import strip_control_characters

# Dates stay real dates in XLSX (sortable, countable), shown in the site's one date style (frivillig/formats/):
# "3. december 2026 kl. 17.21" / "3 December 2026, 17:21". Excel writes the month's name in its own language.
XLSX_DATE_FORMATS = {
    "da": ("d. mmmm yyyy", 'd. mmmm yyyy "kl." hh.mm'),
    "en": ("d mmmm yyyy", "d mmmm yyyy, hh:mm"),
}
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# The formats a list's export URL may name (`.../eksport/<fmt>/`).
EXPORT_FORMATS = ("xlsx", "csv")


@dataclass(frozen=True)
class Column:
    """One column of a list's export: its heading, and the cell's value for one row's object."""

    label: str
    value: Callable[[Any], Any]


def joined(values: Iterable[str], separator: str = ", ") -> str:
    return separator.join(values)


class DanishExcel(csv.excel):
    delimiter = ";"


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, str):
        # XLSX (XML) cannot hold control characters; text stored before the forms stripped them still exports.
        return strip_control_characters(value)
    if isinstance(value, datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if isinstance(value, bool):
        return "ja" if value else "nej"
    return value


def _text(value) -> str:
    value = _cell(value)
    if isinstance(value, datetime):
        return value.strftime("%d-%m-%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d-%m-%Y")
    return neutralise_formula(str(value))


# Where a spreadsheet starts reading a cell as a formula. Tab and carriage return are there because some programs
# trim them away and then read what follows.
_FORMULA_STARTS = frozenset("=+-@\t\r")
# Text after a leading + or - that holds no letter, quote, reference or call: a phone number ("+45 12 34 56 78"),
# a signed number, a dash standing for "none". Nothing in it can fetch, link or run anything.
_INERT_SIGNED = re.compile(r"[+-][\d\s().,/+-]*")


def neutralise_formula(text: str) -> str:
    """A CSV cell that Excel, LibreOffice or Google Sheets would run as a formula gets a leading apostrophe; any
    other text is left exactly as it is.

    Why this way: CSV has no cell types, so a formula can only be stopped by changing the text. The apostrophe is
    the marker all three programs know, and it is the one OWASP recommends; a leading tab or quotes around the
    value are not safe (the programs trim the tab, and quoting does not stop a formula). So that the marker is
    seen as seldom as possible, it is added only where the text would otherwise run or show an error (=, @, or
    + and - followed by letters or signs), never on phone numbers, signed numbers or a lone dash."""
    if text[:1] not in _FORMULA_STARTS:
        return text
    if _INERT_SIGNED.fullmatch(text):
        return text
    return "'" + text


def csv_response(*, filename: str, header: Sequence[str], rows: Iterable[Sequence]) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.writer(buffer, dialect=DanishExcel)
    writer.writerow([str(title) for title in header])
    for row in rows:
        writer.writerow([_text(value) for value in row])
    response = HttpResponse(("\ufeff" + buffer.getvalue()).encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def xlsx_response(*, filename: str, header: Sequence[str], rows: Iterable[Sequence], title: str = "") -> HttpResponse:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook(write_only=False)
    sheet = workbook.active
    sheet.title = (title or filename)[:31]
    sheet.append([str(column) for column in header])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    date_formats = XLSX_DATE_FORMATS.get((translation.get_language() or "")[:2], XLSX_DATE_FORMATS["da"])
    for row in rows:
        values = [_cell(value) for value in row]
        sheet.append(values)
        for cell, value in zip(sheet[sheet.max_row], values, strict=False):
            if isinstance(value, str):
                # Typed as text, not marked with an apostrophe: "=SUM(A1)" is kept as the words it is, and a cell
                # formatted as text ("@") stays text when someone edits it in Excel.
                cell.data_type = "s"
                cell.number_format = "@"
            elif isinstance(value, datetime):
                cell.number_format = date_formats[1]
            elif isinstance(value, date):
                cell.number_format = date_formats[0]
    sheet.freeze_panes = "A2"
    for column in sheet.columns:
        width = max((len(str(cell.value)) for cell in column if cell.value is not None), default=8)
        sheet.column_dimensions[column[0].column_letter].width = min(max(width + 2, 8), 60)
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


def table_response(fmt: str, *, filename: str, header: Sequence[str], rows: Iterable[Sequence]) -> HttpResponse:
    """`fmt` is "xlsx" or "csv" (the URL decides; anything else is a 404 before this is called)."""
    if fmt == "xlsx":
        return xlsx_response(filename=filename, header=header, rows=rows)
    return csv_response(filename=filename, header=header, rows=rows)


def export_response(fmt: str, *, filename: str, columns: Sequence[Column], objects: Iterable) -> HttpResponse:
    """A list's export in the format its URL names: a heading per column and a row per object. Any other format
    is a 404, so no view checks it."""
    if fmt not in EXPORT_FORMATS:
        raise Http404
    header = [column.label for column in columns]
    rows = ([column.value(item) for column in columns] for item in objects)
    return table_response(fmt, filename=filename, header=header, rows=rows)
