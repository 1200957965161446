"""The yearly status report in a browser: staff write a status text, read the report with its figures and charts,
publish it, and a citizen reads the public strategy page and the published report; axe-core clean, no sideways
scrolling at 320 px. Screenshots in test-results/screenshots/ (strategy-report-*)."""

from datetime import date
from decimal import Decimal

import pytest
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from frivillig.strategy.models import ManualValue
from frivillig.strategy.tests.helpers import make_goal, make_initiative, make_plan, make_target
from tests.browser.support import log_in_directly, ui, visit_checked

pytestmark = pytest.mark.browser


def _plan(tenant):
    plan = make_plan(
        tenant,
        title="Strategi for Frivilligcenter Alfa 2017-2018",
        is_public=True,
        vision="Flere borgere finder vej til et frivilligt fællesskab.",
    )
    goal = make_goal(plan, title="Stærke foreninger")
    initiative = make_initiative(
        goal,
        title="Kursus i rekruttering af frivillige",
        background="Mange foreninger mangler frivillige.",
        actions="To kursusaftener om at finde og fastholde frivillige.",
        benefit="Foreningerne får flere frivillige.",
        continued_from="2015",
        origin="continued",
    )
    target = make_target(
        goal,
        initiative=initiative,
        title="Mindst 8 foreninger har deltaget i kurset",
        target_value=Decimal(8),
        story="Kurset i foråret var fuldt booket; efterårets blev aflyst.",
    )
    with scopes_disabled():
        ManualValue.objects.create(
            tenant=tenant,
            target=target,
            value=Decimal(5),
            measured_on=date(2017, 10, 1),
            note="Deltagerlister fra Lise Hansens kursus",
        )
    return plan


@pytest.mark.parametrize("width", [1280, 320])
def test_staff_write_read_and_publish_the_report_and_the_public_read_it(site, new_context, width):
    tenant = site.personas.tenant
    plan = _plan(tenant)
    staff = new_context(viewport={"width": width, "height": 900})
    log_in_directly(staff, site, site.personas.user("centre_staff"))
    page = staff.new_page()

    page.goto(site(f"/alfa/strategi/planer/{plan.pk}/rapporter/"))
    visit_checked(page, f"strategy-report-list-{width}")
    page.get_by_label(ui("Year", "År")).fill("2017")
    page.get_by_role("button", name=ui("Create the report", "Opret rapporten")).click()
    page.wait_for_load_state("load")
    page.get_by_role("link", name=ui("Write the texts", "Skriv teksterne")).click()
    page.wait_for_load_state("load")
    page.get_by_label("Status: 1.1 Kursus i rekruttering af frivillige").fill(
        "Kurset blev holdt i marts med fem foreninger."
    )
    visit_checked(page, f"strategy-report-edit-{width}")
    page.get_by_role("button", name=ui("Save the texts", "Gem teksterne")).click()
    page.wait_for_load_state("load")

    expect(page.get_by_text("Kurset blev holdt i marts med fem foreninger.")).to_be_visible()
    expect(page.get_by_role("heading", name="Mindst 8 foreninger har deltaget i kurset")).to_be_visible()
    expect(page.locator("svg.svg-bar-chart").first).to_be_attached()
    visit_checked(page, f"strategy-report-detail-{width}")
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    page.get_by_role("link", name=ui("Publish the report", "Offentliggør rapporten")).click()
    page.wait_for_load_state("load")
    page.get_by_role("button", name=ui("Publish the report", "Offentliggør rapporten")).click()
    page.wait_for_load_state("load")
    expect(page.get_by_text(ui("Published", "Offentliggjort", exact=False)).first).to_be_visible()
    visit_checked(page, f"strategy-report-version-{width}")
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    citizen = new_context(viewport={"width": width, "height": 900}).new_page()
    citizen.goto(site("/alfa/strategi/"))
    visit_checked(citizen, f"strategy-public-plans-{width}")
    citizen.get_by_role("link", name=plan.title).click()
    citizen.wait_for_load_state("load")
    expect(citizen.get_by_role("heading", level=1)).to_have_text(plan.title)
    expect(citizen.get_by_text("Mindst 8 foreninger har deltaget i kurset")).to_be_visible()
    expect(citizen.get_by_text("Deltagerlister fra Lise Hansens kursus")).to_have_count(0)
    visit_checked(citizen, f"strategy-public-plan-{width}")
    assert citizen.evaluate("document.documentElement.scrollWidth") <= width

    citizen.get_by_role("link", name=ui("Status 2017, version 1", "Status 2017, version 1", exact=False)).first.click()
    citizen.wait_for_load_state("load")
    expect(citizen.get_by_text("Kurset blev holdt i marts med fem foreninger.")).to_be_visible()
    expect(citizen.get_by_text("Deltagerlister fra Lise Hansens kursus")).to_have_count(0)
    visit_checked(citizen, f"strategy-public-report-{width}")
    assert citizen.evaluate("document.documentElement.scrollWidth") <= width
