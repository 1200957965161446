"""Error pages keep the site's layout, so a person who lands on one can find the way on."""

import pytest
from playwright.sync_api import expect

from tests.browser.support import check_accessibility, screenshot

pytestmark = pytest.mark.browser


def test_unknown_tenant_shows_404_page_in_site_layout(site, new_context, console_watch):
    # The browser logs the document's own 404 as a failed load; that is the point of this page.
    console_watch.allow(r"findes-ikke/: Failed to load resource: the server responded with a status of 404")
    page = new_context().new_page()
    response = page.goto(site("/findes-ikke/"))

    assert response is not None and response.status == 404
    expect(page.locator("html")).to_have_attribute("lang", "da")
    banner = page.get_by_role("banner")
    expect(banner).to_have_count(1)
    expect(banner.get_by_role("link").first).to_have_attribute("href", "/")
    expect(page.get_by_role("main")).to_have_count(1)
    expect(page.get_by_role("main").get_by_role("heading", level=1)).to_have_count(1)
    expect(page.get_by_role("main").locator('a[href="/"]')).to_have_count(1)
    expect(page.get_by_role("contentinfo")).to_have_count(1)
    check_accessibility(page)
    screenshot(page, "error-404-unknown-tenant")
