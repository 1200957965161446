"""The login throttle as people meet it: behind a proxy, during an attack on their account, after a password reset,
and under parallel guessing. The promised numbers (5 per account, 20 per address, 900 seconds) are literals."""

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django_scopes import scopes_disabled

from frivillig.accounts.models import User
from frivillig.core.models import AuditEntry
from frivillig.core.tests.helpers import link_path
from frivillig.testing import PASSWORD, UserFactory, run_in_parallel

LOGIN_URL = reverse("accounts:login")
WRONG = "helt forkert kodeord"
NEW_PASSWORD = "et helt nyt og langt kodeord"
PROXY = "10.0.0.254"
DEVICE_COOKIE = "frivillig_device"


def log_in(client, email: str, password: str, *, address: str = "192.0.2.1", forwarded: str | None = None):
    extra = {"REMOTE_ADDR": address}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return client.post(LOGIN_URL, {"email": email, "password": password}, **extra)


def attack(email: str, times: int = 5) -> None:
    """Wrong passwords from browsers the account has never logged in with, each from its own address."""
    for number in range(times):
        assert log_in(Client(), email, WRONG, address=f"198.51.100.{number + 1}").status_code in (200, 429)


def known_browser(email: str = "citizen@example.org", password: str = PASSWORD) -> Client:
    """A browser the owner has logged in with before (and logged out of since)."""
    browser = Client()
    assert log_in(browser, email, password, address="203.0.113.50").status_code == 302
    browser.post(reverse("accounts:logout"))
    return browser


def failures_checked() -> int:
    with scopes_disabled():
        return AuditEntry.objects.filter(code="accounts.user.login_failed").count()


# --- behind a proxy ---------------------------------------------------------------------------------------


