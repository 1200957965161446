"""The centre finds the associations nobody represents, invites a contact person to represent one, and answers a
request to become a representative; every page is checked with axe-core, and at 320 px nothing scrolls the page
sideways."""

import re

import pytest
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from frivillig.crm.enums import OrganisationRoleKind
from frivillig.crm.models import OrganisationRole
from frivillig.crm.services.representatives import representative_request_create
from frivillig.testing import make_person
from tests.browser.support import log_in_directly, ui, visit_checked, wait_for_mail

pytestmark = pytest.mark.browser

NARROW = {"width": 320, "height": 640}


def scrolls_sideways(page) -> bool:
    return page.evaluate("() => document.documentElement.scrollWidth > document.documentElement.clientWidth")


def test_staff_invites_a_contact_and_answers_a_request(site, new_context):
    personas = site.personas
    organisation = personas.other_organisation  # "Alfa Lektiecafé": nobody represents it
    person = make_person(personas.tenant, full_name="Lise Lektie", email="lise@example.org")
    with scopes_disabled():
        OrganisationRole.objects.create(
            tenant=personas.tenant, organisation=organisation, person=person, role=OrganisationRoleKind.CHAIR
        )
        representative_request_create(
            organisation=organisation, full_name="Bo Beder", email="bo@example.org", message="Jeg er kasserer."
        )
    context = new_context()
    log_in_directly(context, site, personas.user("centre_staff"))
    page = context.new_page()

    page.goto(site(f"/alfa/kontakter/organisationer/{organisation.pk}/"))
    expect(page.get_by_text(ui("No representative.", "Ingen repræsentant.", exact=False))).to_be_visible()
    visit_checked(page, "representatives-01-organisation")
    page.get_by_role("link", name=re.compile("Invit")).filter(has_text="Lise Lektie").first.click()
    expect(page.locator("main dl")).to_contain_text("lise@example.org")
    visit_checked(page, "representatives-02-invite-confirm")
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(site(f"/alfa/kontakter/organisationer/{organisation.pk}/"))
    assert "Alfa Lektiecafé" in wait_for_mail("lise@example.org").body

    page.goto(site("/alfa/kontakter/foreninger-uden-repraesentant/"))
    expect(page.locator("main")).to_contain_text("Bo Beder")
    visit_checked(page, "representatives-03-unrepresented")
    page.get_by_role("link", name=re.compile("Bo Beder")).click()
    visit_checked(page, "representatives-04-decline")
    page.locator("#id_reason").fill("Foreningen kender ikke Bo.")
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(site("/alfa/kontakter/foreninger-uden-repraesentant/"))
    expect(page.locator("main")).not_to_contain_text("Jeg er kasserer.")


def test_the_representative_pages_fit_a_narrow_screen(site, new_context):
    personas = site.personas
    with scopes_disabled():
        representative_request_create(
            organisation=personas.other_organisation, full_name="Bo Beder", email="bo@example.org"
        )
    context = new_context(viewport=NARROW)
    log_in_directly(context, site, personas.user("centre_staff"))
    page = context.new_page()
    for path in (
        "/alfa/kontakter/foreninger-uden-repraesentant/",
        f"/alfa/kontakter/organisationer/{personas.other_organisation.pk}/",
    ):
        page.goto(site(path))
        visit_checked(page)
        assert not scrolls_sideways(page), path
