"""The DKFDS look of the shared components, in a browser at desktop width and at 320 px: summary lists with
aligned labels and values, filter panels that fold away on a narrow screen so the results come first, tables that
never widen the page, full-width text areas, and long choice lists as search fields that save what is picked.
Every page is checked with axe-core and saved as a screenshot in test-results/screenshots/."""

import re

import pytest
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from frivillig.crm.models import CollaborationRelation, Interaction
from frivillig.testing import make_organisation, make_person
from tests.browser.support import log_in_directly, ui, visit_checked

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 900}
NARROW = {"width": 320, "height": 640}


def staff_page(site, new_context, viewport):
    context = new_context(viewport=viewport)
    log_in_directly(context, site, site.personas.users["centre_staff"])
    return context.new_page()


def assert_no_sideways_scrolling(page):
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"{page.url} is {width} px wide at {page.viewport_size['width']} px"


def boxes(locator):
    return [locator.nth(index).bounding_box() for index in range(locator.count())]


@pytest.mark.parametrize(("name", "viewport"), [("desktop", DESKTOP), ("320", NARROW)])
def test_organisation_detail_is_a_summary_list_with_aligned_labels_and_values(site, new_context, name, viewport):
    organisation = site.personas.organisation
    page = staff_page(site, new_context, viewport)
    page.goto(site(f"/alfa/kontakter/organisationer/{organisation.pk}/"))
    summary = page.locator("main dl.summary-list").first
    expect(summary).to_be_visible()
    labels, values = boxes(summary.locator("dt")), boxes(summary.locator("dd"))
    assert len(labels) == len(values) > 5
    if viewport is DESKTOP:
        # Two columns: every label starts at the same x, every value at the same x to its right, on one line.
        assert len({round(box["x"]) for box in labels}) == 1
        assert len({round(box["x"]) for box in values}) == 1
        assert values[0]["x"] > labels[0]["x"] + labels[0]["width"] - 1
        assert all(abs(label["y"] - value["y"]) < 1 for label, value in zip(labels, values, strict=True))
    else:
        # One column: each label above its value.
        assert all(value["y"] >= label["y"] + label["height"] - 1 for label, value in zip(labels, values, strict=True))
    assert_no_sideways_scrolling(page)
    visit_checked(page, f"look-organisation-detail-{name}")


def test_list_filters_are_beside_the_results_on_a_wide_screen(site, new_context):
    page = staff_page(site, new_context, DESKTOP)
    page.goto(site("/alfa/kontakter/organisationer/"))
    panel = page.locator("details[data-filter-panel]")
    expect(panel).to_have_attribute("open", "")
    expect(panel.locator("summary")).to_be_hidden()
    expect(page.get_by_role("search").get_by_label(ui("Search", "Søg"))).to_be_visible()
    hint = panel.locator(".filter-panel__hint")
    expect(hint).to_have_count(1)
    expect(panel).not_to_contain_text(re.compile(r"optional|valgfrit", re.IGNORECASE))
    # The fields of the first row of the panel line up.
    fields = panel.locator(
        ".filter-panel__fields > .form-group .form-input, .filter-panel__fields > .form-group .form-select"
    )
    tops = [box["y"] for box in boxes(fields)]
    first_row = [top for top in tops if abs(top - tops[0]) < 40]
    assert len(first_row) >= 2 and max(first_row) - min(first_row) < 1, tops
    visit_checked(page, "look-list-filters-desktop")


def test_list_results_come_first_at_320_px_and_show_filters_opens_the_panel(site, new_context):
    for number in range(3):
        make_organisation(site.personas.tenant, name=f"Forening med et ret langt navn nummer {number}", cvr="")
    page = staff_page(site, new_context, NARROW)
    page.goto(site("/alfa/kontakter/organisationer/"))
    panel = page.locator("details[data-filter-panel]")
    expect(panel).not_to_have_attribute("open", "")
    toggle = panel.locator("summary")
    expect(toggle).to_have_text(ui("Show filters", "Vis filtre"), use_inner_text=True)
    results = page.locator("#list-results table")
    expect(results).to_be_visible()
    # Folded, the panel is one line; the count, the export links and the results follow right after it.
    folded = panel.bounding_box()
    assert folded["height"] < 60, folded
    assert 0 < results.bounding_box()["y"] - (folded["y"] + folded["height"]) < 200
    assert_no_sideways_scrolling(page)
    visit_checked(page, "look-list-filters-320-folded")

    toggle.focus()
    page.keyboard.press("Enter")
    expect(panel).to_have_attribute("open", "")
    expect(toggle).to_have_text(ui("Hide filters", "Skjul filtre"), use_inner_text=True)
    search = page.get_by_role("search").get_by_label(ui("Search", "Søg"))
    expect(search).to_be_visible()
    assert_no_sideways_scrolling(page)
    visit_checked(page, "look-list-filters-320-open")

    # The table scrolls inside its own box, which the keyboard can reach; the page itself never does.
    wrapper = page.locator("#list-results .table-wrapper")
    assert wrapper.evaluate("element => element.scrollWidth >= element.clientWidth")
    expect(wrapper).to_have_attribute("tabindex", "0")


