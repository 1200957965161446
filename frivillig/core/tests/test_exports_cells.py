"""What an export's cells hold, read from the bytes of the file: in XLSX text is typed as text (no apostrophes
anywhere), in CSV only what a spreadsheet would run as a formula is neutralised, and phone numbers, signed
numbers and dashes arrive as they were written."""

import io
import re
import zipfile

import pytest

from frivillig.core.exports import csv_response, neutralise_formula, xlsx_response

HARMLESS = ["+45 12 34 56 78", "+4512345678", "-", "- -", "-12,5", "+45 (0) 12-34-56-78", "Anne-Marie", "Ærø"]
FORMULAS = ["=SUM(A1)", "=1+1", "@SUM(A1)", "+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0", "-Kaffeklub", "\t=1+1"]


def csv_lines(rows: list[list[str]]) -> list[bytes]:
    content = csv_response(filename="x", header=["a"] * len(rows[0]), rows=rows).content
    assert content.startswith("\ufeff".encode())
    return content.removeprefix("\ufeff".encode()).split(b"\r\n")


@pytest.mark.parametrize("value", HARMLESS)
def test_csv_export_leaves_phone_numbers_dashes_and_names_untouched(value):
    line = csv_lines([[value, "x"]])[1]

    assert line == value.encode() + b";x"


@pytest.mark.parametrize("value", FORMULAS)
def test_csv_export_neutralises_what_a_spreadsheet_would_run(value):
    line = csv_lines([[value]])[1]

    # The csv writer quotes a cell with a quote in it; either way the cell's text starts with the apostrophe.
    assert line.startswith(b"'" + value.encode()[:1]) or line.startswith(b"\"'" + value.encode()[:1])
    assert neutralise_formula(value) == "'" + value


def xlsx_parts(rows: list[list]) -> tuple[str, str, str]:
    content = xlsx_response(filename="x", header=["a"] * len(rows[0]), rows=rows).content
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return (
            archive.read("xl/worksheets/sheet1.xml").decode(),
            archive.read("xl/sharedStrings.xml").decode() if "xl/sharedStrings.xml" in archive.namelist() else "",
            archive.read("xl/styles.xml").decode(),
        )


def test_xlsx_export_types_text_as_text_without_apostrophes():
    sheet, strings, styles = xlsx_parts([["=SUM(A1)", "+45 12 34 56 78", "-Kaffeklub", "Ærø"]])

    # Not one formula in the sheet, and the words are stored exactly as written.
    assert "<f>" not in sheet and "<f " not in sheet
    row = re.search(r'<row r="2".*?</row>', sheet).group(0)
    texts = re.findall(r"<t>(.*?)</t>", row + strings)
    for text in ("=SUM(A1)", "+45 12 34 56 78", "-Kaffeklub", "Ærø"):
        assert text in texts
    assert not any("'" in text for text in texts)
    # Every cell of the data row is a string cell (inline or shared) ...
    cells = re.findall(r"<c [^>]*>", row)
    assert len(cells) == 4 and all(re.search(r't="(inlineStr|s|str)"', cell) for cell in cells)
    # ... whose style has the number format "@" (text, built-in format 49), so it stays text when edited.
    styles_used = {re.search(r's="(\d+)"', cell).group(1) for cell in cells}
    formats = re.findall(r"<xf [^>]*>", styles.split("<cellXfs")[1])
    assert all('numFmtId="49"' in formats[int(index)] for index in styles_used)


def test_xlsx_export_keeps_numbers_as_numbers():
    sheet, _strings, _styles = xlsx_parts([["Alfa", 12]])

    row = re.search(r'<row r="2".*?</row>', sheet).group(0)
    assert re.search(r'<c r="B2"[^>]*><v>12</v></c>', row)
