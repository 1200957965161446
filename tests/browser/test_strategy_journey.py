"""A plan's target followed from the data, as issue 15 tells it: the centre's staff add a goal, an initiative and a
target "at least 2 associations attended a course on recruitment" to their plan; an association's representative
registers on behalf of the association for such a course and a second association is registered too; at the door
the staff check both in; the plan's dashboard then shows the target achieved, and the year's status report as PDF
contains it. axe-core checks every page on the way. Screenshots in test-results/screenshots/ (strategy-journey-*)."""

import re
from datetime import date, timedelta

import pytest
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from frivillig.core.tests.helpers import pdf_titles
from frivillig.crm.enums import Vocabulary
from frivillig.crm.models import Tag
from frivillig.events.enums import EventKind
from frivillig.events.models import Event, EventSession, Registration
from frivillig.events.tests.helpers import make_event, make_registration
from frivillig.strategy.enums import PlanStatus
from frivillig.strategy.models import Target
from frivillig.strategy.tests.helpers import make_plan
from frivillig.testing import make_organisation
from tests.browser.support import log_in_directly, ui, visit_checked

pytestmark = pytest.mark.browser

TARGET = "Mindst 2 foreninger deltog i et kursus om rekruttering"


def _url(site, name: str, **kwargs) -> str:
    return site(reverse(name, kwargs={"tenant_slug": "alfa", **kwargs}))


