"""The whole cycle of a survey, as the people involved live it: the centre's staff build a three-question survey,
open it and invite two member associations; one contact person answers from the mail's link (saves, comes back,
sends); the staff see the result and download the report as a PDF. axe-core checks every page on the way.
Screenshots in test-results/screenshots/ (survey-journey-*)."""

from datetime import date

import pytest
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from frivillig.crm.enums import OrganisationRoleKind
from frivillig.crm.models import OrganisationRole
from frivillig.testing import make_organisation, make_person
from tests.browser.support import link_in, log_in_directly, ui, visit_checked, wait_for_mail

pytestmark = pytest.mark.browser


def _member_associations(tenant) -> None:
    for name, contact, email in [
        ("Sorø Besøgsvenner", "Grethe Mikkelsen", "grethe@example.org"),
        ("Sorø Lektiecafé", "Jonas Holm", "jonas@example.org"),
    ]:
        association = make_organisation(tenant, name=name, member_since=date(2015, 1, 1))
        person = make_person(tenant, full_name=contact, email=email)
        with scopes_disabled():
            OrganisationRole.objects.create(
                tenant=tenant, organisation=association, person=person, role=OrganisationRoleKind.CONTACT_PERSON
            )


def _add_question(page, kind: str, text: str, options: str = "") -> None:
    page.get_by_role("link", name=ui("Add a question", "Tilføj et spørgsmål", exact=False)).first.click()
    page.wait_for_load_state("load")
    page.get_by_label(kind, exact=True).check()
    page.get_by_role("button", name=ui("Continue", "Fortsæt")).click()
    page.wait_for_load_state("load")
    page.get_by_label(ui("Question", "Spørgsmål")).fill(text)
    if options:
        page.get_by_label(ui("Answer options", "Svarmuligheder")).fill(options)
    page.get_by_role("button", name=ui("Add the question", "Tilføj spørgsmålet")).click()
    page.wait_for_load_state("load")
    expect(page.get_by_text(text).first).to_be_visible()


def test_build_invite_answer_and_report(site, new_context):
    tenant = site.personas.tenant
    _member_associations(tenant)
    staff = new_context(viewport={"width": 1280, "height": 900})
    log_in_directly(staff, site, site.personas.user("centre_staff"))
    page = staff.new_page()

    # Build.
    page.goto(site("/alfa/undersoegelser/"))
    page.get_by_role("link", name=ui("Create a survey", "Opret en undersøgelse")).first.click()
    page.wait_for_load_state("load")
    page.get_by_label(ui("Title", "Titel")).fill("Evaluering af rekrutteringskurset")
    page.get_by_role("button", name=ui("Create the survey", "Opret undersøgelsen", exact=False)).click()
    page.wait_for_load_state("load")
    expect(page.get_by_role("heading", level=1)).to_have_text("Evaluering af rekrutteringskurset")
    page.get_by_role("link", name=ui("Add a section", "Tilføj et afsnit")).click()
    page.wait_for_load_state("load")
    page.get_by_label(ui("Title", "Titel")).fill("Kurset")
    page.get_by_role("button", name=ui("Add the section", "Tilføj afsnittet", exact=False)).click()
    page.wait_for_load_state("load")
    _add_question(page, "Ja eller nej", "Deltog foreningen i kurset?")
    _add_question(page, "Ét valg blandt flere", "Hvor mange frivillige har foreningen?", "Under 10\n10 eller flere")
    _add_question(page, "Lang tekst", "Hvad tager I med fra kurset?")
    visit_checked(page, "survey-journey-built-1280")

    # Open and invite the member associations.
    page.get_by_role("button", name=ui("Open the survey", "Åbn undersøgelsen")).click()
    page.wait_for_load_state("load")
    page.get_by_role("link", name=ui("Invite people", "Invitér til at svare")).click()
    page.wait_for_load_state("load")
    page.get_by_label(
        ui("The contact people of all member associations", "Kontaktpersonerne i alle medlemsforeninger")
    ).check()
    page.get_by_role("button", name=ui("See whom it will go to", "Se, hvem den sendes til")).click()
    page.wait_for_load_state("load")
    page.get_by_role("button", name=ui("Send 2 invitations", "Send 2 invitationer")).click()
    page.wait_for_load_state("load")
    expect(page.get_by_text(ui("2 invitations have been sent.", "2 invitationer er sendt."))).to_be_visible()

    # Grethe answers from her mail: she saves half-way, comes back later and sends.
    mail = wait_for_mail("grethe@example.org")
    link = link_in(mail, "/alfa/svar/")
    grethe = new_context(viewport={"width": 320, "height": 900}).new_page()
    grethe.goto(link)
    expect(grethe.get_by_role("heading", level=1)).to_have_text("Evaluering af rekrutteringskurset")
    visit_checked(grethe, "survey-journey-form-320")
    grethe.get_by_role("group", name="Deltog foreningen i kurset?").get_by_label("Ja").check()
    grethe.get_by_label("Under 10").check()
    grethe.get_by_role("button", name=ui("Save and continue later", "Gem og fortsæt senere")).click()
    grethe.wait_for_load_state("load")
    expect(grethe.get_by_text(ui("Your answers have been saved", "Dine svar er gemt", exact=False))).to_be_visible()

    later = new_context(viewport={"width": 320, "height": 900}).new_page()
    later.goto(link)
    expect(later.get_by_label("Under 10")).to_be_checked()
    later.get_by_label("Hvad tager I med fra kurset?").fill("En plan for at tage godt imod nye frivillige.")
    later.get_by_role("button", name=ui("Send your answers", "Send svar")).click()
    later.wait_for_load_state("load")
    expect(later.get_by_role("heading", level=1)).to_have_text(ui("Thank you for your answers", "Tak for dine svar"))
    visit_checked(later, "survey-journey-thanks-320")

    # The staff see the result and take the report.
    page.goto(site("/alfa/undersoegelser/"))
    page.get_by_role("link", name="Evaluering af rekrutteringskurset").click()
    page.wait_for_load_state("load")
    page.get_by_role("link", name=ui("Results", "Resultater")).first.click()
    page.wait_for_load_state("load")
    expect(page.get_by_role("table", name="Hvor mange frivillige har foreningen?")).to_be_visible()
    expect(page.get_by_text("En plan for at tage godt imod nye frivillige.")).to_be_visible()
    visit_checked(page, "survey-journey-results-1280")
    with page.expect_download() as download:
        page.get_by_role("link", name=ui("The report as PDF", "Rapporten som PDF")).first.click()
    pdf = download.value
    assert pdf.suggested_filename.endswith(".pdf")
    with open(pdf.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"
