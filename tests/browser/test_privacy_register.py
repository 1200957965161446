"""The record of processing activities walked in a browser: the tenant admin opens it from the administration menu
and its printable version; both axe-core clean under the real CSP, and no sideways scrolling at 320 px (the field
tables scroll inside their own frame)."""

import pytest
from playwright.sync_api import expect

from tests.browser.support import check_accessibility, log_in_directly, screenshot, ui

pytestmark = pytest.mark.browser

NARROW = 320


def test_admin_reads_the_record_and_its_printable_version(site, new_context):
    context = new_context(bypass_csp=False)
    log_in_directly(context, site, site.personas.user("tenant_admin"))
    page = context.new_page()

    page.goto(site("/alfa/administration/log/"))
    page.get_by_role(
        "link", name=ui("Record of processing activities", "Fortegnelse over behandlingsaktiviteter")
    ).first.click()
    page.wait_for_load_state("load")
    expect(page.locator("h1")).to_have_text(
        ui("Record of processing activities", "Fortegnelse over behandlingsaktiviteter")
    )
    expect(page.locator("h2", has_text=ui("Volunteers and applications", "Frivillige og ansøgninger"))).to_have_count(1)
    check_accessibility(page, via_script_tag=False)
    screenshot(page, "p1-privacy-register")

    page.set_viewport_size({"width": NARROW, "height": 640})
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= NARROW, f"The record scrolls sideways at {NARROW} px: the page is {width} px wide"
    screenshot(page, "p1-privacy-register-320")

    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_role("link", name=ui("Printable version", "Udskriftsvenlig udgave", exact=False)).click()
    page.wait_for_load_state("load")
    expect(page.locator("h1")).to_have_text(
        ui("Record of processing activities", "Fortegnelse over behandlingsaktiviteter")
    )
    check_accessibility(page, via_script_tag=False)
    page.emulate_media(media="print")
    screenshot(page, "p1-privacy-register-print")
