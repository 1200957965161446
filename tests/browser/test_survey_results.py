"""A survey's results as the centre's staff see them: the results page with its charts and tables, a filter, the
cross-tabulation and the report; axe-core clean and no sideways scrolling at 320 px. Screenshots in
test-results/screenshots/ (survey-results-*)."""

import pytest
from playwright.sync_api import expect

from frivillig.surveys.enums import QuestionKind
from frivillig.surveys.tests.helpers import choices_of, make_question, make_section, make_survey, respond
from frivillig.testing import make_organisation
from tests.browser.support import log_in_directly, ui, visit_checked

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", [1280, 320])
def test_staff_read_results_crosstab_and_report(site, new_context, width):
    tenant = site.personas.tenant
    survey = make_survey(
        tenant, title="Behovsanalyse om rekruttering af frivillige", summary="Foreningerne mangler unge."
    )
    section = make_section(survey)
    size = make_question(
        section,
        QuestionKind.SINGLE_CHOICE,
        text="Hvor mange frivillige har foreningen?",
        choices=["Under 10 frivillige i alt", "Mellem 10 og 50 frivillige i alt", "Over 50 frivillige i alt"],
    )
    needs = make_question(section, QuestionKind.YES_NO, text="Har I brug for hjælp til rekruttering?")
    happy = make_question(section, QuestionKind.SCALE, text="Hvor tilfredse er I med centret?", scale_points=5)
    said = make_question(section, QuestionKind.LONG_TEXT, text="Hvad kan centret gøre bedre?")
    options = choices_of(size)
    for number in range(6):
        club = make_organisation(tenant, name=f"Forening nummer {number}")
        respond(
            survey,
            {size: options[number % 3], needs: number % 2 == 0, happy: 1 + number % 5, said: "Flere kurser om aftenen"},
            organisation=club,
        )
    context = new_context(viewport={"width": width, "height": 900})
    log_in_directly(context, site, site.personas.user("centre_staff"))
    page = context.new_page()

    page.goto(site(f"/alfa/undersoegelser/{survey.pk}/"))
    page.get_by_role("link", name=ui("Results", "Resultater")).click()
    page.wait_for_load_state("load")
    expect(page.get_by_role("table", name="Hvor mange frivillige har foreningen?")).to_be_visible()
    expect(page.get_by_role("img", name=ui("Bar chart", "Søjlediagram", exact=False)).first).to_be_visible()
    visit_checked(page, f"survey-results-{width}")
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    page.get_by_label(ui("Only those who answered", "Kun dem, der svarede", exact=False)).select_option(
        label="Har I brug for hjælp til rekruttering?: Ja"
    )
    page.get_by_role("button", name=ui("Show the results", "Vis resultaterne")).click()
    page.wait_for_load_state("load")
    expect(page.get_by_role("status")).to_contain_text("3")

    page.get_by_role("link", name=ui("Cross-tabulate two questions", "Krydstabulér to spørgsmål")).click()
    page.wait_for_load_state("load")
    page.get_by_label(ui("Rows", "Rækker")).select_option(label="Hvor mange frivillige har foreningen?")
    page.get_by_label(ui("Columns", "Kolonner")).select_option(label="Har I brug for hjælp til rekruttering?")
    page.get_by_role("button", name=ui("Show the table", "Vis tabellen")).click()
    page.wait_for_load_state("load")
    expect(page.get_by_role("table")).to_be_visible()
    visit_checked(page, f"survey-results-crosstab-{width}")
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    page.goto(site(f"/alfa/undersoegelser/{survey.pk}/rapport/"))
    expect(page.get_by_text("Foreningerne mangler unge.")).to_be_visible()
    visit_checked(page, f"survey-results-report-{width}")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
