"""Following an application up decently, walked in the browser: the representative writes a note, declines with a
reason and a kind message, and undoes it; the pages pass axe-core and work at 320 px. The volunteer's own list shows
the outcome and none of the association's notes."""

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from frivillig.testing import make_opportunity
from frivillig.volunteering.enums import ApplicationStatus
from frivillig.volunteering.models import Application
from tests.browser.support import log_in_directly, screenshot, ui, visit_checked, wait_for_mail

pytestmark = pytest.mark.browser

NOTE = "Har talt med hende i telefonen"


@pytest.mark.parametrize("width", [1280, 320])
def test_representative_notes_declines_and_undoes(site, new_context, width):
    personas = site.personas
    citizen = personas.user("citizen")
    opportunity = make_opportunity(personas.organisation, title="Besøgsven om tirsdagen")
    with scopes_disabled():
        application = Application.objects.create(
            tenant=personas.tenant,
            opportunity=opportunity,
            user=citizen,
            full_name=citizen.full_name,
            email=citizen.email,
            email_confirmed_at=timezone.now(),
        )
    context = new_context(viewport={"width": width, "height": 900})
    log_in_directly(context, site, personas.user("association_rep"))
    page = context.new_page()
    detail = site(f"/alfa/frivilligjob/administration/ansoegninger/{application.pk}/")

    page.goto(detail)
    visit_checked(page, f"follow-up-detail-{width}")
    page.get_by_label(ui("New note", "Ny note", exact=False)).fill(NOTE)
    page.get_by_role("button", name=ui("Save the note", "Gem noten")).click()
    expect(page.get_by_text(NOTE)).to_be_visible()

    # Declining is reached by keyboard from the detail page.
    page.get_by_role("link", name=ui("Decline the application", "Afvis tilmeldingen")).focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/afvis/")
    visit_checked(page, f"follow-up-decline-{width}")
    message = page.get_by_label(ui("Message to the volunteer", "Besked til den frivillige", exact=False))
    expect(message).to_have_value(ui("Unfortunately", "Desværre", exact=False))
    page.get_by_label(ui("The places have been filled", "Pladserne er besat")).check()
    message.fill("Kære Cecilie, holdet er fuldt lige nu. Tak for din interesse!")
    page.get_by_role("button", name=ui("Decline and send the message", "Afvis, og send beskeden")).click()
    page.wait_for_url(detail)
    visit_checked(page, f"follow-up-declined-{width}")
    assert "holdet er fuldt lige nu" in wait_for_mail(citizen.email).body

    page.get_by_label(ui("Why is the change undone?", "Hvorfor fortryder I ændringen?", exact=False)).fill("Fejl")
    page.get_by_role("button", name=ui("Undo the change", "Fortryd ændringen")).click()
    expect(
        page.get_by_text(ui("The last change has been undone", "Den seneste ændring er fortrudt", exact=False))
    ).to_be_visible()
    with scopes_disabled():
        application.refresh_from_db()
    assert application.status == ApplicationStatus.NEW
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    # The volunteer sees the status, never the note.
    volunteer_context = new_context(viewport={"width": width, "height": 900})
    log_in_directly(volunteer_context, site, citizen)
    volunteer = volunteer_context.new_page()
    volunteer.goto(site("/min-side/ansoegninger/"))
    visit_checked(volunteer)
    expect(volunteer.get_by_role("link", name="Besøgsven om tirsdagen", exact=True)).to_be_visible()
    expect(volunteer.get_by_text(NOTE)).to_have_count(0)
    screenshot(volunteer, f"follow-up-volunteer-{width}")
