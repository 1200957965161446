"""Reading an import file is bounded by what the file holds, not by what it declares, and by time."""

import io
import zipfile
from time import monotonic

import pytest
from openpyxl import Workbook

from frivillig.crm.importing import MAX_SHEET_ROW, ImportFileError, ImportKind, read_table

ORGANISATIONS = ImportKind.ORGANISATIONS
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Ark1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/></Relationships>'
)


def cell(reference: str, text: str) -> str:
    return f'<c r="{reference}" t="inlineStr"><is><t>{text}</t></is></c>'


def crafted_xlsx(rows: str, dimension: str = "A1:XFD1048576") -> bytes:
    """A tiny workbook written by hand, as an attacker would, declaring whatever sheet size it likes."""
    sheet = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<dimension ref="{dimension}"/><sheetData>{rows}</sheetData></worksheet>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
    return buffer.getvalue()


HEADER_AND_ONE = f'<row r="1">{cell("A1", "Navn")}{cell("B1", "By")}</row><row r="2">{cell("A2", "Alfa")}</row>'


def test_a_huge_declared_dimension_is_read_as_the_cells_present_and_quickly():
    content = crafted_xlsx(HEADER_AND_ONE)
    assert len(content) < 2000
    started = monotonic()
    table = read_table(content, "fil.xlsx", ORGANISATIONS)
    assert monotonic() - started < 1.0
    assert table.rows == [(2, {"name": "Alfa", "town": ""})]


def test_a_row_far_below_the_data_is_refused_quickly():
    content = crafted_xlsx(HEADER_AND_ONE + f'<row r="1000000000">{cell("XFD1000000000", "x")}</row>')
    started = monotonic()
    with pytest.raises(ImportFileError, match=r"Filen fortsætter efter række 100\.000\."):
        read_table(content, "fil.xlsx", ORGANISATIONS)
    assert monotonic() - started < 5.0


def test_a_cell_far_to_the_right_is_not_read():
    content = crafted_xlsx(
        f'<row r="1">{cell("A1", "Navn")}</row><row r="2">{cell("A2", "Alfa")}{cell("XFD2", "x")}</row>'
    )
    assert read_table(content, "fil.xlsx", ORGANISATIONS).rows == [(2, {"name": "Alfa"})]


def test_blank_rows_up_to_the_limit_are_skipped():
    content = crafted_xlsx(HEADER_AND_ONE + f'<row r="{MAX_SHEET_ROW}">{cell(f"A{MAX_SHEET_ROW}", "Beta")}</row>')
    rows = read_table(content, "fil.xlsx", ORGANISATIONS).rows
    assert [number for number, _values in rows] == [2, MAX_SHEET_ROW]


def test_a_workbook_that_unpacks_to_too_much_is_refused():
    filler = "<!--" + " " * (60 * 1024 * 1024) + "-->"
    content = crafted_xlsx(HEADER_AND_ONE + filler)
    assert len(content) < 200_000
    with pytest.raises(ImportFileError, match="Regnearket er for stort til at blive læst"):
        read_table(content, "fil.xlsx", ORGANISATIONS)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_reading_has_a_time_budget(fmt):
    if fmt == "csv":
        content, filename = ("Navn\r\n" + "Forening\r\n" * 50).encode(), "fil.csv"
    else:
        workbook = Workbook()
        workbook.active.append(["Navn"])
        for number in range(50):
            workbook.active.append([f"Forening {number}"])
        buffer = io.BytesIO()
        workbook.save(buffer)
        content, filename = buffer.getvalue(), "fil.xlsx"
    with pytest.raises(ImportFileError, match="Det tog for lang tid at læse filen"):
        read_table(content, filename, ORGANISATIONS, seconds=-1)
    assert len(read_table(content, filename, ORGANISATIONS).rows) == 50
