"""The throttle primitive (an atomic check-and-count in the database) and the client's address behind proxies."""

import os
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from django.db import connection
from django.test import RequestFactory

from frivillig.core import throttle
from frivillig.core.models import ThrottleWindow
from frivillig.testing import run_in_parallel

pytestmark = pytest.mark.django_db

T0 = 1_000_000.0


def at(moment: float):
    return mock.patch("frivillig.core.throttle.time.time", return_value=moment)


def test_attempt_counts_up_to_the_limit_and_refuses_the_next():
    with at(T0):
        results = [throttle.attempt("test", "person@example.org", limit=5, window=900) for _ in range(6)]
    assert results == [True, True, True, True, True, False]


def test_attempt_counts_a_value_in_any_letter_case_as_one():
    with at(T0):
        for value in ["Person@Example.org", "person@example.org ", "PERSON@EXAMPLE.ORG", "person@example.org"]:
            assert throttle.attempt("test", value, limit=5, window=900)
        assert throttle.count("test", "person@example.org", window=900) == 4
        assert throttle.attempt("test", "person@example.org", limit=5, window=900)
        assert not throttle.attempt("test", "PERSON@example.org", limit=5, window=900)


def test_window_lifts_by_itself_at_900_seconds_not_before():
    with at(T0):
        for _ in range(5):
            throttle.attempt("test", "x", limit=5, window=900)
    with at(T0 + 899.9):
        assert throttle.count("test", "x", window=900) == 5
        assert not throttle.attempt("test", "x", limit=5, window=900)
    with at(T0 + 900):
        assert throttle.count("test", "x", window=900) == 0
        assert throttle.attempt("test", "x", limit=5, window=900)


def test_window_slides_each_attempt_ages_out_on_its_own():
    for offset in (0, 100, 200, 300, 400):
        with at(T0 + offset):
            throttle.attempt("test", "x", limit=5, window=900)
    with at(T0 + 900):
        # The first has aged out, the other four still count: room for exactly one more.
        assert throttle.attempt("test", "x", limit=5, window=900)
        assert not throttle.attempt("test", "x", limit=5, window=900)


def test_refused_attempts_are_not_counted_and_never_extend_the_block():
    with at(T0):
        for _ in range(5):
            throttle.attempt("test", "x", limit=5, window=900)
    with at(T0 + 800):
        for _ in range(10):
            assert not throttle.attempt("test", "x", limit=5, window=900)
    with at(T0 + 900):
        assert throttle.attempt("test", "x", limit=5, window=900)


def test_names_and_values_are_counted_apart():
    with at(T0):
        for _ in range(5):
            throttle.attempt("one", "x", limit=5, window=900)
        assert throttle.attempt("two", "x", limit=5, window=900)
        assert throttle.attempt("one", "y", limit=5, window=900)


def test_release_gives_back_one_attempt_and_clear_forgets_them_all():
    with at(T0):
        for _ in range(5):
            throttle.attempt("test", "x", limit=5, window=900)
        throttle.release("test", "x")
        assert throttle.count("test", "x", window=900) == 4
        throttle.clear("test", "x")
        assert throttle.count("test", "x", window=900) == 0
        throttle.release("test", "never counted")  # nothing to give back: no error


def test_the_table_never_holds_the_counted_value():
    throttle.attempt("test", "person@example.org", limit=5, window=900)
    row = ThrottleWindow.objects.get()
    assert "person" not in row.key
    assert len(row.key) == 64


def test_rows_that_count_nothing_any_more_are_swept_away_by_new_ones():
    with at(T0):
        throttle.attempt("test", "old", limit=5, window=900)
        throttle.attempt("test", "recent", limit=5, window=3600)
    with at(T0 + 901):
        throttle.attempt("test", "new", limit=5, window=900)
        assert ThrottleWindow.objects.count() == 2
        assert throttle.count("test", "recent", window=3600) == 1
        assert throttle.count("test", "new", window=900) == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL: SQLite serialises every write")
