"""The header holds every role's work areas on one line at 1280 px, and below the large breakpoint DKFDS's menu
button opens a drawer that holds them all: it opens and closes by mouse and by keyboard (Escape too), keeps the
focus inside while open, and axe-core finds nothing serious on either."""

import pytest
from playwright.sync_api import Page, expect

from frivillig.tenants.enums import Role
from frivillig.testing import UserFactory, grant
from tests.browser.support import check_accessibility, log_in_directly, screenshot, ui

pytestmark = pytest.mark.browser

WIDE = {"width": 1280, "height": 900}
NARROW = {"width": 320, "height": 640}
ITEMS = ".navigation-menu .mainmenu > li:not(.more-option)"


def several_roles(site):
    user = UserFactory(email="leader@alfa.example.org", full_name="Alfa Centre Leader")
    grant(user, site.personas.tenant, Role.CENTRE_STAFF, Role.TENANT_ADMIN, Role.MUNICIPAL_STAFF)
    grant(user, site.personas.tenant, Role.ASSOCIATION_REP, organisation=site.personas.organisation)
    return user


def open_as(new_context, site, user, **options) -> Page:
    context = new_context(**options)
    if user is not None:
        log_in_directly(context, site, user)
    return context.new_page()


def focused_html(page: Page) -> str:
    return page.evaluate("() => document.activeElement ? document.activeElement.outerHTML.slice(0, 200) : ''")


@pytest.mark.parametrize("persona", ["anonymous", "citizen", "centre_staff", "tenant_admin", "association_rep", "all"])
def test_header_keeps_every_work_area_on_one_line_at_1280_px(site, new_context, persona):
    user = several_roles(site) if persona == "all" else site.personas.user(persona)
    page = open_as(new_context, site, user, viewport=WIDE)
    for path in ("/alfa/", "/"):
        page.goto(site(path))
        page.wait_for_load_state("load")
        items = page.locator(ITEMS)
        count = items.count()
        assert 0 < count <= 7, (persona, path, count)
        tops = {round(items.nth(index).bounding_box()["y"]) for index in range(count)}
        assert len(tops) == 1, f"The main menu wraps for {persona} on {path}: item tops {sorted(tops)}"
        # Every area is shown itself: none is folded into DKFDS's "more" menu.
        expect(page.locator(".navigation-menu .more-option")).to_be_hidden()
        for index in range(count):
            expect(items.nth(index)).to_be_visible()
        # The menu button is for narrow screens only.
        expect(page.locator(".js-menu-open")).to_be_hidden()
        check_accessibility(page)
    if persona in {"centre_staff", "citizen"}:
        page.goto(site("/alfa/"))
        screenshot(page, f"header-1280-{persona}")


def test_side_navigation_marks_the_page_and_gives_way_to_the_drawer_when_narrow(site, new_context):
    page = open_as(new_context, site, site.personas.user("centre_staff"), viewport=WIDE)
    page.goto(site("/alfa/"))
    page.get_by_role("navigation", name=ui("Main menu", "Hovedmenu")).get_by_role(
        "link", name=ui("Associations", "Foreninger")
    ).click()
    side = page.locator("nav.side-navigation")
    expect(side).to_be_visible()
    expect(side.locator('[aria-current="page"]')).to_have_text(ui("Organisations", "Organisationer"))
    side.get_by_role("link", name=ui("People", "Personer")).click()
    expect(page.locator("nav.side-navigation [aria-current='page']")).to_have_text(ui("People", "Personer"))
    check_accessibility(page)
    page.set_viewport_size(NARROW)
    expect(page.locator("nav.side-navigation")).to_be_hidden()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= NARROW["width"]


@pytest.mark.parametrize("persona", ["citizen", "centre_staff"])
def test_mobile_menu_opens_and_closes_by_mouse_at_320_px(site, new_context, persona):
    page = open_as(new_context, site, site.personas.user(persona), viewport=NARROW)
    page.goto(site("/alfa/"))
    page.wait_for_load_state("load")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= NARROW["width"]
    drawer = page.locator(".mobile-drawer")
    button = page.get_by_role("button", name=ui("Menu", "Menu"))
    expect(page.locator(".navigation-menu")).to_be_hidden()
    expect(drawer).to_be_hidden()
    screenshot(page, f"header-320-{persona}")

    button.click()
    expect(drawer).to_be_visible()
    dialog = page.get_by_role("dialog", name=ui("Menu", "Menu"))
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("link", name=ui("My profile", "Min profil"))).to_be_visible()
    expect(dialog.get_by_role("button", name=ui("Log out", "Log ud"))).to_be_visible()
    check_accessibility(page)
    screenshot(page, f"drawer-320-{persona}", full_page=False)

    dialog.get_by_role("button", name=ui("Close the menu", "Luk menuen")).click()
    expect(drawer).to_be_hidden()
    # The overlay closes it too.
    button.click()
    expect(drawer).to_be_visible()
    page.locator(".overlay.is-visible").click(position={"x": 10, "y": 300})
    expect(drawer).to_be_hidden()


def test_mobile_menu_is_operable_by_keyboard_at_320_px(site, new_context):
    page = open_as(new_context, site, site.personas.user("centre_staff"), viewport=NARROW)
    page.goto(site("/alfa/"))
    page.wait_for_load_state("load")
    button = page.locator(".js-menu-open")
    drawer = page.locator(".mobile-drawer")

    # Tab from the top of the page reaches the menu button early (after the skip link and the site's name).
    for _press in range(4):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.classList.contains('js-menu-open')"):
            break
    assert page.evaluate("() => document.activeElement.classList.contains('js-menu-open')"), focused_html(page)

    page.keyboard.press("Enter")
    expect(drawer).to_be_visible()
    # The focus moves into the drawer (its close button) and stays there while it is open.
    assert "js-menu-close" in focused_html(page)
    for _press in range(40):
        page.keyboard.press("Tab")
        inside = page.evaluate("() => !!document.activeElement.closest('.mobile-drawer')")
        assert inside, f"The focus left the open drawer: {focused_html(page)}"

    # Escape closes it and gives the focus back to the menu button.
    page.keyboard.press("Escape")
    expect(drawer).to_be_hidden()
    expect(button).to_be_focused()

    # An area opens with the keyboard, and its page is reached with Enter.
    page.keyboard.press("Enter")
    expect(drawer).to_be_visible()
    area = drawer.get_by_role("button", name=ui("Associations", "Foreninger"))
    expect(area).to_have_attribute("aria-expanded", "false")
    area.focus()
    page.keyboard.press("Enter")
    expect(area).to_have_attribute("aria-expanded", "true")
    people = drawer.get_by_role("link", name=ui("People", "Personer"))
    expect(people).to_be_visible()
    people.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(site("/alfa/kontakter/personer/"))
    expect(drawer).to_be_hidden()
    # On the new page the drawer opens at the current area, with the page marked.
    button.click()
    expect(drawer.locator('[aria-current="page"]')).to_have_text(ui("People", "Personer"))
    check_accessibility(page)
