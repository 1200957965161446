"""core.params: the one way numbers, ids, dates, pages and `next` are read from what a visitor sends."""

from datetime import date

import pytest
from django.http import Http404, QueryDict
from django.test import RequestFactory

from frivillig.core.params import (
    MAX_INT,
    get_date,
    get_id,
    get_ids,
    id_or_404,
    page_number,
    parse_date,
    parse_id,
    parse_int,
    safe_next,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("42", 42),
        (" 42 ", 42),
        ("-7", -7),
        ("9223372036854775807", 9223372036854775807),
        ("9223372036854775808", None),
        ("-9223372036854775808", -9223372036854775808),
        ("-9223372036854775809", None),
        ("99999999999999999999", None),
        ("²", None),
        ("١٢", None),
        ("1.5", None),
        ("1e3", None),
        ("", None),
        (None, None),
        (True, None),
        ("abc", None),
    ],
)
def test_parse_int(value, expected):
    assert parse_int(value) == expected


@pytest.mark.parametrize(("value", "expected"), [("1", 1), ("0", None), ("-1", None), (str(2**63), None)])
def test_parse_id_is_positive_and_fits_a_64_bit_column(value, expected):
    assert parse_id(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2030-06-15", date(2030, 6, 15)),
        ("1900-01-01", date(1900, 1, 1)),
        ("2100-12-31", date(2100, 12, 31)),
        ("1899-12-31", None),
        ("2101-01-01", None),
        ("9999-12-31", None),
        ("0001-01-01", None),
        ("2030-02-30", None),
        ("15-06-2030", None),
        ("", None),
    ],
)
def test_parse_date_keeps_to_real_years(value, expected):
    assert parse_date(value) == expected


def test_readers_of_a_query_string():
    params = QueryDict(
        "person=12&organisation=99999999999999999999&ord=3&ord=x&ord=99999999999999999999&fra=2030-01-02"
    )
    assert get_id(params, "person") == 12
    assert get_id(params, "organisation") is None
    assert get_id(params, "missing") is None
    assert get_ids(params, "ord") == [3]
    assert get_date(params, "fra") == date(2030, 1, 2)
    assert get_date(params, "til") is None


def test_id_or_404():
    assert id_or_404("5") == 5
    with pytest.raises(Http404):
        id_or_404("99999999999999999999")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("3", 3),
        ("", 1),
        ("abc", 1),
        ("²", 1),
        ("99999999999999999999", MAX_INT),
        ("-2", -2),
        ("-99999999999999999999", 1),
    ],
)
def test_page_number(value, expected):
    assert page_number(QueryDict(f"side={value}")) == expected


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("/alfa/?side=2", "/alfa/?side=2"),
        ("/", "/"),
        ("abc", "/fallback/"),
        ("accounts:profile", "/fallback/"),
        ("//evil.example.com/", "/fallback/"),
        ("/\\evil.example.com/", "/fallback/"),
        ("https://evil.example.com/", "/fallback/"),
        ("http://testserver/alfa/", "/fallback/"),
        ("javascript:alert(1)", "/fallback/"),
        ("/alfa/\x01", "/fallback/"),
        ("", "/fallback/"),
    ],
)
def test_safe_next_accepts_only_a_local_path(target, expected):
    assert safe_next(RequestFactory().get("/", {"next": target}), "/fallback/") == expected
    assert safe_next(RequestFactory().post("/", {"next": target}), "/fallback/") == expected
