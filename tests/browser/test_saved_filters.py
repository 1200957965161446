"""Saved filters of the organisation list, as the centre's staff use them: filter the list by kind, save the filter
under a name, find it among the saved filters with its count, open it, rename it, invite the contact people it finds
to a survey, and delete it. Keyboard only where a person would use it, axe-core clean on every page and no sideways
scrolling at 320 px. Screenshots in test-results/screenshots/ (saved-filters-*)."""

import re

import pytest
from django_scopes import scopes_disabled
from playwright.sync_api import Page, expect

from frivillig.crm.enums import OrganisationKind, OrganisationRoleKind
from frivillig.crm.models import OrganisationRole, SavedFilter
from frivillig.surveys.enums import QuestionKind, SurveyStatus
from frivillig.surveys.tests.helpers import make_question, make_section, make_survey
from frivillig.testing import make_organisation, make_person
from tests.browser.support import log_in_directly, ui, visit_checked

pytestmark = pytest.mark.browser

FOUNDATIONS = ["Sorø Kulturfond", "Sparekassefonden Sorø"]


def _foundations(tenant):
    """Two foundations, each with a contact person; the personas' two associations are left out by the filter."""
    for number, name in enumerate(FOUNDATIONS):
        foundation = make_organisation(tenant, name=name, kind=OrganisationKind.FOUNDATION)
        person = make_person(tenant, full_name=f"Fondssekretær {number}", email=f"fond{number}@example.org")
        with scopes_disabled():
            OrganisationRole.objects.create(
                tenant=tenant, organisation=foundation, person=person, role=OrganisationRoleKind.CONTACT_PERSON
            )


