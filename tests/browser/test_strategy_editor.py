"""The plan editor as the centre's staff use it: the list, a plan's page as the document reads, a goal moved with
the keyboard alone, a target whose indicator's choices are shown without JavaScript, the delete confirmation and the
copy into next year's plan. axe-core clean, no sideways scrolling at 320 px. Screenshots in
test-results/screenshots/ (strategy-editor-*)."""

from datetime import date
from decimal import Decimal

import pytest
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from frivillig.strategy.enums import InitiativeOrigin, PlanStatus, TargetKind
from frivillig.strategy.models import Target
from frivillig.strategy.tests.helpers import make_goal, make_initiative, make_plan, make_target
from tests.browser.support import log_in_directly, ui, visit_checked

pytestmark = pytest.mark.browser


def _plan(tenant):
    earlier = make_plan(tenant, title="Handleplan 2015-2016", starts_on=date(2015, 1, 1), ends_on=date(2016, 12, 31))
    earlier_course = make_initiative(make_goal(earlier, title="Gode rammer"), title="Kursus i rekruttering")
    plan = make_plan(
        tenant,
        title="Strategi for Frivilligcenter Alfa 2017-2018",
        status=PlanStatus.ACTIVE,
        vision="Alfa skal være en af landets bedste kommuner at være frivillig i.",
        values="Frivillighed, åbenhed og respekt for den enkelte.",
        legal_basis="Serviceloven §18",
        continues=earlier,
    )
    frame = make_goal(plan, title="Gode rammer for foreningerne")
    visible = make_goal(plan, title="Synlighed og netværk")
    course = make_initiative(
        frame,
        title="Kursus i rekruttering af frivillige",
        background="Foreningerne fortæller, at det er svært at finde nye frivillige.",
        actions="Et kursus om foråret med oplæg og erfaringsudveksling.",
        benefit="Foreningerne bliver bedre rustet til at rekruttere.",
        responsible="Frivilligcentrets leder",
        origin=InitiativeOrigin.CONTINUED,
        continues=earlier_course,
    )
    make_target(
        frame,
        initiative=course,
        indicator_key="events.organisations_attended",
        kind=TargetKind.REACH,
        params={"kind": "course"},
        title="Mindst 8 foreninger deltager i kurset inden udgangen af 2018",
    )
    make_target(frame, initiative=course, title="Mindst 7 foreninger føler sig bedre rustet", target_value=Decimal(7))
    meeting = make_initiative(visible, title="Netværksskabende dialogmøde", continued_from="handleplanen 2015")
    make_target(visible, initiative=meeting, title="Mindst 1 dialogmøde i 2017", target_value=Decimal(1))
    return plan, frame, visible


@pytest.mark.parametrize("width", [1280, 320])
def test_staff_write_and_reorder_a_plan(site, new_context, width):
    plan, frame, visible = _plan(site.personas.tenant)
    context = new_context(viewport={"width": width, "height": 900})
    log_in_directly(context, site, site.personas.user("centre_staff"))
    page = context.new_page()

    page.goto(site("/alfa/strategi/planer/"))
    expect(page.get_by_role("heading", level=1)).to_have_text(ui("Plans", "Planer"))
    visit_checked(page, f"strategy-editor-list-{width}")
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    page.get_by_role("link", name="Strategi for Frivilligcenter Alfa 2017-2018").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Strategi for Frivilligcenter Alfa 2017-2018")
    visit_checked(page, f"strategy-editor-plan-{width}")
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    # The second goal moves up with the keyboard alone; the page returns to it and the next Tab stays in it.
    move = page.locator(f"#maal-{visible.pk}").get_by_role(
        "button", name=ui("Move “Synlighed og netværk” up", "Flyt “Synlighed og netværk” op")
    )
    move.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/#maal-{visible.pk}")
    page.wait_for_load_state("load")
    expect(page.locator(f"#maal-{visible.pk} h2")).to_have_text("1. Synlighed og netværk")
    page.keyboard.press("Tab")
    assert page.evaluate(f"document.getElementById('maal-{visible.pk}').contains(document.activeElement)")
    visit_checked(page, f"strategy-editor-moved-{width}")

    # A target measured by an indicator of the events: its choices are shown by a button, without JavaScript.
    page.goto(site(f"/alfa/strategi/planer/{plan.pk}/maal/{frame.pk}/succeskriterier/nyt/"))
    page.get_by_label(ui("The result in words", "Resultatet med ord")).fill("Mindst 2 foreninger deltog i et kursus")
    page.get_by_label(ui("Indicator", "Indikator")).select_option("events.organisations_attended")
    page.evaluate("window.notReloaded = true")
    page.get_by_role("button", name=ui("Show the indicator's choices", "Vis indikatorens valg")).click()
    expect(page.locator("fieldset.plan-params select").first).to_be_visible()
    # htmx replaced the form in place (the page was not reloaded) and the button keeps the focus.
    assert page.evaluate("window.notReloaded === true")
    assert page.evaluate("document.activeElement.id") == "vis-indikatorens-valg"
    expect(page.get_by_label(ui("The result in words", "Resultatet med ord"))).to_have_value(
        "Mindst 2 foreninger deltog i et kursus"
    )
    expect(page.locator("fieldset.plan-params select").first).to_be_visible()
    visit_checked(page, f"strategy-editor-target-{width}")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.locator("select[name=param_kind]").select_option("course")
    # Enter in a field saves (it does not press "show the choices", which comes first on the page).
    page.get_by_label(ui("Target value", "Målværdi")).fill("2")
    page.get_by_label(ui("Target value", "Målværdi")).press("Enter")
    page.wait_for_load_state("load")
    expect(page.get_by_text(ui("The target has been added.", "Succeskriteriet er tilføjet."))).to_be_visible()
    with scopes_disabled():
        target = Target.objects.get(title="Mindst 2 foreninger deltog i et kursus")
    assert (target.params, target.goal_id) == ({"kind": "course"}, frame.pk)

    page.goto(site(f"/alfa/strategi/planer/{plan.pk}/maal/{frame.pk}/slet/"))
    visit_checked(page, f"strategy-editor-delete-{width}")
    page.goto(site(f"/alfa/strategi/planer/{plan.pk}/kopier/"))
    visit_checked(page, f"strategy-editor-copy-{width}")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.get_by_role("button", name=ui("Copy the plan", "Kopiér planen")).click()
    page.wait_for_load_state("load")
    expect(page.get_by_role("heading", level=1)).to_have_text("Strategi for Frivilligcenter Alfa 2018-2019")
    visit_checked(page, f"strategy-editor-copied-{width}")


@pytest.mark.parametrize("width", [1280, 320])
def test_the_plan_form_explains_its_errors(site, new_context, width):
    context = new_context(viewport={"width": width, "height": 900})
    log_in_directly(context, site, site.personas.user("municipal_staff"))
    page = context.new_page()
    page.goto(site("/alfa/strategi/planer/opret/"))
    page.get_by_label(ui("Title", "Titel")).fill("Handleplan 2016-17")
    page.get_by_label(ui("The period's first day", "Periodens første dag")).fill("2017-12-31")
    page.get_by_label(ui("The period's last day", "Periodens sidste dag")).fill("2016-01-01")
    page.get_by_role("button", name=ui("Create the plan", "Opret planen")).click()
    page.wait_for_load_state("load")
    expect(page.get_by_role("alert").first).to_be_visible()
    expect(page.get_by_label(ui("Title", "Titel"))).to_have_value("Handleplan 2016-17")
    visit_checked(page, f"strategy-editor-plan-errors-{width}")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
