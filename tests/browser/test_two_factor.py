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

from tests.browser.support import log_in_directly, screenshot, submit_code, submit_login_form, ui, visit_checked

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


@pytest.mark.parametrize("width", [1280, NARROW])
def test_tenant_admin_resets_a_colleagues_two_factor_login(site, new_context, width):
    from frivillig.testing import give_second_factor

    colleague = site.personas.user("centre_staff")
    give_second_factor(colleague)
    context = new_context(viewport={"width": width, "height": 900})
    log_in_directly(context, site, site.personas.user("tenant_admin"))
    page = context.new_page()

    page.goto(site("/alfa/administration/medlemmer/"))
    reset_link = ui(
        f"Reset two-factor login – {colleague.full_name}", f"Nulstil to-trins-login – {colleague.full_name}"
    )
    page.get_by_role("link", name=reset_link).click()
    page.wait_for_load_state("load")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        ui(f"Reset the two-factor login of {colleague.full_name}", f"Nulstil to-trins-login for {colleague.full_name}")
    )
    visit_checked(page, f"two-factor-reset-{width}")
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    page.get_by_role("button", name=ui("Yes, reset two-factor login", "Ja, nulstil to-trins-login")).click()
    page.wait_for_load_state("load")
    expect(page).to_have_url(site("/alfa/administration/medlemmer/"))
    expect(page.get_by_role("status").first).to_be_visible()

    # Nothing left to reset: the page says so, and offers only the way back.
    page.get_by_role("link", name=reset_link).click()
    page.wait_for_load_state("load")
    expect(
        page.get_by_role("button", name=ui("Yes, reset two-factor login", "Ja, nulstil to-trins-login"))
    ).to_have_count(0)
    visit_checked(page, f"two-factor-reset-nothing-{width}")
    page.get_by_role("link", name=ui("Back to users and roles", "Tilbage til brugere og roller")).press("Enter")
    expect(page).to_have_url(site("/alfa/administration/medlemmer/"))
    assert page.evaluate("document.documentElement.scrollWidth") <= width
