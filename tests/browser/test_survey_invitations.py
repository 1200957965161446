"""Asking people, as the centre's staff see it: the survey's status and open link, the invitation form and its
summary, and the invitation list; axe-core clean and no sideways scrolling at 320 px. Screenshots in
test-results/screenshots/ (survey-invite-*)."""

import re
from datetime import date

import pytest
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from frivillig.crm.enums import OrganisationRoleKind
from frivillig.crm.models import OrganisationRole
from frivillig.surveys.enums import QuestionKind
from frivillig.surveys.tests.helpers import make_question, make_section, make_survey
from frivillig.testing import make_organisation, make_person
from tests.browser.support import log_in_directly, ui, visit_checked

pytestmark = pytest.mark.browser


def _associations(tenant):
    for number, name in enumerate(["Sorø Besøgsvenner", "Sorø Lektiecafé"]):
        association = make_organisation(tenant, name=name, member_since=date(2015, 1, 1))
        person = make_person(tenant, full_name=f"Kontakt {number}", email=f"kontakt{number}@example.org")
        with scopes_disabled():
            OrganisationRole.objects.create(
                tenant=tenant, organisation=association, person=person, role=OrganisationRoleKind.CONTACT_PERSON
            )


@pytest.mark.parametrize("width", [1280, 320])
def test_staff_open_a_survey_invite_and_see_the_list(site, new_context, width):
    tenant = site.personas.tenant
    _associations(tenant)
    survey = make_survey(tenant, title="Samarbejdet med kommunen", is_anonymous=True)
    make_question(make_section(survey), QuestionKind.YES_NO, text="Kender I kommunens frivilligpolitik?")
    context = new_context(viewport={"width": width, "height": 900})
    log_in_directly(context, site, site.personas.user("centre_staff"))
    page = context.new_page()

    page.goto(site(f"/alfa/undersoegelser/{survey.pk}/"))
    page.get_by_role("button", name=ui("Open the survey", "Åbn undersøgelsen")).click()
    page.wait_for_load_state("load")
    page.get_by_role("button", name=ui("Create an open link", "Opret et åbent link")).click()
    page.wait_for_load_state("load")
    expect(page.get_by_label(ui("The open link", "Det åbne link"))).to_have_value(re.compile(r"/alfa/svar/aaben/"))
    visit_checked(page, f"survey-invite-detail-{width}")
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    page.get_by_role("link", name=ui("Invite people", "Invitér til at svare")).click()
    page.wait_for_load_state("load")
    visit_checked(page, f"survey-invite-form-{width}")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.get_by_label(
        ui("The contact people of all member associations", "Kontaktpersonerne i alle medlemsforeninger")
    ).check()
    page.get_by_label(ui("E-mail addresses", "E-mailadresser", exact=False)).fill(
        "kontakt0@example.org\nikke en adresse"
    )
    page.get_by_role("button", name=ui("See whom it will go to", "Se, hvem den sendes til")).click()
    page.wait_for_load_state("load")
    expect(page.get_by_role("alert").first).to_be_visible()
    page.get_by_label(ui("E-mail addresses", "E-mailadresser", exact=False)).fill(
        "kontakt0@example.org\nny@example.org"
    )
    page.get_by_role("button", name=ui("See whom it will go to", "Se, hvem den sendes til")).click()
    page.wait_for_load_state("load")
    visit_checked(page, f"survey-invite-summary-{width}")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.get_by_role("button", name=ui("Send 3 invitations", "Send 3 invitationer")).click()
    page.wait_for_load_state("load")
    expect(page.get_by_text(ui("3 invitations have been sent.", "3 invitationer er sendt."))).to_be_visible()
    visit_checked(page, f"survey-invite-list-{width}")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