def _fits(page: Page, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width, f"{page.url} scrolls sideways at {width} px"


def _press(locator) -> None:
    """Reach a link or button with the keyboard and press Enter, and wait for the page it leads to."""
    locator.focus()
    locator.press("Enter")
    locator.page.wait_for_load_state("load")


@pytest.mark.parametrize("width", [1280, 320])
def test_staff_save_open_rename_use_and_delete_a_filter(site, new_context, width):
    tenant = site.personas.tenant
    _foundations(tenant)
    survey = make_survey(tenant, title="Fondenes samarbejde med foreningerne", status=SurveyStatus.OPEN)
    make_question(make_section(survey), QuestionKind.YES_NO, text="Støtter I lokale foreninger?")
    context = new_context(viewport={"width": width, "height": 900})
    log_in_directly(context, site, site.personas.user("centre_staff"))
    page = context.new_page()
    main = page.get_by_role("main")

    # The organisation list, filtered by kind (on a narrow screen the filter panel is opened first).
    page.goto(site("/alfa/kontakter/organisationer/"))
    visit_checked(page)
    _fits(page, width)
    expect(main.get_by_role("link", name=ui("Save filter", "Gem filter"))).to_have_count(0)
    if width < 640:
        toggle = main.locator("details[data-filter-panel] > summary")
        toggle.focus()
        page.keyboard.press("Enter")
    main.get_by_label(ui("Kind", "Type")).select_option("foundation")
    expect(page).to_have_url(re.compile(r"[?&]type=foundation(&|$)"))
    expect(page.locator("#list-results tbody tr")).to_have_count(2)
    visit_checked(page, f"saved-filters-organisations-{width}")
    _fits(page, width)

    # Save it: a name is asked for (an empty one is refused, with the criteria still shown), then back to the list.
    _press(main.get_by_role("link", name=ui("Save filter", "Gem filter")))
    expect(page.get_by_role("heading", level=1)).to_have_text(ui("Save the filter", "Gem filteret"))
    expect(main).to_contain_text(re.compile(r"(Kind|Type): (Foundation|Fond)"))
    visit_checked(page, f"saved-filters-save-form-{width}")
    _fits(page, width)
    _press(main.get_by_role("button", name=ui("Save filter", "Gem filter")))
    expect(page.get_by_role("alert").first).to_be_visible()
    visit_checked(page, f"saved-filters-save-form-error-{width}")
    _fits(page, width)
    name = main.get_by_label(ui("Name of the filter", "Filterets navn"))
    name.focus()
    page.keyboard.type("Fonde")
    page.keyboard.press("Enter")
    page.wait_for_load_state("load")
    expect(page).to_have_url(re.compile(r"/alfa/kontakter/organisationer/\?(.*&)?type=foundation(&|$)"))
    expect(
        page.get_by_text(ui("The filter “Fonde” has been saved", "Filteret “Fonde” er gemt", exact=False))
    ).to_be_visible()
    expect(page.locator("#list-results tbody tr")).to_have_count(2)

    # The saved filters: its name, what it finds and how many organisations that is now.
    _press(main.get_by_role("link", name=ui("Saved filters", "Gemte filtre")))
    expect(page.get_by_role("heading", level=1)).to_have_text(ui("Saved filters", "Gemte filtre"))
    row = main.locator("tbody tr").filter(has_text="Fonde")
    expect(row).to_have_count(1)
    expect(row.locator("td").nth(1)).to_have_text("2")
    expect(row).to_contain_text(re.compile(r"(Kind|Type): (Foundation|Fond)"))
    visit_checked(page, f"saved-filters-list-{width}")
    _fits(page, width)

    # Opened, it shows the organisation list with the filter chosen.
    _press(row.get_by_role("link", name="Fonde", exact=True))
    expect(page).to_have_url(re.compile(r"/alfa/kontakter/organisationer/\?(.*&)?type=foundation(&|$)"))
    results = page.locator("#list-results tbody tr")
    expect(results).to_have_count(2)
    for foundation in FOUNDATIONS:
        expect(results.filter(has_text=foundation)).to_have_count(1)
    visit_checked(page)

    # Renamed from the saved filters page.
    page.goto(site("/alfa/kontakter/organisationer/filtre/"))
    _press(main.get_by_role("link", name=ui("Rename Fonde", "Omdøb Fonde")))
    expect(page.get_by_role("heading", level=1)).to_have_text(ui("Rename the filter “Fonde”", "Omdøb filteret “Fonde”"))
    visit_checked(page, f"saved-filters-rename-{width}")
    _fits(page, width)
    name = main.get_by_label(ui("Name of the filter", "Filterets navn"))
    expect(name).to_have_value("Fonde")
    name.fill("Fonde i Sorø")
    _press(main.get_by_role("button", name=ui("Save the name", "Gem navnet")))
    expect(page).to_have_url(site("/alfa/kontakter/organisationer/filtre/"))
    expect(
        page.get_by_text(ui("is now called “Fonde i Sorø”", "hedder nu “Fonde i Sorø”", exact=False))
    ).to_be_visible()
    expect(main.locator("tbody tr").filter(has_text="Fonde i Sorø")).to_have_count(1)

    # A survey's invitations go to the contact people of the organisations the filter finds.
    page.goto(site(f"/alfa/undersoegelser/{survey.pk}/inviter/"))
    # The list's own filter choices unfold only under their checkbox.
    kind = main.get_by_label(ui("Kind of organisation", "Type af organisation", exact=False))
    expect(kind).to_be_hidden()
    by_filter = main.get_by_label(
        ui(
            "The contact people of the organisations that match a filter",
            "Kontaktpersonerne i de organisationer, der passer til et filter",
        )
    )
    by_filter.focus()
    page.keyboard.press("Space")
    expect(kind).to_be_visible()
    visit_checked(page, f"saved-filters-invite-filter-open-{width}")
    _fits(page, width)
    by_filter.focus()
    page.keyboard.press("Space")
    expect(kind).to_be_hidden()
    chooser = main.get_by_label(ui("People from a saved filter", "Personer fra et gemt filter", exact=False))
    chooser.select_option(label="Fonde i Sorø")
    visit_checked(page, f"saved-filters-invite-form-{width}")
    _fits(page, width)
    _press(main.get_by_role("button", name=ui("See whom it will go to", "Se, hvem den sendes til")))
    expect(main.locator("#invitation-count")).to_have_text(
        ui("2 invitations will go out.", "2 invitationer vil blive sendt.")
    )
    whom = main.locator("details summary")
    whom.focus()
    page.keyboard.press("Enter")
    for number in range(len(FOUNDATIONS)):
        expect(main.get_by_text(f"fond{number}@example.org", exact=False)).to_be_visible()
    visit_checked(page, f"saved-filters-invite-summary-{width}")
    _fits(page, width)

    # Deleted through its confirmation page: the survey's invitations can no longer use it.
    page.goto(site("/alfa/kontakter/organisationer/filtre/"))
    _press(main.get_by_role("link", name=ui("Delete Fonde i Sorø", "Slet Fonde i Sorø")))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        ui("Delete the filter “Fonde i Sorø”", "Slet filteret “Fonde i Sorø”")
    )
    visit_checked(page, f"saved-filters-delete-{width}")
    _fits(page, width)
    _press(main.get_by_role("button", name=ui("Yes, delete the filter", "Ja, slet filteret")))
    expect(page).to_have_url(site("/alfa/kontakter/organisationer/filtre/"))
    expect(page.get_by_text(ui("has been deleted", "er slettet", exact=False))).to_be_visible()
    expect(main.locator("table")).to_have_count(0)
    visit_checked(page, f"saved-filters-list-empty-{width}")
    _fits(page, width)
    with scopes_disabled():
        assert not SavedFilter.objects.filter(tenant=tenant).exists()
