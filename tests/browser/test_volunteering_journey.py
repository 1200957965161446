"""The volunteering journey, walked as people would.

A citizen searches the board, filters, opens an opportunity and signs up as a guest; she confirms her e-mail
from the test outbox. The association's representative finds the application, moves it to "started", and the
public overview of where volunteers are lacking shows one open place fewer. Every page is checked with axe-core.
"""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from frivillig.crm.enums import Vocabulary
from frivillig.crm.models import Tag
from frivillig.testing import make_opportunity
from frivillig.volunteering.enums import ApplicationStatus
from frivillig.volunteering.models import Application
from tests.browser.support import link_in, submit_login_form, ui, visit_checked, wait_for_mail

pytestmark = pytest.mark.browser

GUEST = "Gunnar Gæst"
GUEST_EMAIL = "gunnar@example.org"


def open_places(page) -> int:
    wanted = ui("Volunteers still wanted", "Frivillige, der stadig søges", exact=False)
    figure = page.locator(".key-figure").filter(has_text=wanted)
    return int(figure.locator("dd").inner_text().strip())


def test_citizen_signs_up_as_guest_and_the_representative_starts_them(site, new_context):
    personas = site.personas
    with scopes_disabled():
        elderly = Tag.objects.get(tenant=personas.tenant, vocabulary=Vocabulary.TARGET_GROUP, slug="aeldre")
    wanted = make_opportunity(
        personas.organisation,
        title="Besøgsven hos en ældre",
        summary="Vi søger frivillige, der vil besøge en ældre borger.",
        volunteers_needed=2,
        expires_on=timezone.localdate() + timedelta(days=30),
        published_at=timezone.now() - timedelta(days=2),
    )
    with scopes_disabled():
        wanted.target_groups.add(elderly)
    from frivillig.volunteering.search import refresh_search_fields

    with scopes_disabled():
        refresh_search_fields(wanted)
    make_opportunity(personas.other_organisation, title="Kasserer", summary="Regnskab for lektiecaféen.")

    # Before: the public overview counts two open places for the association's opportunity.
    visitor = new_context().new_page()
    visitor.goto(site("/alfa/mangler-frivillige/"))
    visit_checked(visitor, "vol-01-needs-before")
    before = open_places(visitor)

    # The citizen searches, filters and opens the opportunity.
    visitor.goto(site("/alfa/frivilligjob/"))
    visit_checked(visitor, "vol-02-board")
    visitor.locator("#id_soeg").fill("frivillig")
    visitor.locator("#id_maalgruppe").select_option("aeldre")
    visitor.locator("main form button[type=submit]").first.click()
    expect(visitor).to_have_url(re.compile(r"soeg=frivillig"))
    expect(visitor.get_by_role("link", name="Besøgsven hos en ældre")).to_be_visible()
    expect(visitor.get_by_role("link", name="Kasserer")).to_have_count(0)
    visit_checked(visitor, "vol-03-board-filtered")
    visitor.get_by_role("link", name="Besøgsven hos en ældre").click()
    expect(visitor).to_have_url(site(f"/alfa/frivilligjob/{wanted.pk}/"))
    visit_checked(visitor, "vol-04-detail")

    # She signs up as a guest.
    visitor.get_by_role("link", name=ui("I would like to help", "Jeg vil gerne hjælpe", exact=False)).first.click()
    expect(visitor).to_have_url(site(f"/alfa/frivilligjob/{wanted.pk}/tilmeld/"))
    visit_checked(visitor, "vol-05-apply")
    visitor.locator("#id_full_name").fill(GUEST)
    visitor.locator("#id_email").fill(GUEST_EMAIL)
    visitor.locator("#id_message").fill("Jeg har tid om formiddagen.")
    visitor.locator("main form button[type=submit]").click()
    visit_checked(visitor, "vol-06-check-your-mail")
    with scopes_disabled():
        application = Application.objects.get(email=GUEST_EMAIL)
        assert application.email_confirmed_at is None

    # The representative cannot see it before it is confirmed.
    representative = new_context().new_page()
    representative.goto(site("/konto/log-ind/"))
    submit_login_form(representative, "rep@alfa.example.org")
    representative.goto(site(f"/alfa/frivilligjob/administration/{wanted.pk}/ansoegninger/"))
    expect(representative.get_by_text(GUEST)).to_have_count(0)

    # She confirms from the mail.
    visitor.goto(link_in(wait_for_mail(GUEST_EMAIL), "/frivilligjob/bekraeft/"))
    visit_checked(visitor, "vol-07-confirmed")
    with scopes_disabled():
        application.refresh_from_db()
        assert application.email_confirmed_at is not None

    # Now the representative sees it and moves it to "started" through contacted.
    representative.reload()
    visit_checked(representative, "vol-08-pipeline")
    representative.get_by_role("link", name=GUEST).click()
    expect(representative).to_have_url(site(f"/alfa/frivilligjob/administration/ansoegninger/{application.pk}/"))
    visit_checked(representative, "vol-09-application")
    representative.locator(f"input[name=status][value={ApplicationStatus.CONTACTED}]").check()
    representative.get_by_role("button", name=ui("Save the status", "Gem status", exact=False)).click()
    representative.locator(f"input[name=status][value={ApplicationStatus.STARTED}]").check()
    representative.get_by_role("button", name=ui("Save the status", "Gem status", exact=False)).click()
    visit_checked(representative, "vol-10-started")
    with scopes_disabled():
        application.refresh_from_db()
        assert application.status == ApplicationStatus.STARTED
        assert list(application.events.values_list("to_status", flat=True)) == [
            ApplicationStatus.NEW,
            ApplicationStatus.CONTACTED,
            ApplicationStatus.STARTED,
        ]

    # The overview counts one open place fewer.
    visitor.goto(site("/alfa/mangler-frivillige/"))
    visit_checked(visitor, "vol-11-needs-after")
    assert open_places(visitor) == before - 1
