"""The survey builder and its preview, as the centre's staff see them: axe-core clean and no sideways scrolling at
320 px. Screenshots in test-results/screenshots/ (survey-builder-*, survey-preview-*)."""

import pytest
from playwright.sync_api import expect

from frivillig.surveys.enums import QuestionKind
from frivillig.surveys.tests.helpers import make_question, make_section, make_survey
from tests.browser.support import log_in_directly, ui, visit_checked

pytestmark = pytest.mark.browser


def _survey(tenant):
    survey = make_survey(tenant, title="Behovsanalyse 2017", introduction="Hjælp os med at blive klogere.")
    about = make_section(survey, title="Om foreningen")
    make_question(about, QuestionKind.ORGANISATION, text="Hvilken forening svarer du for?", required=True)
    make_question(about, QuestionKind.SINGLE_CHOICE, text="Hvor stor er foreningen?", choices=["Under 10", "Over 10"])
    make_question(
        about,
        QuestionKind.NUMBER,
        text="Hvor mange frivillige har I?",
        number_min=0,
        number_max=500,
        number_unit="frivillige",
    )
    needs = make_section(survey, title="Rekruttering")
    make_question(
        needs,
        QuestionKind.SCALE,
        text="Hvor godt rustet er I til at rekruttere frivillige?",
        scale_points=5,
        scale_low_label="Slet ikke",
        scale_high_label="I meget høj grad",
        allow_dont_know=True,
    )
    make_question(
        needs,
        QuestionKind.MULTIPLE_CHOICE,
        text="Hvad har I brug for?",
        choices=["Kursus", "Sparring"],
        allow_other=True,
    )
    return survey


@pytest.mark.parametrize("width", [1280, 320])
def test_staff_see_the_builder_and_the_preview(site, new_context, width):
    survey = _survey(site.personas.tenant)
    context = new_context(viewport={"width": width, "height": 900})
    log_in_directly(context, site, site.personas.user("centre_staff"))
    page = context.new_page()

    page.goto(site(f"/alfa/undersoegelser/{survey.pk}/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Behovsanalyse 2017")
    visit_checked(page, f"survey-builder-{width}")
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    page.goto(site(f"/alfa/undersoegelser/{survey.pk}/forhaandsvisning/"))
    visit_checked(page, f"survey-preview-{width}")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    # Next without the required answer: the summary at the top and the message at the field.
    page.get_by_role("main").get_by_role("button", name=ui("Next", "Næste")).click()
    page.wait_for_load_state("load")
    expect(page.get_by_role("alert").first).to_be_visible()
    visit_checked(page, f"survey-preview-errors-{width}")
    # The answer, and on to the second page: the scale reads as a row, the number shows its unit beside it.
    page.get_by_label("Hvilken forening svarer du for?").select_option(index=1)
    page.get_by_label("Hvor mange frivillige har I?").fill("12")
    page.get_by_role("main").get_by_role("button", name=ui("Next", "Næste")).click()
    page.wait_for_load_state("load")
    expect(page.get_by_text(ui("Step 2 of 2", "Trin 2 af 2"))).to_be_visible()
    visit_checked(page, f"survey-preview-step-2-{width}")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