def test_behind_a_configured_proxy_one_clients_failures_do_not_block_another(personas, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    # Client A: 20 failures, 4 on each of five accounts so that no account reaches its limit of 5.
    for index in range(20):
        log_in(Client(), f"guess{index % 5}@example.org", WRONG, address=PROXY, forwarded="203.0.113.7")

    client_b = log_in(Client(), "citizen@example.org", PASSWORD, address=PROXY, forwarded="203.0.113.8")
    client_a = log_in(Client(), "citizen@example.org", PASSWORD, address=PROXY, forwarded="203.0.113.7")

    assert client_b.status_code == 302
    assert client_a.status_code == 429


def test_behind_a_configured_proxy_the_client_cannot_escape_by_writing_the_header_itself(personas, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    # The proxy appends the address it saw; what the client wrote in front of it changes nothing.
    for index in range(20):
        forwarded = f"10.1.1.{index}, 203.0.113.7"
        log_in(Client(), f"guess{index % 5}@example.org", WRONG, address=PROXY, forwarded=forwarded)

    again = log_in(Client(), "citizen@example.org", PASSWORD, address=PROXY, forwarded="10.9.9.9, 203.0.113.7")
    assert again.status_code == 429


def test_the_audit_log_names_the_client_behind_the_proxy(personas, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    log_in(Client(), "citizen@example.org", WRONG, address=PROXY, forwarded="203.0.113.7")
    with scopes_disabled():
        entry = AuditEntry.objects.get(code="accounts.user.login_failed")
    assert entry.data["address"] == "203.0.113.7"


def test_without_a_configured_proxy_the_header_is_ignored_and_spoofing_does_not_escape_the_limit(personas, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    for index in range(20):
        log_in(Client(), f"guess{index % 5}@example.org", WRONG, address="192.0.2.66", forwarded=f"10.2.2.{index}")

    spoofed = log_in(Client(), "citizen@example.org", PASSWORD, address="192.0.2.66", forwarded="10.3.3.3")
    assert spoofed.status_code == 429
    with scopes_disabled():
        addresses = set(
            AuditEntry.objects.filter(code="accounts.user.login_failed").values_list("data__address", flat=True)
        )
    assert addresses == {"192.0.2.66"}


def test_nineteen_failures_from_one_client_behind_the_proxy_do_not_block_it(personas, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for index in range(19):
        log_in(Client(), f"guess{index % 5}@example.org", WRONG, address=PROXY, forwarded="203.0.113.7")

    assert log_in(Client(), "citizen@example.org", PASSWORD, address=PROXY, forwarded="203.0.113.7").status_code == 302


def test_one_ipv6_network_counts_as_one_address(personas):
    for index in range(20):
        log_in(Client(), f"guess{index % 5}@example.org", WRONG, address=f"2001:db8:7:7::{index + 1:x}")

    same_network = log_in(Client(), "citizen@example.org", PASSWORD, address="2001:db8:7:7:ffff::1")
    other_network = log_in(Client(), "citizen@example.org", PASSWORD, address="2001:db8:7:8::1")
    assert same_network.status_code == 429
    assert other_network.status_code == 302


# --- the owner's known browser ----------------------------------------------------------------------------


def test_a_successful_login_leaves_a_long_lived_httponly_secure_lax_device_cookie(personas):
    response = log_in(Client(), "citizen@example.org", PASSWORD)

    cookie = response.cookies[DEVICE_COOKIE]
    assert cookie["httponly"] is True
    assert cookie["secure"] is True
    assert cookie["samesite"] == "Lax"
    assert cookie["max-age"] == 365 * 86400
    assert "citizen" not in cookie.value


def test_the_owners_known_browser_logs_in_during_an_attack_on_the_account(personas):
    owner = known_browser()
    attack("citizen@example.org", times=30)

    # The attacker, and any browser the account has not logged in with, is blocked even with the right password.
    assert log_in(Client(), "citizen@example.org", PASSWORD, address="198.51.100.99").status_code == 429
    response = log_in(owner, "citizen@example.org", PASSWORD)

    assert response.status_code == 302
    assert int(owner.session["_auth_user_id"]) == personas.user("citizen").pk


def test_the_known_browser_may_mistype_during_an_attack(personas):
    owner = known_browser()
    attack("citizen@example.org")

    for _ in range(4):
        assert log_in(owner, "citizen@example.org", WRONG).status_code == 200
    assert log_in(owner, "citizen@example.org", PASSWORD).status_code == 302


def test_a_stolen_device_cookie_buys_only_five_guesses_during_an_attack(personas):
    stolen = known_browser()
    attack("citizen@example.org")

    for _ in range(5):
        assert log_in(stolen, "citizen@example.org", WRONG).status_code == 200
    assert log_in(stolen, "citizen@example.org", WRONG).status_code == 429
    assert log_in(stolen, "citizen@example.org", PASSWORD).status_code == 429
    assert failures_checked() == 5 + 5


def test_the_known_browsers_own_failures_do_not_block_the_account_elsewhere(personas):
    owner = known_browser()
    for _ in range(5):
        log_in(owner, "citizen@example.org", WRONG)

    assert log_in(Client(), "citizen@example.org", PASSWORD, address="198.51.100.7").status_code == 302


def test_a_device_cookie_counts_only_for_the_account_that_logged_in_with_it(personas):
    UserFactory(email="anden@example.org")
    browser = known_browser("anden@example.org")
    attack("citizen@example.org")

    assert log_in(browser, "citizen@example.org", PASSWORD).status_code == 429


def test_a_tampered_device_cookie_counts_as_an_unknown_browser(personas):
    owner = known_browser()
    attack("citizen@example.org")
    value = owner.cookies[DEVICE_COOKIE].value
    owner.cookies[DEVICE_COOKIE] = value[:-2] + ("AA" if not value.endswith("AA") else "BB")

    assert log_in(owner, "citizen@example.org", PASSWORD).status_code == 429


# --- the owner proves who they are ------------------------------------------------------------------------


def reset_password(browser: Client, mailoutbox, email: str = "citizen@example.org") -> None:
    browser.post(reverse("accounts:password_reset"), {"email": email})
    confirm = browser.get(link_path(mailoutbox[-1].body), follow=True)
    assert confirm.context["validlink"] is True
    done = browser.post(confirm.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done.status_code == 302


def test_after_a_password_reset_the_account_is_not_blocked(personas, mailoutbox):
    attack("citizen@example.org")
    assert log_in(Client(), "citizen@example.org", PASSWORD, address="198.51.100.99").status_code == 429

    reset_password(Client(), mailoutbox)

    # Any browser, not only the one the reset was made in.
    response = log_in(Client(), "citizen@example.org", NEW_PASSWORD, address="198.51.100.98")
    assert response.status_code == 302


def test_the_browser_that_reset_the_password_is_known_to_the_account(personas, mailoutbox):
    browser = Client()
    reset_password(browser, mailoutbox)
    attack("citizen@example.org")

    assert log_in(browser, "citizen@example.org", NEW_PASSWORD).status_code == 302


def test_after_a_password_change_the_account_is_not_blocked(personas, client_for):
    attack("citizen@example.org")
    owner = client_for("citizen")
    changed = owner.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert changed.status_code == 302

    assert log_in(Client(), "citizen@example.org", NEW_PASSWORD, address="198.51.100.98").status_code == 302


# --- the promised numbers ---------------------------------------------------------------------------------


def test_the_account_block_holds_for_900_seconds_and_lifts_at_900(personas, clock):
    attack("citizen@example.org")
    clock.advance(899)
    assert log_in(Client(), "citizen@example.org", PASSWORD).status_code == 429

    clock.advance(1)

    assert log_in(Client(), "citizen@example.org", PASSWORD).status_code == 302


def test_the_address_block_holds_for_900_seconds_and_lifts_at_900(personas, clock):
    for index in range(20):
        log_in(Client(), f"guess{index % 5}@example.org", WRONG, address="192.0.2.66")
    clock.advance(899)
    assert log_in(Client(), "citizen@example.org", PASSWORD, address="192.0.2.66").status_code == 429

    clock.advance(1)

    assert log_in(Client(), "citizen@example.org", PASSWORD, address="192.0.2.66").status_code == 302


def test_an_incomplete_form_or_an_unconfirmed_account_is_not_a_failure(personas):
    User.objects.create_user(email="ny@example.org", password=PASSWORD, full_name="Ny Person", is_active=False)
    for _ in range(5):
        Client().post(LOGIN_URL, {"email": "citizen@example.org", "password": ""}, REMOTE_ADDR="192.0.2.1")
        log_in(Client(), "ny@example.org", PASSWORD)

    assert failures_checked() == 0
    assert log_in(Client(), "citizen@example.org", PASSWORD).status_code == 302


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL: SQLite serialises every write")
@pytest.mark.django_db(transaction=True)
def test_thirty_parallel_guesses_on_one_account_check_exactly_five_passwords():
    UserFactory(email="maal@example.org")

    def guess(number: int) -> int:
        # Each from its own address: only the account's limit of 5 stands in the way.
        return log_in(Client(), "maal@example.org", WRONG, address=f"198.51.100.{number + 1}").status_code

    statuses = run_in_parallel(30, guess)

    assert sorted(statuses) == [200] * 5 + [429] * 25
    assert failures_checked() == 5


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL: SQLite serialises every write")
@pytest.mark.django_db(transaction=True)
def test_thirty_parallel_guesses_from_one_address_check_exactly_twenty_passwords():
    def guess(number: int) -> int:
        # Thirty accounts, one try each: only the address's limit of 20 stands in the way.
        return log_in(Client(), f"guess{number}@example.org", WRONG, address="192.0.2.66").status_code

    statuses = run_in_parallel(30, guess)

    assert sorted(statuses) == [200] * 20 + [429] * 10
    assert failures_checked() == 20
