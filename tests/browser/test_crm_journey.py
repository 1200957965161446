"""The CRM journey of a volunteer centre's staff member, walked as a person would.

She logs in, registers a new association and its chairman, logs an advice session whose follow-up date has
already passed, and finds it on her overview marked as overdue. Every page is checked with axe-core (serious and
critical WCAG 2.1 A/AA violations fail) and saved as a screenshot in test-results/screenshots/.

The pages of this area are new, and the Danish catalogue is brought up to date after them: the test finds things
by address, field name and the data it typed, and reads interface texts in either language.
"""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from frivillig.crm.models import Interaction, Organisation, Person
from tests.browser.support import submit_login_form, ui, visit_checked

pytestmark = pytest.mark.browser

ORGANISATION = "Sorø Besøgsvenner"
PERSON = "Birgitte Bestyrelse"
SUMMARY = "Rådgivning om fondsansøgning til Velux Fonden; vi aftalte at følge op på budgettet."


def test_staff_member_logs_an_advice_session_and_sees_the_overdue_follow_up(site, new_context):
    today = timezone.localdate()
    page = new_context().new_page()

    page.goto(site("/konto/log-ind/?next=/alfa/medarbejder/"))
    submit_login_form(page, "centre_staff@alfa.example.org")
    expect(page).to_have_url(site("/alfa/medarbejder/"))
    visit_checked(page, "crm-01-dashboard-empty")

    # A new association, through the organisation pages.
    page.locator('main a[href="/alfa/kontakter/organisationer/ny/"]').first.click()
    expect(page).to_have_url(site("/alfa/kontakter/organisationer/ny/"))
    visit_checked(page, "crm-02-organisation-form")
    page.locator("#id_name").fill(ORGANISATION)
    page.locator("#id_kind").select_option("association")
    page.locator("#id_email").fill("kontakt@besoegsvenner.example.org")
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/alfa/kontakter/organisationer/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(ORGANISATION)
    visit_checked(page, "crm-03-organisation-created")

    # Its chairman, through the people pages.
    page.goto(site("/alfa/medarbejder/"))
    page.locator('main a[href="/alfa/kontakter/personer/ny/"]').first.click()
    expect(page).to_have_url(site("/alfa/kontakter/personer/ny/"))
    visit_checked(page, "crm-04-person-form")
    page.locator("#id_full_name").fill(PERSON)
    page.locator("#id_email").fill("birgitte@example.org")
    page.locator("#id_phone").fill("12 34 56 78")
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/alfa/kontakter/personer/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(PERSON)
    visit_checked(page, "crm-05-person-created")

    # The advice session, ten days ago, with a follow-up date three days ago.
    page.goto(site("/alfa/medarbejder/"))
    page.locator('main a[href="/alfa/kontakter/henvendelser/ny/"]').first.click()
    expect(page).to_have_url(site("/alfa/kontakter/henvendelser/ny/"))
    expect(page.locator("#id_happened_on")).to_have_value(today.isoformat())
    visit_checked(page, "crm-06-interaction-form")
    page.locator('input[name="kind"][value="advice_session"]').check()
    page.locator("#id_happened_on").fill((today - timedelta(days=10)).isoformat())
    # Organisations and people are found by typing in a search field (never a Ctrl-click list).
    page.get_by_label(ui("Find and add (Organisations)", "Søg og tilføj (Organisationer)")).fill("Sorø Besøg")
    page.get_by_role("option", name=ORGANISATION).click()
    page.get_by_label(ui("Find and add (People)", "Søg og tilføj (Personer)")).fill("Birgitte")
    page.get_by_role("option", name=PERSON).click()
    page.get_by_label(ui("Fundraising", "Fundraising")).check()
    page.locator("#id_summary").fill(SUMMARY)
    page.locator("#id_follow_up_on").fill((today - timedelta(days=3)).isoformat())

    # First a slip of the pen: a follow-up before the session is refused, and nothing typed is lost.
    page.locator("#id_follow_up_on").fill((today - timedelta(days=11)).isoformat())
    page.locator("main form button[type=submit]").click()
    expect(page.get_by_role("alert").first).to_be_visible()
    expect(page.locator("#id_summary")).to_have_value(SUMMARY)
    visit_checked(page, "crm-07-interaction-form-error")
    page.locator("#id_follow_up_on").fill((today - timedelta(days=3)).isoformat())
    page.locator("main form button[type=submit]").click()

    expect(page).to_have_url(re.compile(r"/alfa/kontakter/henvendelser/\d+/$"))
    main = page.get_by_role("main")
    expect(main).to_contain_text(SUMMARY.split(";")[0])
    expect(main).to_contain_text(ORGANISATION)
    expect(main).to_contain_text(PERSON)
    expect(main.locator(".badge.badge-error")).to_have_text(ui("Overdue", "Overskredet"))
    visit_checked(page, "crm-08-interaction-detail")

    # The overview: the follow-up is there, marked overdue in words.
    page.goto(site("/alfa/medarbejder/"))
    row = page.locator("main table").first.locator("tbody tr").filter(has_text=ORGANISATION)
    expect(row).to_have_count(1)
    expect(row.locator(".badge.badge-error")).to_have_text(ui("Overdue", "Overskredet"))
    expect(row).to_contain_text(PERSON)
    expect(page.get_by_role("main").locator(".alert-warning")).to_be_visible()
    visit_checked(page, "crm-09-dashboard-overdue")

    # The interaction list shows it too; then the follow-up is done, and the overview is clear again.
    page.locator('main a[href="/alfa/kontakter/henvendelser/"]').first.click()
    expect(page.locator("#list-results tbody tr")).to_have_count(1)
    visit_checked(page, "crm-10-interaction-list")
    page.goto(site("/alfa/medarbejder/"))
    row.get_by_role("button").click()
    expect(page).to_have_url(site("/alfa/medarbejder/"))
    expect(page.get_by_role("status").first).to_be_visible()
    expect(page.locator("main .alert-warning")).to_have_count(0)
    visit_checked(page, "crm-11-dashboard-follow-up-done")

    with scopes_disabled():
        organisation = Organisation.objects.get(name=ORGANISATION)
        interaction = Interaction.objects.get(summary=SUMMARY)
        assert list(interaction.organisations.all()) == [organisation]
        assert list(interaction.people.all()) == [Person.objects.get(full_name=PERSON)]
        assert interaction.kind == "advice_session"
        assert interaction.staff.email == "centre_staff@alfa.example.org"
        assert interaction.follow_up_done_at is not None


