"""The staff's preview of a survey (marked as a preview, its saving for later inert, through to its thank-you page)
and the page a respondent meets when the survey has closed; axe-core clean and no sideways scrolling at 320 px.
Screenshots in test-results/screenshots/ (survey-preview-walk-*, survey-closed-*)."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from frivillig.surveys.enums import QuestionKind, SurveyStatus
from frivillig.surveys.tests.helpers import make_invitation, make_question, make_section, make_survey
from tests.browser.support import log_in_directly, ui, visit_checked

pytestmark = pytest.mark.browser


def _fits(page: Page, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width, f"{page.url} scrolls sideways at {width} px"


@pytest.mark.parametrize("width", [1280, 320])
def test_staff_walk_through_the_preview_to_its_thank_you_page(site, new_context, width):
    survey = make_survey(
        site.personas.tenant,
        title="Foreningernes behov for frivillige i 2026",
        introduction="Hjælp os med at hjælpe foreningerne.",
    )
    make_question(make_section(survey, title="Om foreningen"), QuestionKind.YES_NO, text="Har I frivillige?")
    make_question(make_section(survey, title="Rekruttering"), QuestionKind.LONG_TEXT, text="Hvad har I brug for?")
    context = new_context(viewport={"width": width, "height": 900})
    log_in_directly(context, site, site.personas.user("centre_staff"))
    page = context.new_page()
    main = page.get_by_role("main")

    page.goto(site(f"/alfa/undersoegelser/{survey.pk}/forhaandsvisning/"))
    expect(main.get_by_text(ui("This is a preview", "Dette er en forhåndsvisning"))).to_be_visible()
    expect(main.get_by_role("button", name=ui("Save and continue later", "Gem og fortsæt senere"))).to_be_disabled()
    visit_checked(page, f"survey-preview-walk-1-{width}")
    _fits(page, width)

    main.get_by_label(ui("Yes", "Ja")).check()
    main.get_by_role("button", name=ui("Next", "Næste")).click()
    page.wait_for_load_state("load")
    expect(main.get_by_role("button", name=ui("Previous", "Forrige"))).to_be_visible()
    visit_checked(page, f"survey-preview-walk-2-{width}")
    _fits(page, width)

    main.get_by_role("button", name=ui("Send your answers", "Send svar")).click()
    page.wait_for_load_state("load")
    expect(page.get_by_role("heading", level=1)).to_have_text(ui("Thank you for your answers", "Tak for dine svar"))
    expect(main.get_by_text(ui("This is a preview", "Dette er en forhåndsvisning"))).to_be_visible()
    visit_checked(page, f"survey-preview-walk-thanks-{width}")
    _fits(page, width)


@pytest.mark.parametrize("width", [1280, 320])
def test_a_respondent_meets_a_closed_survey(site, new_context, console_watch, width):
    console_watch.allow("410")  # the closed survey's page answers 410 Gone, which the browser logs
    survey = make_survey(
        site.personas.tenant,
        title="Foreningernes behov for frivillige i 2026",
        status=SurveyStatus.CLOSED,
        closes_at=timezone.now() - timedelta(days=3),
    )
    make_question(make_section(survey), QuestionKind.YES_NO, text="Har I frivillige?")
    invitation = make_invitation(survey, email="formand@example.org")
    page = new_context(viewport={"width": width, "height": 900}).new_page()

    page.goto(site(f"/alfa/svar/{invitation.token}/"))
    expect(page.get_by_role("heading", level=1)).to_have_text(ui("The survey has closed", "Undersøgelsen er lukket"))
    visit_checked(page, f"survey-closed-{width}")
    _fits(page, width)
