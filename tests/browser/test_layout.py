"""Small screens and keyboards: at 320 CSS pixels (WCAG 1.4.10 Reflow) nothing scrolls sideways, and the
skip link is the first thing the Tab key reaches."""

import pytest
from playwright.sync_api import expect

from tests.browser.support import check_accessibility

pytestmark = pytest.mark.browser

NARROW = 320
PAGES = {
    "front page": "/",
    "tenant page": "/alfa/",
    "sign-up page": "/konto/opret/",
    "login page": "/konto/log-ind/",
}


@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_page_at_320_px_has_no_horizontal_scrolling_and_skip_link_first(site, new_context, path):
    page = new_context(viewport={"width": NARROW, "height": 640}).new_page()
    page.goto(site(path))
    page.wait_for_load_state("load")

    scroll_width = page.evaluate("() => document.documentElement.scrollWidth")
    assert scroll_width <= NARROW, f"{path} scrolls sideways at {NARROW} px: the page is {scroll_width} px wide"

    page.keyboard.press("Tab")
    focused = page.evaluate(
        """() => {
          const element = document.activeElement;
          return element ? {tag: element.tagName, href: element.getAttribute("href") || "",
                            html: element.outerHTML.slice(0, 160)} : null;
        }"""
    )
    assert focused is not None and focused["href"].endswith("#main-content"), (
        f"On {path} the first Tab lands on {focused and focused['html']}, not on the skip link to #main-content"
    )
    skip_link = page.locator(":focus")
    expect(skip_link).to_be_visible()
    box = skip_link.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= NARROW, (
        f"the focused skip link on {path} is not inside the {NARROW} px viewport: {box}"
    )

    check_accessibility(page)
