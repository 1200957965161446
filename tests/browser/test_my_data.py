"""'Dine data' walked in a browser: a citizen finds it from the account page, downloads the JSON file and the PDF,
and reads the printable version; axe-core clean under the real CSP, and no sideways scrolling at 320 px."""

import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from frivillig.core.tests.helpers import pdf_titles
from frivillig.surveys.tests.test_report import pdf_text
from tests.browser.support import check_accessibility, log_in_directly, screenshot, ui

pytestmark = pytest.mark.browser

NARROW = 320


def test_citizen_downloads_and_reads_their_data(site, new_context):
    context = new_context(bypass_csp=False, accept_downloads=True)
    log_in_directly(context, site, site.personas.user("citizen"))
    page = context.new_page()

    page.goto(site("/konto/profil/"))
    page.get_by_role("link", name=ui("Your data", "Dine data")).click()
    page.wait_for_load_state("load")
    expect(page.locator("h1")).to_have_text(ui("Your data", "Dine data"))
    check_accessibility(page, via_script_tag=False)
    screenshot(page, "my-data")

    with page.expect_download() as download_info:
        page.get_by_role("link", name=ui("Download your data (JSON)", "Hent dine data (JSON)")).click()
    download = download_info.value
    assert download.suggested_filename.endswith(".json")
    export = json.loads(Path(download.path()).read_text(encoding="utf-8"))
    assert export["subject"]["email"] == "citizen@example.org"

    with page.expect_download() as download_info:
        page.get_by_role("link", name=ui("Download your data (PDF)", "Hent dine data (PDF)")).click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    pdf = Path(download.path()).read_bytes()
    assert pdf.startswith(b"%PDF-") and b"%%EOF" in pdf[-1024:]
    # The document's title (its metadata, what a reader's window shows) names the person, in the account's language.
    title = ui("The data we hold about you – Cecilie Borger", "De oplysninger, vi har om dig – Cecilie Borger")
    assert any(title.match(text) for text in pdf_titles(pdf)), pdf_titles(pdf)
    # And its pages, as a PDF reader copies their text, hold the person's name and address.
    text = pdf_text(pdf)
    assert "Cecilie Borger" in text and "citizen@example.org" in text, text[:500]

    page.set_viewport_size({"width": NARROW, "height": 640})
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= NARROW, f"'Your data' scrolls sideways at {NARROW} px: the page is {width} px wide"
    screenshot(page, "my-data-320")

    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_role("link", name=ui("Read your data", "Læs dine data")).click()
    page.wait_for_load_state("load")
    expect(page.locator("main")).to_contain_text("Cecilie Borger")
    check_accessibility(page, via_script_tag=False)
    screenshot(page, "my-data-print")
