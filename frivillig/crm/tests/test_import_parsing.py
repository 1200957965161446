"""Reading spreadsheets: encodings, separators, headings and limits (no database needed)."""

import csv
import io
from datetime import date, datetime

import pytest
from django.utils import translation
from openpyxl import Workbook

from frivillig.crm.importing import MAX_ROWS, ImportFileError, ImportKind, decode, read_table, sniff_delimiter

ORGANISATIONS = ImportKind.ORGANISATIONS


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def csv_text(rows: list[list[str]], delimiter: str = ";") -> str:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue()


def xlsx_bytes(rows: list[list]) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


ROWS = [["Navn", "By", "Formål"], ["Ældre Sagen Sorø", "Sorø", "Besøg, hygge og åndehuller"]]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "cp1252"])
def test_read_table_danish_letters_survive_each_encoding(encoding):
    table = read_table(csv_text(ROWS).encode(encoding), "fil.csv", ORGANISATIONS)

    assert table.rows == [
        (2, {"name": "Ældre Sagen Sorø", "town": "Sorø", "purpose": "Besøg, hygge og åndehuller"}),
    ]
    assert table.headers == {"name": "Navn", "town": "By", "purpose": "Formål"}


def test_read_table_utf16_from_excel_unicode_text():
    content = csv_text(ROWS, delimiter="\t").encode("utf-16")

    assert read_table(content, "fil.txt", ORGANISATIONS).rows[0][1]["name"] == "Ældre Sagen Sorø"


@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
def test_sniff_delimiter_reads_the_heading_line(delimiter):
    assert sniff_delimiter(csv_text(ROWS, delimiter=delimiter)) == delimiter


def test_sniff_delimiter_single_column_defaults_to_semicolon():
    assert sniff_delimiter("Navn\r\nFoo, Bar og Co\r\n") == ";"


def test_read_table_comma_separated_keeps_quoted_commas():
    table = read_table(csv_text(ROWS, delimiter=",").encode("utf-8"), "fil.csv", ORGANISATIONS)

    assert table.rows[0][1]["purpose"] == "Besøg, hygge og åndehuller"


def test_decode_falls_back_to_windows_1252():
    assert decode("Næstved – Ørsted".encode("cp1252")) == "Næstved – Ørsted"


def test_read_table_english_headings_any_case_and_unknown_columns_ignored():
    text = csv_text([[" NAME ", "Postcode", "E-Mail", "Favourite colour"], ["Alfa", "4180", "a@example.org", "blå"]])

    table = read_table(text.encode("utf-8"), "fil.csv", ORGANISATIONS)

    assert table.rows == [(2, {"name": "Alfa", "postcode": "4180", "email": "a@example.org"})]
    assert table.ignored == ["Favourite colour"]


def test_read_table_blank_rows_are_skipped_but_numbering_follows_the_sheet():
    text = "Navn;By\r\n\r\nAlfa;Sorø\r\n;\r\nBeta;Ringsted\r\n"

    table = read_table(text.encode("utf-8"), "fil.csv", ORGANISATIONS)

    assert [number for number, _values in table.rows] == [3, 5]


def test_read_table_short_rows_get_empty_cells():
    table = read_table(b"Navn;By;CVR\r\nAlfa\r\n", "fil.csv", ORGANISATIONS)

    assert table.rows == [(2, {"name": "Alfa", "town": "", "cvr": ""})]


def test_read_table_removes_the_formula_guard_of_our_own_exports():
    text = csv_text([["Navn", "Telefon"], ["Alfa", "'+45 12 34 56 78"]])

    assert read_table(text.encode("utf-8-sig"), "fil.csv", ORGANISATIONS).rows[0][1]["phone"] == "+45 12 34 56 78"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"\r\n\r\n", "empty"),
        (b"By;Formaal\r\nSor\xf8;x\r\n", "no column Navn"),
        (b"Navn;By\r\n", "no rows below"),
        (b"Navn;Name\r\nAlfa;Alfa\r\n", "mean the same"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", "old .xls"),
    ],
)
def test_read_table_unusable_files_say_why(content, message):
    with pytest.raises(ImportFileError, match=message):
        read_table(content, "fil.csv", ORGANISATIONS)


def test_read_table_xlsx_name_that_is_not_a_workbook():
    with pytest.raises(ImportFileError, match="Excel workbook"):
        read_table(b"Navn\r\nAlfa\r\n", "fil.xlsx", ORGANISATIONS)


def test_read_table_damaged_workbook_is_an_error_not_a_crash():
    with pytest.raises(ImportFileError, match="Excel workbook"):
        read_table(b"PK\x03\x04" + b"\x00" * 200, "fil.xlsx", ORGANISATIONS)


def test_read_table_row_limit():
    rows = [["Navn"]] + [[f"Forening {n}"] for n in range(MAX_ROWS)]
    assert len(read_table(csv_text(rows).encode("utf-8"), "fil.csv", ORGANISATIONS).rows) == MAX_ROWS

    rows.append(["Én for meget"])
    with pytest.raises(ImportFileError, match="more than 5,000 rows"):
        read_table(csv_text(rows).encode("utf-8"), "fil.csv", ORGANISATIONS)


def test_read_table_xlsx_cells_become_text():
    content = xlsx_bytes(
        [
            ["Navn", "CVR", "Postnummer", "Medlem siden", "Offentlig", "Telefon"],
            ["Æblehaven Ølstykke", 12345674, 4180.0, datetime(2017, 3, 1), True, None],
            ["Beta", None, None, date(2016, 1, 2), False, "12 34 56 78"],
        ]
    )

    table = read_table(content, "fil.xlsx", ORGANISATIONS)

    assert table.rows == [
        (
            2,
            {
                "name": "Æblehaven Ølstykke",
                "cvr": "12345674",
                "postcode": "4180",
                "member_since": "2017-03-01",
                "is_public": "ja",
                "phone": "",
            },
        ),
        (
            3,
            {
                "name": "Beta",
                "cvr": "",
                "postcode": "",
                "member_since": "2016-01-02",
                "is_public": "nej",
                "phone": "12 34 56 78",
            },
        ),
    ]


def test_read_table_people_headings():
    text = csv_text([["Navn", "E-mail", "Afdeling", "Stilling", "Organisation", "Rolle"], ["Åse", "a@b.dk"]])

    table = read_table(text.encode("utf-8"), "fil.csv", ImportKind.PEOPLE)

    assert set(table.headers) == {"full_name", "email", "department", "job_title", "organisation", "role"}
