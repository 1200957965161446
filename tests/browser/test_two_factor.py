"""Two-factor login walked in a browser: a staff member logs in with the password, sets up two-factor login by typing
the secret shown in text into (what stands for) an authenticator app, sees the recovery codes, logs out, and logs in
again with a code. axe-core clean under the real CSP on every step's page; screenshots at desktop width and 320 px,
with no sideways scrolling."""

import base64
import hashlib
import hmac
import struct
import time

import pytest
from playwright.sync_api import Page, expect

from tests.browser.support import screenshot, submit_code, submit_login_form, ui, visit_checked

pytestmark = pytest.mark.browser

NARROW = 320
STAFF_PAGE = "/alfa/medarbejder/"


def rfc6238(secret: str, step: int) -> str:
    """What an authenticator app shows for the base32 `secret` in time step `step` (30 s, SHA-1, six digits)."""
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    digest = hmac.new(key, struct.pack(">Q", step), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{number % 1_000_000:06d}"


def check_narrow(page: Page, name: str) -> None:
    page.set_viewport_size({"width": NARROW, "height": 640})
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= NARROW, f"{page.url} scrolls sideways at {NARROW} px: the page is {width} px wide"
    screenshot(page, f"{name}-320")
    page.set_viewport_size({"width": 1280, "height": 900})


def test_staff_member_sets_up_two_factor_login_and_logs_in_with_a_code(site, new_context):
    page = new_context().new_page()

    page.goto(site(f"/konto/log-ind/?next={STAFF_PAGE}"))
    submit_login_form(page, "centre_staff@alfa.example.org", second_factor=False)

    # The password alone leads to set-up, not to the staff page.
    expect(page.get_by_role("heading", level=1)).to_have_text(ui("Set up two-factor login", "Slå to-trins-login til"))
    expect(page.locator("main svg.two-factor-qr")).to_be_visible()
    visit_checked(page, "two-factor-01-setup")
    check_narrow(page, "two-factor-01-setup")

    secret = page.locator("code.two-factor-secret").inner_text().replace(" ", "")
    set_up_step = int(time.time()) // 30
    page.get_by_label(ui("The code from the app", "Koden fra appen")).fill(rfc6238(secret, set_up_step))
    page.get_by_role("button", name=ui("Confirm and turn on", "Bekræft og slå til")).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(ui("Your recovery codes", "Dine gendannelseskoder"))
    codes = page.locator("main ul.two-factor-codes code")
    expect(codes).to_have_count(10)
    expect(
        page.get_by_role("link", name=ui("Download the codes as a text file", "Hent koderne som tekstfil"))
    ).to_be_visible()
    visit_checked(page, "two-factor-02-recovery-codes")
    check_narrow(page, "two-factor-02-recovery-codes")
    page.get_by_role("button", name=ui("I have kept the codes – continue", "Jeg har gemt koderne – fortsæt")).click()
    expect(page).to_have_url(site(STAFF_PAGE))

    page.locator("header").get_by_role("button", name=ui("Log out", "Log ud")).click()
    page.wait_for_load_state("load")

    page.goto(site(f"/konto/log-ind/?next={STAFF_PAGE}"))
    submit_login_form(page, "centre_staff@alfa.example.org", second_factor=False)
    expect(page.get_by_role("heading", level=1)).to_have_text(ui("Enter code", "Indtast kode"))
    visit_checked(page, "two-factor-03-code")
    check_narrow(page, "two-factor-03-code")
    # The code of set-up's time step was used; the app's next code (or the current one, later) is accepted.
    submit_code(page, rfc6238(secret, max(int(time.time()) // 30, set_up_step + 1)))

    expect(page).to_have_url(site(STAFF_PAGE))
    visit_checked(page)
