"""The main journeys, walked as a person would: a citizen signs up, an administrator manages the centre's people.

Every page reached is checked with axe-core (serious and critical WCAG 2.1 A/AA violations fail) and saved
as a full-page screenshot in test-results/screenshots/.
"""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from frivillig.testing import PASSWORD
from tests.browser.support import link_in, submit_login_form, ui, visit_checked, wait_for_mail

pytestmark = pytest.mark.browser

LOG_IN = ui("Log in", "Log ind")


def test_citizen_signs_up_verifies_logs_in_and_switches_language(site, new_context):
    email = "ny.frivillig@example.org"
    # An English-speaking browser: the interface is Danish by default all the same (English is a choice).
    page = new_context(locale="en-US").new_page()

    page.goto(site("/"))
    expect(page.locator("html")).to_have_attribute("lang", "da")
    visit_checked(page, "journey-01-front-page")

    page.get_by_role("link", name="Frivilligcenter Alfa").click()
    expect(page).to_have_url(site("/alfa/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Frivilligcenter Alfa")
    visit_checked(page, "journey-02-tenant-home")

    page.get_by_role("banner").get_by_role("link", name=ui("Create an account", "Opret en konto")).click()
    expect(page).to_have_url(site("/konto/opret/"))
    visit_checked(page, "journey-03-signup-form")

    page.get_by_label(ui("Full name", "Fulde navn")).fill("Frida Frivillig")
    page.get_by_label(ui("E-mail", "E-mail")).fill(email)
    page.get_by_label(ui("Password", "Adgangskode")).fill(PASSWORD)
    page.get_by_label(ui("Repeat the password", "Gentag adgangskoden")).fill(PASSWORD)
    page.get_by_role("button", name=ui("Create the account", "Opret kontoen")).click()
    expect(page).to_have_url(site("/konto/opret/tjek-din-email/"))
    expect(page.get_by_role("main")).to_contain_text(email)
    visit_checked(page, "journey-04-signup-done")

    message = wait_for_mail(email)
    verify_link = link_in(message, "/konto/bekraeft/")
    assert verify_link.startswith(site.url), "the link must point to the site the person signed up on"
    page.goto(verify_link)
    expect(page.get_by_role("status")).to_contain_text(email)
    visit_checked(page, "journey-05-email-confirmed")

    page.get_by_role("main").get_by_role("link", name=LOG_IN).click()
    expect(page).to_have_url(re.compile(re.escape(site("/konto/log-ind/"))))
    visit_checked(page, "journey-06-login")

    submit_login_form(page, email)
    # The login leads to the person's own home (with no role in a tenant: My volunteer life); the name in the header
    # leads to the profile.
    expect(page).to_have_url(site("/min-side/frivilligliv/"))
    page.get_by_role("banner").get_by_role("link", name="Frida Frivillig").click()
    expect(page).to_have_url(site("/konto/profil/"))
    expect(page.get_by_role("main")).to_contain_text(email)
    expect(page.get_by_role("banner")).to_contain_text("Frida Frivillig")
    visit_checked(page, "journey-07-profile")

    page.get_by_role("banner").get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page).to_have_url(site("/konto/profil/"))
    expect(page.get_by_role("banner").get_by_role("button", name="Dansk")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("My profile")
    visit_checked(page, "journey-08-profile-english")

    page.get_by_role("banner").get_by_role("button", name="Dansk").click()
    expect(page.locator("html")).to_have_attribute("lang", "da")
    expect(page.get_by_role("banner").get_by_role("button", name="English")).to_be_visible()
    visit_checked(page, "journey-09-profile-danish")


def test_tenant_admin_invites_a_person_then_removes_the_role(site, new_context):
    newcomer_email = "ny.medarbejder@example.org"
    newcomer_name = "Nanna Nymand"
    staff_role = ui("Volunteer centre staff", "Frivilligcentermedarbejder")
    admin = new_context().new_page()

    admin.goto(site("/konto/log-ind/"))
    visit_checked(admin, "admin-01-login")
    submit_login_form(admin, "tenant_admin@alfa.example.org")
    admin.goto(site("/alfa/"))
    visit_checked(admin, "admin-02-tenant-home-as-admin")

    # The administration's work area opens at its first page, the members.
    admin.get_by_role("navigation", name=ui("Main menu", "Hovedmenu")).get_by_role(
        "link", name=ui("Administration", "Administration")
    ).click()
    expect(admin).to_have_url(site("/alfa/administration/medlemmer/"))
    visit_checked(admin, "admin-03-members")

    admin.get_by_role("link", name=ui("Invite a person", "Inviter en person")).click()
    expect(admin).to_have_url(site("/alfa/administration/medlemmer/inviter/"))
    visit_checked(admin, "admin-04-invite-form")

    admin.get_by_label(ui("E-mail", "E-mail")).fill(newcomer_email)
    admin.get_by_role("checkbox", name=staff_role).check()
    admin.get_by_role("button", name=ui("Send the invitation", "Send invitationen")).click()
    expect(admin).to_have_url(site("/alfa/administration/medlemmer/"))
    expect(admin.get_by_role("status")).to_contain_text(newcomer_email)
    expect(admin.get_by_role("row").filter(has_text=newcomer_email)).to_have_count(1)
    visit_checked(admin, "admin-05-members-invitation-sent")

    invitation = wait_for_mail(newcomer_email)
    assert len([message for message in mail.outbox if newcomer_email in message.to]) == 1
    assert "Frivilligcenter Alfa" in invitation.body
    invitation_link = link_in(invitation, "/invitation/")

    # The newcomer: another browser context, so nothing of the administrator's session is shared.
    newcomer = new_context().new_page()
    newcomer.goto(invitation_link)
    expect(newcomer.get_by_role("main")).to_contain_text("Frivilligcenter Alfa")
    visit_checked(newcomer, "admin-06-invitation-accept-form")

    newcomer.get_by_label(ui("Full name", "Fulde navn")).fill(newcomer_name)
    newcomer.get_by_label(ui("Password", "Adgangskode")).fill(PASSWORD)
    newcomer.get_by_label(ui("Repeat the password", "Gentag adgangskoden")).fill(PASSWORD)
    newcomer.get_by_role("button", name=ui("Create the account and accept", "Opret kontoen, og accepter")).click()
    expect(newcomer).to_have_url(site("/alfa/"))
    welcome = newcomer.get_by_role("status")
    expect(welcome).to_contain_text("Frivilligcenter Alfa")
    expect(welcome).to_contain_text(ui("Volunteer centre staff", "Frivilligcentermedarbejder", exact=False))
    expect(newcomer.get_by_role("banner")).to_contain_text(newcomer_name)
    visit_checked(newcomer, "admin-07-newcomer-welcomed")

    # Back as the administrator: the newcomer has the role, and the administrator takes it away again.
    admin.reload()
    row = admin.get_by_role("row").filter(has_text=newcomer_email)
    expect(row).to_have_count(1)
    expect(row).to_contain_text(newcomer_name)
    expect(row.get_by_role("checkbox", name=staff_role)).to_be_checked()
    visit_checked(admin, "admin-08-members-with-newcomer")

    row.get_by_role("link", name=ui("Remove the role", "Fjern rollen", exact=False)).click()
    expect(admin).to_have_url(re.compile(r"/alfa/administration/medlemmer/\d+/fjern/$"))
    expect(admin.get_by_role("main")).to_contain_text(newcomer_name)
    visit_checked(admin, "admin-09-remove-role-confirmation")

    admin.get_by_role("button", name=ui("Yes, remove the role", "Ja, fjern rollen")).click()
    expect(admin).to_have_url(site("/alfa/administration/medlemmer/"))
    expect(admin.get_by_role("status")).to_contain_text(newcomer_name)
    expect(admin.get_by_role("row").filter(has_text=newcomer_email)).to_have_count(0)
    visit_checked(admin, "admin-10-members-role-removed")

    admin.get_by_role("navigation").get_by_role("link", name=ui("Audit log", "Handlingslog")).click()
    expect(admin).to_have_url(site("/alfa/administration/log/"))
    results = admin.locator("#list-results")
    expect(results.get_by_role("row").filter(has_text=newcomer_email)).to_have_count(1)
    expect(results.get_by_role("row").filter(has_text=newcomer_name)).to_have_count(2)  # accepted, then removed
    visit_checked(admin, "admin-11-audit-log")

    # The action filter (htmx) narrows the log to one kind of entry; its values are the stable action codes.
    action_filter = admin.locator('select[name="handling"]')
    for code, concerns in (("tenants.invitation.sent", newcomer_email), ("tenants.membership.revoked", newcomer_name)):
        action_filter.select_option(code)
        expect(admin).to_have_url(re.compile(rf"[?&]handling={re.escape(code)}(&|$)"))
        rows = results.locator("tbody tr")
        expect(rows).to_have_count(1)
        expect(rows).to_contain_text(concerns)
        expect(rows).to_contain_text("Alfa Tenant Admin")
    visit_checked(admin, "admin-12-audit-log-filtered")
