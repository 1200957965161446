"""No volunteer is lost, walked in the browser: the contact of an association nobody represents with a login opens
their link from the mail, answers the application by keyboard and asks to become the representative; an expired
link offers a new one; the centre's list of unanswered applications sends the link again. Every page passes axe-core
and fits 320 px."""

import re
import time
from datetime import timedelta
from unittest import mock

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from frivillig.testing import make_opportunity, make_person
from frivillig.volunteering.enums import ApplicationStatus
from frivillig.volunteering.models import Application
from frivillig.volunteering.services.contact_link import contact_token
from tests.browser.support import link_in, log_in_directly, ui, visit_checked, wait_for_mail

pytestmark = pytest.mark.browser

CONTACT = "lise@lektiecafe.example.org"


def unanswered(site, *, days_ago: int = 0) -> Application:
    personas = site.personas
    contact = make_person(personas.tenant, full_name="Lise Lektie", email=CONTACT, phone="+45 22 33 44 55")
    opportunity = make_opportunity(
        personas.other_organisation, title="Lektiehjælper om onsdagen", contact_person=contact
    )
    with scopes_disabled():
        return Application.objects.create(
            tenant=personas.tenant,
            opportunity=opportunity,
            full_name="Gitte Gæst",
            email="gitte@example.org",
            phone="+45 12 34 56 78",
            message="Jeg har tid om onsdagen efter kl. 15.",
            email_confirmed_at=timezone.now() - timedelta(days=days_ago),
        )


def fits(page, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("width", [1280, 320])
def test_the_contact_answers_from_the_mail_without_logging_in(site, new_context, width):
    personas = site.personas
    contact = make_person(personas.tenant, full_name="Lise Lektie", email=CONTACT)
    opportunity = make_opportunity(personas.other_organisation, title="Lektiehjælper", contact_person=contact)
    volunteer = new_context(viewport={"width": width, "height": 900})
    log_in_directly(volunteer, site, personas.user("citizen"))
    signing_up = volunteer.new_page()
    signing_up.goto(site(f"/alfa/frivilligjob/{opportunity.pk}/tilmeld/"))
    signing_up.get_by_role("main").get_by_role("button", name=ui("Sign up", "Meld dig", exact=False)).click()
    signing_up.wait_for_load_state("load")

    mail = wait_for_mail(CONTACT)
    assert "citizen@example.org" in mail.body
    context = new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(link_in(mail, "/frivilligjob/svar/"))
    visit_checked(page, f"contact-link-{width}")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Cecilie Borger")
    expect(page.get_by_role("link", name="citizen@example.org")).to_be_visible()
    fits(page, width)

    page.get_by_label(ui("Contacted", "Kontaktet")).check()
    page.get_by_role("button", name=ui("Save the status", "Gem status")).focus()
    page.keyboard.press("Enter")
    page.wait_for_load_state("load")
    expect(page.get_by_text(ui("is now", "har nu status", exact=False)).first).to_be_visible()
    visit_checked(page)
    with scopes_disabled():
        assert Application.objects.get(opportunity=opportunity).status == ApplicationStatus.CONTACTED

    page.get_by_role(
        "link", name=ui("Ask to become the association's representative", "Bed om at blive foreningens repræsentant")
    ).click()
    page.wait_for_url("**/repraesentant/")
    visit_checked(page, f"contact-representative-{width}")
    expect(page.get_by_label(ui("Your name", "Dit navn"))).to_have_value("Lise Lektie")
    page.get_by_label(ui("Your phone number", "Dit telefonnummer", exact=False)).fill("22 33 44 55")
    page.get_by_role("button", name=ui("Send the request", "Send anmodningen")).click()
    expect(page.get_by_text(ui("Your request has been sent", "Din anmodning er sendt"))).to_be_visible()
    visit_checked(page)
    fits(page, width)


@pytest.mark.parametrize("width", [1280, 320])
def test_an_expired_link_offers_a_new_one(site, new_context, console_watch, width):
    application = unanswered(site)
    with mock.patch("time.time", return_value=time.time() - 31 * 86400):
        token = contact_token(application, CONTACT)
    # The expired page answers 410 Gone, which the browser logs as a failed load.
    console_watch.allow("status of 410")
    context = new_context(viewport={"width": width, "height": 900})
    page = context.new_page()

    page.goto(site(f"/alfa/frivilligjob/svar/{token}/"))
    visit_checked(page, f"contact-link-expired-{width}")
    expect(page.get_by_text("Gitte Gæst")).to_have_count(0)
    page.get_by_role("button", name=ui("Send me a new link", "Send mig et nyt link")).click()
    expect(page.get_by_text(ui("We have sent a new link", "Vi har sendt et nyt link"))).to_be_visible()
    visit_checked(page)
    fits(page, width)

    page.goto(link_in(wait_for_mail(CONTACT), "/frivilligjob/svar/"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Gitte Gæst")


def test_a_tampered_link_offers_a_way_on(site, new_context, console_watch):
    console_watch.allow("status of 404")
    page = new_context(viewport={"width": 320, "height": 900}).new_page()

    page.goto(site("/alfa/frivilligjob/svar/not-a-link/"))

    visit_checked(page, "contact-link-invalid-320")
    expect(page.get_by_role("heading", level=1)).to_have_text(ui("The link does not work", "Linket virker ikke"))
    page.get_by_role("main").get_by_role(
        "link", name=ui("Go to the front page of", "Gå til forsiden for", exact=False)
    ).click()
    page.wait_for_url(site("/alfa/"))


@pytest.mark.parametrize("width", [1280, 320])
def test_the_centre_sends_the_link_again(site, new_context, width):
    unanswered(site, days_ago=9)
    context = new_context(viewport={"width": width, "height": 900})
    log_in_directly(context, site, site.personas.user("centre_staff"))
    page = context.new_page()

    page.goto(site("/alfa/frivilligjob/administration/uden-svar/"))
    visit_checked(page, f"contact-unanswered-{width}")
    expect(page.get_by_role("heading", name="Alfa Lektiecafé")).to_be_visible()
    fits(page, width)
    # The row's name is read out after the button's words, so each button says whose link it sends.
    resend = page.get_by_role("button", name=ui("Send the link again", "Send linket igen", exact=False))
    expect(resend).to_have_accessible_name(re.compile("Gitte Gæst"))
    resend.click()

    expect(page.get_by_text(CONTACT, exact=False).first).to_be_visible()
    visit_checked(page)
    assert "Gitte Gæst" in wait_for_mail(CONTACT).body