def test_a_target_turns_achieved_from_the_check_in_and_the_report_holds_it(site, new_context):
    personas = site.personas
    tenant = personas.tenant
    # The course begins in two hours (registration is open until it begins).
    starts_at = (timezone.localtime() + timedelta(hours=2)).replace(second=0, microsecond=0)
    year = starts_at.year
    plan = make_plan(
        tenant,
        title=f"Strategi for Frivilligcenter Alfa {year}",
        starts_on=date(year, 1, 1),
        ends_on=date(year, 12, 31),
        status=PlanStatus.ACTIVE,
    )
    with scopes_disabled():
        recruitment = Tag.objects.get(tenant=tenant, vocabulary=Vocabulary.THEME, slug="rekruttering")
    course = make_event(
        tenant, title="Kursus i rekruttering af frivillige", kind=EventKind.COURSE, starts_at=starts_at, hours=3
    )
    course.themes.add(recruitment)

    # The staff write the goal, the initiative and the target in the plan.
    staff = new_context(viewport={"width": 1280, "height": 900})
    log_in_directly(staff, site, personas.user("centre_staff"))
    page = staff.new_page()
    page.goto(_url(site, "strategy:goal_create", pk=plan.pk))
    page.get_by_label(ui("Title", "Titel")).fill("Flere foreninger rekrutterer nye frivillige")
    page.get_by_role("button", name=re.compile(r"^(Save|Gem|Add|Tilføj|Create|Opret)")).first.click()
    page.wait_for_load_state("load")
    with scopes_disabled():
        goal = plan.goals.get()
    page.goto(_url(site, "strategy:initiative_create", pk=plan.pk, goal_pk=goal.pk))
    page.get_by_label(ui("Title", "Titel")).fill("Kursus i rekruttering af frivillige")
    page.get_by_role("button", name=re.compile(r"^(Save|Gem|Add|Tilføj|Create|Opret)")).first.click()
    page.wait_for_load_state("load")
    with scopes_disabled():
        initiative = goal.initiatives.get()
    page.goto(_url(site, "strategy:target_create", pk=plan.pk, goal_pk=goal.pk) + f"?indsats={initiative.pk}")
    page.get_by_label(ui("The result in words", "Resultatet med ord")).fill(TARGET)
    page.get_by_label(ui("Indicator", "Indikator")).select_option("events.organisations_attended")
    page.get_by_role("button", name=ui("Show the indicator's choices", "Vis indikatorens valg")).click()
    page.wait_for_load_state("load")
    page.locator("select[name=param_kind]").select_option("course")
    page.locator("select[name=param_theme]").select_option(str(recruitment.pk))
    page.get_by_label(ui("Target value", "Målværdi")).fill("2")
    page.get_by_label(ui("Target value", "Målværdi")).press("Enter")
    page.wait_for_load_state("load")
    expect(page.get_by_text(ui("The target has been added.", "Succeskriteriet er tilføjet."))).to_be_visible()
    with scopes_disabled():
        target = Target.objects.get(title=TARGET)
    assert (target.initiative_id, target.params) == (initiative.pk, {"kind": "course", "theme": str(recruitment.pk)})
    visit_checked(page, "strategy-journey-plan-1280")

    # Before anyone came, the dashboard counts no association.
    page.goto(_url(site, "strategy:plan_dashboard", pk=plan.pk))
    row = page.locator("tr", has_text=TARGET)
    expect(row.locator(".badge")).not_to_have_text(ui("Achieved", "Nået"))

    # The representative registers on behalf of the association; a second association is registered by phone.
    rep_context = new_context(viewport={"width": 320, "height": 800})
    log_in_directly(rep_context, site, personas.user("association_rep"))
    rep = rep_context.new_page()
    rep.goto(_url(site, "events:register", pk=course.pk))
    rep.get_by_label(ui("On behalf of", "På vegne af", exact=False)).select_option(label="Alfa Besøgsvenner")
    rep.get_by_role("button", name=ui("Register", "Tilmeld")).click()
    rep.wait_for_load_state("load")
    second = make_registration(
        course,
        email="formand@lokalhjaelpen.example.org",
        full_name="Lise Lokal",
        organisation=make_organisation(tenant, name="Lokalhjælpen"),
    )
    with scopes_disabled():
        first = Registration.objects.get(event=course, organisation=personas.organisation)
        # The evening comes and goes: the course is held (only a course that has ended counts as attended).
        shift = timezone.now() - timedelta(minutes=10) - course.ends_at
        EventSession.objects.filter(event=course).update(starts_at=F("starts_at") + shift, ends_at=F("ends_at") + shift)
        Event.objects.filter(pk=course.pk).update(starts_at=F("starts_at") + shift, ends_at=F("ends_at") + shift)

    # The staff record who came.
    page.goto(_url(site, "events:check_in", pk=course.pk))
    for registration in (first, second):
        page.locator(f"#tilmelding-{registration.pk}").get_by_role(
            "button", name=re.compile(r"^\s*(?:Arrived|Mødt)\s*:")
        ).click()
        expect(page.locator(f"#tilmelding-{registration.pk} .check-in-row__status")).to_have_text(ui("Arrived", "Mødt"))

    # The dashboard, computed again, shows the target achieved with the two associations behind it.
    page.goto(_url(site, "strategy:plan_dashboard", pk=plan.pk))
    page.get_by_role("button", name=ui("Compute the figures again", "Beregn tallene igen")).click()
    page.wait_for_load_state("load")
    row = page.locator("tr", has_text=TARGET)
    expect(row.locator(".badge")).to_have_text(ui("Achieved", "Nået"))
    visit_checked(page, "strategy-journey-dashboard-1280")
    row.get_by_role("link", name=TARGET).click()
    page.wait_for_load_state("load")
    expect(page.get_by_text("Alfa Besøgsvenner").first).to_be_visible()
    expect(page.get_by_text("Lokalhjælpen").first).to_be_visible()
    visit_checked(page, "strategy-journey-target-1280")

    # The year's status report holds it, in the PDF too.
    page.goto(_url(site, "strategy:report_list", pk=plan.pk))
    year_field = page.locator("[name=year]")
    if year_field.count():
        year_field.fill(str(year))
    page.get_by_role("button", name=ui("Create the report", "Opret rapporten")).click()
    page.wait_for_load_state("load")
    expect(page.get_by_text(TARGET).first).to_be_visible()
    visit_checked(page, "strategy-journey-report-1280")
    report_path = re.search(r"/alfa/strategi/rapporter/(\d+)/", page.url)
    assert report_path, page.url
    pdf = page.request.get(_url(site, "strategy:report_pdf", pk=int(report_path.group(1))))
    assert pdf.status == 200 and pdf.headers["content-type"] == "application/pdf"
    assert TARGET in pdf_titles(pdf.body())
