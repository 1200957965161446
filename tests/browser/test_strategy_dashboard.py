"""Following a plan in a browser: the plan's dashboard and a target's page at 1280 and 320 px, a value entered by hand
turning a target achieved. axe-core checks every page (no serious or critical violation); nothing scrolls sideways at
320 px. Screenshots in test-results/screenshots/ (strategy-dashboard-*, strategy-target-*)."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from frivillig.strategy.enums import PlanStatus
from frivillig.strategy.models import ManualValue, TargetSnapshot
from frivillig.strategy.tests.helpers import make_goal, make_initiative, make_plan, make_target
from tests.browser.support import log_in_directly, ui, visit_checked

pytestmark = pytest.mark.browser


def _url(site, name: str, **kwargs) -> str:
    return site(reverse(f"strategy:{name}", kwargs={"tenant_slug": "alfa", **kwargs}))


def _plan(tenant):
    today = timezone.localdate()
    plan = make_plan(
        tenant,
        title="Strategi for frivillighed",
        status=PlanStatus.ACTIVE,
        starts_on=date(today.year, 1, 1),
        ends_on=date(today.year + 1, 12, 31),
    )
    goal = make_goal(plan, title="Gode rammer for foreningerne")
    initiative = make_initiative(goal, title="Synlighed i lokalavisen")
    target = make_target(goal, initiative=initiative, title="Mindst 4 artikler om frivillige", target_value=Decimal(4))
    other = make_target(goal, title="Mindst 20 nye frivillige i netværkene", target_value=Decimal(20))
    with scopes_disabled():
        ManualValue.objects.create(
            tenant=tenant, target=other, value=Decimal(3), measured_on=plan.starts_on, note="Optalt i netværkene"
        )
        for days, value in ((30, 1), (20, 2), (10, 3)):
            TargetSnapshot.objects.create(
                tenant=tenant,
                target=other,
                definition_version=1,
                taken_on=today - timedelta(days=days),
                value=value,
                status="at_risk",
            )
    return plan, target


@pytest.mark.parametrize("width", [1280, 320])
def test_staff_follow_a_plan_and_enter_a_value_by_hand(site, new_context, width):
    personas = site.personas
    plan, _target = _plan(personas.tenant)
    context = new_context(viewport={"width": width, "height": 900})
    log_in_directly(context, site, personas.user("centre_staff"))
    page = context.new_page()

    page.goto(_url(site, "plan_dashboard", pk=plan.pk))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Strategi for frivillighed")
    expect(page.locator("svg.sparkline")).to_have_count(1)
    visit_checked(page, f"strategy-dashboard-{width}")
    if width == 320:
        assert page.evaluate("document.documentElement.scrollWidth") <= 320

    page.get_by_role("link", name="Mindst 4 artikler om frivillige").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Mindst 4 artikler om frivillige")
    page.get_by_role("link", name=ui("Enter a new value", "Indtast en ny værdi")).click()
    visit_checked(page)
    page.get_by_label(ui("Value", "Værdi", exact=False)).fill("4")
    page.get_by_label(ui("Measured on", "Målt den", exact=False)).fill(timezone.localdate().isoformat())
    page.get_by_label(ui("Evidence", "Dokumentation", exact=False)).first.fill("Fire artikler i lokalavisen i foråret")
    page.get_by_role("button", name=ui("Save the value", "Gem værdien")).click()
    expect(page.locator(".alert-success")).to_be_visible()
    expect(page.locator("body")).to_contain_text("Fire artikler i lokalavisen i foråret")
    visit_checked(page, f"strategy-target-{width}")
    if width == 320:
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