def test_a_table_outside_the_list_kit_scrolls_in_its_own_box_at_320_px(site, new_context):
    organisation = site.personas.organisation
    person = make_person(site.personas.tenant, full_name="Bodil Bestyrelsesmedlem med et langt navn")
    with scopes_disabled():
        CollaborationRelation.objects.create(
            tenant=site.personas.tenant,
            organisation=organisation,
            topic="Frivillige på plejecentrene",
            started_on="2026-01-05",
        )
    from frivillig.crm.models import OrganisationRole

    with scopes_disabled():
        OrganisationRole.objects.create(
            tenant=site.personas.tenant, organisation=organisation, person=person, role="chair"
        )
    page = staff_page(site, new_context, NARROW)
    page.goto(site(f"/alfa/kontakter/organisationer/{organisation.pk}/"))
    expect(page.locator("main table").first).to_be_visible()
    assert page.locator("main table").first.evaluate("table => table.parentElement.classList.contains('table-wrapper')")
    assert_no_sideways_scrolling(page)
    visit_checked(page, "look-organisation-detail-tables-320")


@pytest.mark.parametrize(("name", "viewport"), [("desktop", DESKTOP), ("320", NARROW)])
def test_typing_in_the_autocomplete_picks_organisations_and_the_interaction_saves_them(
    site, new_context, name, viewport
):
    make_organisation(site.personas.tenant, name="Alfa Spejderne")
    page = staff_page(site, new_context, viewport)
    page.goto(site("/alfa/kontakter/henvendelser/ny/"))
    # The checkboxes are folded away; a search field takes their place.
    expect(page.locator("#id_organisations_0")).to_be_hidden()
    search = page.get_by_label(ui("Find and add (Organisations)", "Søg og tilføj (Organisationer)"))
    expect(search).to_be_visible()
    search.fill("lektie")
    option = page.get_by_role("option", name="Alfa Lektiecafé")
    expect(option).to_be_visible()
    option.click()
    chosen = page.locator(".chosen-list").first
    expect(chosen).to_contain_text("Alfa Lektiecafé")
    search.fill("spejd")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(chosen).to_contain_text("Alfa Spejderne")
    # Changing one's mind: the remove button unticks it.
    chosen.get_by_role("button", name=re.compile("Alfa Spejderne")).click()
    expect(chosen).not_to_contain_text("Alfa Spejderne")
    expect(search).to_be_focused()

    # The text area takes the full width of its column.
    summary = page.locator("#id_summary")
    group = page.locator(".form-group").filter(has=summary)
    assert abs(summary.bounding_box()["width"] - group.bounding_box()["width"]) < 2
    assert_no_sideways_scrolling(page)
    visit_checked(page, f"look-autocomplete-form-{name}")

    page.locator('input[name="kind"][value="meeting"]').check()
    page.locator("#id_summary").fill(f"Møde om lektiehjælp ({name}).")
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/alfa/kontakter/henvendelser/\d+/$"))
    with scopes_disabled():
        interaction = Interaction.objects.get(summary=f"Møde om lektiehjælp ({name}).")
        assert [organisation.name for organisation in interaction.organisations.all()] == ["Alfa Lektiecafé"]


def test_a_single_choice_autocomplete_saves_the_picked_organisation(site, new_context):
    page = staff_page(site, new_context, DESKTOP)
    page.goto(site("/alfa/kontakter/samarbejdsrelationer/ny/"))
    field = page.locator("#id_organisation")
    expect(field).to_have_attribute("role", "combobox")
    field.fill("besøg")
    page.get_by_role("option", name="Alfa Besøgsvenner").click()
    expect(field).to_have_value("Alfa Besøgsvenner")
    page.locator("#id_topic").fill("Frivillige på biblioteket")
    page.locator("#id_started_on").fill("2026-11-02")
    visit_checked(page, "look-autocomplete-single")
    page.locator("main form button[type=submit]").click()
    expect(page).not_to_have_url(re.compile(r"/ny/$"))
    with scopes_disabled():
        relation = CollaborationRelation.objects.get(topic="Frivillige på biblioteket")
        assert relation.organisation == site.personas.organisation


def test_the_board_shows_its_opportunities_first_at_320_px(site, new_context):
    from frivillig.testing import make_opportunity

    make_opportunity(site.personas.organisation, title="Lektiehjælper i biblioteket")
    page = new_context(viewport=NARROW).new_page()
    page.goto(site("/alfa/frivilligjob/"))
    panel = page.locator("details[data-filter-panel]")
    expect(panel).not_to_have_attribute("open", "")
    result = page.get_by_role("link", name="Lektiehjælper i biblioteket")
    expect(result).to_be_visible()
    assert result.bounding_box()["y"] > panel.bounding_box()["y"]
    assert_no_sideways_scrolling(page)
    visit_checked(page, "look-board-320-folded")
    panel.locator("summary").click()
    expect(page.get_by_role("search").get_by_label(ui("Search", "Søg"))).to_be_visible()
    visit_checked(page, "look-board-320-open")
