"""The content fixes walked in a browser: the tenant admin orders a word list with the keyboard (no number to type,
no key shown), the representative sees what a draft lacks before publishing, linked to each field, and a visitor
finds an association's open opportunities on its public page. Every page: axe-core clean, no CSP violation or
console error under the real policy, and no sideways scrolling at 320 px."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled
from playwright.sync_api import Page, expect

from frivillig.crm.enums import Vocabulary
from frivillig.crm.models import Tag
from frivillig.testing import make_opportunity, make_person
from frivillig.volunteering.enums import OpportunityStatus
from tests.browser.support import check_accessibility, log_in_directly, screenshot, ui

pytestmark = pytest.mark.browser

NARROW = 320


def watched_page(context) -> tuple[Page, list[str]]:
    """A page whose console errors and CSP violations are collected, under the site's real policy."""
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    return page, problems


def checked(page: Page, problems: list[str], name: str) -> None:
    page.wait_for_load_state("load")
    assert not problems, f"Console errors or CSP violations on {page.url}: {problems}"
    check_accessibility(page, via_script_tag=False)
    screenshot(page, name)


def assert_no_sideways_scrolling(page: Page) -> None:
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= NARROW, f"{page.url} scrolls sideways at {NARROW} px: the page is {width} px wide"


def target_groups(tenant) -> list[str]:
    with scopes_disabled():
        return list(
            Tag.objects.filter(tenant=tenant, vocabulary=Vocabulary.TARGET_GROUP)
            .order_by("position", "label_da", "pk")
            .values_list("label_da", flat=True)
        )


def test_admin_moves_a_word_down_with_the_keyboard(site, new_context):
    personas = site.personas
    before = target_groups(personas.tenant)
    context = new_context(bypass_csp=False)
    log_in_directly(context, site, personas.user("tenant_admin"))
    page, problems = watched_page(context)

    page.goto(site("/alfa/administration/ordlister/"))
    checked(page, problems, "h7-word-lists")
    section = page.locator("section#target_group")
    expect(section.locator("code")).to_have_count(0)
    first_row = section.locator("tbody tr").first
    move_down = first_row.get_by_role("button", name=ui("Move down", "Flyt ned", exact=False))
    move_down.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")

    page.wait_for_load_state("load")
    assert target_groups(personas.tenant) == [before[1], before[0], *before[2:]]
    rows = page.locator("section#target_group tbody th[scope=row]")
    expect(rows.nth(0)).to_have_text(before[1])
    expect(rows.nth(1)).to_have_text(before[0])
    checked(page, problems, "h7-word-lists-moved")

    page.set_viewport_size({"width": NARROW, "height": 640})
    assert_no_sideways_scrolling(page)
    screenshot(page, "h7-word-lists-320")


def test_representative_sees_what_a_draft_lacks_and_goes_to_the_field(site, new_context):
    personas = site.personas
    draft = make_opportunity(personas.organisation, status=OpportunityStatus.DRAFT, summary="", title="Lektiehjælper")
    context = new_context(bypass_csp=False)
    log_in_directly(context, site, personas.user("association_rep"))
    page, problems = watched_page(context)

    page.goto(site(f"/alfa/frivilligjob/administration/{draft.pk}/"))
    checked(page, problems, "h7-draft-missing")
    expect(page.locator("#missing-pieces li")).not_to_have_count(0)
    publish = page.get_by_role("button", name=ui("Publish", "Offentliggør"))
    expect(publish).to_be_disabled()
    page.locator('#missing-pieces a[href="#id_summary"]').click()
    expect(page).to_have_url(site(f"/alfa/frivilligjob/administration/{draft.pk}/#id_summary"))

    page.set_viewport_size({"width": NARROW, "height": 640})
    assert_no_sideways_scrolling(page)
    screenshot(page, "h7-draft-missing-320")


def test_visitor_finds_an_associations_open_opportunities_and_its_contact_person(site, new_context):
    personas = site.personas
    karen = make_person(personas.tenant, full_name="Karen Kontakt")
    opportunity = make_opportunity(
        personas.organisation,
        title="Besøgsven om tirsdagen",
        contact_person=karen,
        expires_on=timezone.localdate() + timedelta(days=20),
    )
    page, problems = watched_page(new_context(bypass_csp=False))

    page.goto(site(f"/alfa/foreninger/{personas.organisation.pk}/"))
    checked(page, problems, "h7-association-page")
    page.get_by_role("link", name="Besøgsven om tirsdagen").click()
    expect(page).to_have_url(site(f"/alfa/frivilligjob/{opportunity.pk}/"))
    checked(page, problems, "h7-opportunity-contact")
    expect(page.locator("main")).to_contain_text("Karen Kontakt")

    page.set_viewport_size({"width": NARROW, "height": 640})
    assert_no_sideways_scrolling(page)