@pytest.mark.django_db(transaction=True)
def test_thirty_parallel_attempts_are_let_through_at_the_limit_exactly():
    results = run_in_parallel(30, lambda _number: throttle.attempt("parallel", "10.0.0.1", limit=10, window=3600))

    assert sorted(results) == [False] * 20 + [True] * 10
    assert throttle.count("parallel", "10.0.0.1", window=3600) == 10


# --- the client's address ---------------------------------------------------------------------------------


def request_from(remote: str = "192.0.2.10", forwarded: str | None = None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().post("/log-ind/", **extra)


@pytest.mark.parametrize("forwarded", [None, "203.0.113.7", "203.0.113.7, 198.51.100.1"])
def test_without_a_trusted_proxy_the_header_is_ignored(settings, forwarded):
    settings.TRUSTED_PROXY_COUNT = 0
    assert throttle.client_address(request_from(forwarded=forwarded)) == "192.0.2.10"


@pytest.mark.parametrize(
    ("forwarded", "expected"),
    [
        ("203.0.113.7", "203.0.113.7"),
        # What stands left of the proxy's own entry was written by the client: not believed.
        ("1.1.1.1, 203.0.113.7", "203.0.113.7"),
        ("1.1.1.1,203.0.113.7", "203.0.113.7"),
        ("2001:db8::1", "2001:db8::1"),
    ],
)
def test_behind_one_trusted_proxy_the_rightmost_entry_is_the_client(settings, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = 1
    assert throttle.client_address(request_from(forwarded=forwarded)) == expected


def test_behind_two_trusted_proxies_the_second_entry_from_the_right_is_the_client(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    request = request_from(forwarded="1.1.1.1, 203.0.113.7, 198.51.100.1")
    assert throttle.client_address(request) == "203.0.113.7"


@pytest.mark.parametrize(
    "forwarded",
    [None, "", " ", "unknown", "203.0.113.7:8080", "1.1.1.1, not-an-address", "<script>", "1.1.1.1,", "300.1.1.1"],
)
def test_a_missing_or_malformed_header_falls_back_to_the_connection(settings, forwarded):
    settings.TRUSTED_PROXY_COUNT = 1
    assert throttle.client_address(request_from(forwarded=forwarded)) == "192.0.2.10"


def test_too_few_entries_for_the_trusted_proxies_fall_back_to_the_connection(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    assert throttle.client_address(request_from(forwarded="203.0.113.7")) == "192.0.2.10"


def test_a_connection_without_an_address_is_unknown(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert throttle.client_address(request_from(remote="")) == "unknown"


@pytest.mark.parametrize(
    ("address", "key"),
    [
        ("203.0.113.7", "203.0.113.7"),
        ("2001:db8:1:2:aaaa::1", "2001:db8:1:2::/64"),
        ("2001:db8:1:2:ffff:ffff:ffff:ffff", "2001:db8:1:2::/64"),
        ("::ffff:203.0.113.7", "203.0.113.7"),
        ("unknown", "unknown"),
    ],
)
def test_an_ipv6_address_is_counted_as_its_64_network(address, key):
    assert throttle.address_key(address) == key


@pytest.mark.parametrize(
    ("environment", "count"),
    [
        ({}, "0"),
        ({"BEHIND_TLS_PROXY": "1"}, "1"),
        ({"BEHIND_TLS_PROXY": "1", "TRUSTED_PROXY_COUNT": "2"}, "2"),
        ({"TRUSTED_PROXY_COUNT": "1"}, "1"),
    ],
)
def test_trusted_proxies_come_from_the_environment(environment, count):
    base = {key: value for key, value in os.environ.items() if key not in {"BEHIND_TLS_PROXY", "TRUSTED_PROXY_COUNT"}}
    result = subprocess.run(
        [sys.executable, "-c", "import frivillig.settings as s; print(s.TRUSTED_PROXY_COUNT)"],
        cwd=Path(__file__).resolve().parents[3],
        env={**base, **environment},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.strip() == count, result.stderr
