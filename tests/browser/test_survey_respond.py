"""Answering a survey from the mail's link, as the respondent does: the errors summarised and linked to the fields,
save and come back in another browser, send; with the keyboard for the answers, axe-core clean on every page and
no sideways scrolling at 320 px. Screenshots in test-results/screenshots/ (survey-respond-*)."""

import pytest
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from frivillig.surveys.enums import QuestionKind, SurveyStatus
from frivillig.surveys.models import Response
from frivillig.surveys.tests.helpers import make_invitation, make_question, make_section, make_survey
from tests.browser.support import ui, visit_checked

pytestmark = pytest.mark.browser


def _survey(tenant):
    survey = make_survey(
        tenant,
        title="Behovsanalyse 2017",
        introduction="Hjælp os med at hjælpe foreningerne.",
        thank_you_text="Tak for hjælpen – vi vender tilbage i februar.",
        status=SurveyStatus.OPEN,
    )
    about = make_section(survey, title="Om foreningen")
    make_question(about, QuestionKind.SINGLE_CHOICE, text="Hvor stor er foreningen?", choices=["Lille", "Stor"])
    make_question(
        about,
        QuestionKind.NUMBER,
        text="Hvor mange frivillige har I?",
        number_min=0,
        number_max=500,
        number_unit="frivillige",
        required=True,
    )
    needs = make_section(survey, title="Rekruttering")
    make_question(needs, QuestionKind.LONG_TEXT, text="Hvad har I brug for?", required=True)
    return survey


@pytest.mark.parametrize("width", [1280, 320])
def test_a_respondent_answers_saves_comes_back_and_sends(site, new_context, width):
    survey = _survey(site.personas.tenant)
    invitation = make_invitation(survey, email="formand@example.org")
    link = site(f"/alfa/svar/{invitation.token}/")
    context = new_context(viewport={"width": width, "height": 900})
    page = context.new_page()

    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Behovsanalyse 2017")
    expect(page.get_by_text(ui("Step 1 of 2", "Trin 1 af 2"))).to_be_visible()
    visit_checked(page, f"survey-respond-{width}")
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    # Next without the required answer: the summary at the top links to the field.
    page.get_by_role("main").get_by_role("button", name=ui("Next", "Næste")).click()
    page.wait_for_load_state("load")
    summary = page.get_by_role("alert").first
    expect(summary).to_be_visible()
    visit_checked(page, f"survey-respond-errors-{width}")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    summary.get_by_role("link").first.press("Enter")
    assert page.evaluate("location.hash").startswith("#id_q")

    # The answers with the keyboard.
    page.get_by_label("Lille").focus()
    page.keyboard.press("Space")
    page.get_by_label("Hvor mange frivillige har I?").focus()
    page.keyboard.type("12")
    page.keyboard.press("Enter")
    page.wait_for_load_state("load")
    expect(page.get_by_text(ui("Step 2 of 2", "Trin 2 af 2"))).to_be_visible()
    page.get_by_label("Hvad har I brug for?").fill("Hjælp til at finde unge frivillige.")
    page.get_by_role("button", name=ui("Save and continue later", "Gem og fortsæt senere")).click()
    page.wait_for_load_state("load")
    expect(page.get_by_text(ui("Your answers have been saved", "Dine svar er gemt"))).to_be_visible()
    visit_checked(page, f"survey-respond-saved-{width}")

    # Another day, another browser: the same link brings the answers back, on the page not yet completed.
    later = new_context(viewport={"width": width, "height": 900}).new_page()
    later.goto(link)
    expect(later.get_by_text(ui("Step 2 of 2", "Trin 2 af 2"))).to_be_visible()
    expect(later.get_by_label("Hvad har I brug for?")).to_have_value("Hjælp til at finde unge frivillige.")
    later.get_by_role("button", name=ui("Send your answers", "Send svar")).click()
    later.wait_for_load_state("load")
    expect(later.get_by_text("Tak for hjælpen – vi vender tilbage i februar.")).to_be_visible()
    visit_checked(later, f"survey-respond-thanks-{width}")
    assert later.evaluate("document.documentElement.scrollWidth") <= width
    with scopes_disabled():
        assert Response.objects.filter(survey=survey).count() == 1


def test_an_unknown_link_answers_a_clear_page(site, new_context, console_watch):
    console_watch.allow("404")
    page = new_context(viewport={"width": 320, "height": 900}).new_page()
    page.goto(site("/alfa/svar/et-link-der-ikke-findes/"))
    expect(page.get_by_role("heading", level=1)).to_have_text(ui("The link does not work", "Linket virker ikke"))
    visit_checked(page, "survey-respond-unknown-320")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