def test_staff_member_registers_a_collaboration_relation_with_a_municipal_employee(site, new_context):
    from frivillig.testing import make_person

    make_person(site.personas.tenant, full_name="Karin Kommune", department="Socialforvaltningen")
    page = new_context().new_page()
    page.goto(site("/konto/log-ind/?next=/alfa/kontakter/samarbejdsrelationer/"))
    submit_login_form(page, "centre_staff@alfa.example.org")
    expect(page).to_have_url(site("/alfa/kontakter/samarbejdsrelationer/"))
    visit_checked(page, "crm-relations-01-list-empty")

    page.locator('main a[href="/alfa/kontakter/samarbejdsrelationer/ny/"]').click()
    visit_checked(page, "crm-relations-02-form")
    page.locator("main form button[type=submit]").click()
    expect(page.get_by_role("alert").first).to_be_visible()
    visit_checked(page, "crm-relations-03-form-error")
    page.locator("#id_person").fill("Karin")
    page.get_by_role("option", name="Karin Kommune (Socialforvaltningen)").click()
    page.locator("#id_topic").fill("Besøgsvenner på plejecentrene")
    page.locator("main form button[type=submit]").click()

    year = timezone.localdate().year
    expect(page).to_have_url(site(f"/alfa/kontakter/samarbejdsrelationer/?fra={year}-01-01&til={year}-12-31"))
    expect(page.locator("#list-results tbody tr")).to_have_count(1)
    expect(page.locator("#list-results")).to_contain_text("Karin Kommune")

    # The filter narrows to municipal employees without a page load of its own (htmx), and the count follows.
    page.locator('select[name="parti"]').select_option("organisation")
    expect(page).to_have_url(re.compile(r"[?&]parti=organisation(&|$)"))
    expect(page.locator("#list-results tbody tr")).to_have_count(0)
    page.locator('select[name="parti"]').select_option("person")
    page.locator('input[name="kommunale"]').check()
    expect(page.locator("#list-results tbody tr")).to_have_count(1)
    visit_checked(page, "crm-relations-04-list-municipal")
