"""The plan editor: plans, goals, initiatives and targets written as the documents read; bad input kept and
explained; the order changed with buttons; a target's definition versioned."""

from datetime import date
from decimal import Decimal

import pytest
from django_scopes import scopes_disabled

from frivillig.core.models import AuditEntry
from frivillig.strategy.enums import InitiativeOrigin, PlanStatus
from frivillig.strategy.models import Goal, Initiative, Plan, Target
from frivillig.strategy.tests.helpers import make_goal, make_initiative, make_plan, make_target, url
from frivillig.testing import assert_rows_rendered, make_organisation


def audited(code: str, obj) -> bool:
    with scopes_disabled():
        return AuditEntry.objects.filter(code=code, target_id=str(obj.pk)).exists()


def fresh(obj):
    with scopes_disabled():
        return type(obj).objects.get(pk=obj.pk)


PLAN_FORM = {
    "kind": "strategy",
    "title": "Strategi for Frivilligcenter Alfa 2017-2018",
    "owner": "centre",
    "starts_on": "2017-01-01",
    "ends_on": "2018-12-31",
    "vision": "Alfa skal være et godt sted at være frivillig.",
    "values": "Frivillighed, åbenhed og respekt",
    "legal_basis": "Serviceloven §18",
    "introduction": "",
    "status": "active",
}


# --- plans --------------------------------------------------------------------------------------------------------


def test_staff_create_a_plan(personas, client_for):
    response = client_for("centre_staff").post(url("plan_create"), PLAN_FORM, follow=True)
    page = response.content.decode()
    assert "Planen er oprettet." in page
    assert "Serviceloven §18" in page and "Frivillighed, åbenhed og respekt" in page
    with scopes_disabled():
        plan = Plan.objects.get(title=PLAN_FORM["title"])
    assert (plan.tenant, plan.created_by, plan.status) == (personas.tenant, personas.user("centre_staff"), "active")
    assert audited("strategy.plan.created", plan)


def test_a_period_ending_before_it_starts_is_refused_with_the_values_kept(personas, client_for):
    data = {**PLAN_FORM, "title": "Baglæns plan", "starts_on": "2018-12-31", "ends_on": "2017-01-01"}
    response = client_for("municipal_staff").post(url("plan_create"), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Periodens sidste dag kan ikke ligge før dens første dag." in page
    assert 'value="Baglæns plan"' in page and "Frivillighed, åbenhed og respekt" in page
    with scopes_disabled():
        assert not Plan.objects.filter(title="Baglæns plan").exists()


def test_a_plan_without_a_title_is_refused(personas, client_for):
    response = client_for("centre_staff").post(url("plan_create"), {**PLAN_FORM, "title": ""})
    assert "Dette felt er påkrævet." in response.content.decode()
    with scopes_disabled():
        assert not Plan.objects.exists()


def test_staff_edit_a_plan_and_it_may_continue_an_earlier_one(personas, client_for):
    earlier = make_plan(
        personas.tenant, title="Handleplan 2015", starts_on=date(2015, 1, 1), ends_on=date(2015, 12, 31)
    )
    plan = make_plan(personas.tenant)
    data = {**PLAN_FORM, "title": "Ny titel", "continues": earlier.pk, "is_public": "on"}
    response = client_for("tenant_admin").post(url("plan_edit", pk=plan.pk), data, follow=True)
    assert "Planen er gemt." in response.content.decode()
    plan = fresh(plan)
    assert (plan.title, plan.continues_id, plan.is_public) == ("Ny titel", earlier.pk, True)
    assert audited("strategy.plan.updated", plan)


def test_another_tenants_plan_cannot_be_continued(personas, client_for):
    foreign = make_plan(personas.other_tenant, title="Charlies plan")
    plan = make_plan(personas.tenant)
    response = client_for("centre_staff").post(url("plan_edit", pk=plan.pk), {**PLAN_FORM, "continues": foreign.pk})
    assert response.status_code == 200
    assert fresh(plan).continues_id is None


def test_a_plan_cannot_continue_a_plan_that_continues_it(personas, client_for):
    first = make_plan(personas.tenant, title="Strategi 2017", starts_on=date(2017, 1, 1), ends_on=date(2017, 12, 31))
    second = make_plan(personas.tenant, title="Strategi 2018", starts_on=date(2018, 1, 1), ends_on=date(2018, 12, 31))
    third = make_plan(personas.tenant, title="Strategi 2019", starts_on=date(2019, 1, 1), ends_on=date(2019, 12, 31))
    with scopes_disabled():
        Plan.objects.filter(pk=second.pk).update(continues=first)
        Plan.objects.filter(pk=third.pk).update(continues=second)
    client = client_for("centre_staff")

    form = client.get(url("plan_edit", pk=first.pk)).content.decode()
    # Neither its successor nor the successor's successor is offered; an unrelated earlier plan would be.
    assert "Strategi 2018" not in form and "Strategi 2019" not in form
    response = client.post(
        url("plan_edit", pk=first.pk), {**PLAN_FORM, "title": "Strategi 2017", "continues": third.pk}
    )

    assert response.status_code == 200
    assert "en plan kan ikke videreføre sig selv, en plan, der bygger videre på den" in response.content.decode()
    assert fresh(first).continues_id is None


def test_the_plan_list_filters_on_status_and_kind(personas, client_for):
    make_plan(personas.tenant, title="Aktiv strategi", status=PlanStatus.ACTIVE)
    make_plan(personas.tenant, title="Arkiveret handleplan", status=PlanStatus.ARCHIVED, kind="action_plan")
    client = client_for("centre_staff")
    response = client.get(url("plan_list"), {"status": "archived"})
    assert [plan.title for plan in response.context["page"].object_list] == ["Arkiveret handleplan"]
    response = client.get(url("plan_list"), {"slags": "strategy"})
    assert [plan.title for plan in response.context["page"].object_list] == ["Aktiv strategi"]
    assert "Ingen planer passer til filteret." in client.get(url("plan_list"), {"status": "draft"}).content.decode()


def test_the_empty_plan_list_invites_the_first_plan(personas, client_for):
    page = client_for("centre_staff").get(url("plan_list")).content.decode()
    assert "Der er ikke skrevet nogen planer endnu." in page
    assert url("plan_create") in page


@pytest.mark.parametrize("size", [1, 3])
def test_plan_list_query_count_is_constant(personas, client_for, django_assert_num_queries, size):
    for number in range(size):
        plan = make_plan(personas.tenant, title=f"Plan nummer {number}")
        goal = make_goal(plan)
        make_target(goal)
        make_target(goal)
    client = client_for("centre_staff")
    with django_assert_num_queries(6):
        response = client.get(url("plan_list"))
    assert_rows_rendered(response, [f"Plan nummer {number}" for number in range(size)])
    assert [(plan.goal_count, plan.target_count) for plan in response.context["page"].object_list] == [(1, 2)] * size


# --- the plan's page ----------------------------------------------------------------------------------------------


def test_the_plan_reads_as_the_document(personas, client_for):
    plan = make_plan(personas.tenant, vision="En god kommune at være frivillig i", values="Tillid")
    goal = make_goal(plan, title="Gode rammer")
    partner = make_organisation(personas.tenant, name="Røde Kors Alfa")
    initiative = make_initiative(
        goal,
        title="Kursus i rekruttering",
        background="Foreningerne mangler frivillige.",
        actions="Et kursus om foråret.",
        benefit="Flere frivillige.",
        resource_needs="20 timer",
        responsible="Centerlederen",
        continued_from="handleplanen 2015",
        origin=InitiativeOrigin.CONTINUED,
    )
    with scopes_disabled():
        initiative.partners.add(partner)
    make_target(goal, initiative=initiative, title="Mindst 8 foreninger deltager", target_value=Decimal(8))
    page = client_for("centre_staff").get(url("plan_detail", pk=plan.pk)).content.decode()
    for text in (
        "En god kommune at være frivillig i",
        "Tillid",
        "1. Gode rammer",
        "Foreningerne mangler frivillige.",
        "Et kursus om foråret.",
        "Flere frivillige.",
        "20 timer",
        "Centerlederen",
        "Røde Kors Alfa",
        "Videreført fra handleplanen 2015",
        "Mindst 8 foreninger deltager",
        "Måles med “Værdi indtastet i hånden”",
        f'id="indsats-{initiative.pk}"',
    ):
        assert text in page, text


def test_an_empty_plan_invites_the_first_goal(personas, client_for):
    plan = make_plan(personas.tenant)
    page = client_for("centre_staff").get(url("plan_detail", pk=plan.pk)).content.decode()
    assert "Planen har ingen mål endnu." in page
    assert url("goal_create", pk=plan.pk) in page


@pytest.mark.parametrize("size", [1, 3])
def test_plan_detail_query_count_is_constant(personas, client_for, django_assert_num_queries, size):
    plan = make_plan(personas.tenant)
    partner = make_organisation(personas.tenant, name="Partnerforening")
    for number in range(size):
        goal = make_goal(plan, title=f"Mål nummer {number}")
        initiative = make_initiative(goal, title=f"Indsats nummer {number}", continues=None)
        with scopes_disabled():
            initiative.partners.add(partner)
        make_target(goal, initiative=initiative, title=f"Succeskriterium nummer {number}")
        make_target(goal, title=f"Målets eget kriterium {number}")
    client = client_for("centre_staff")
    with django_assert_num_queries(10):
        response = client.get(url("plan_detail", pk=plan.pk))
    assert_rows_rendered(
        response,
        [f"Succeskriterium nummer {n}" for n in range(size)] + [f"Målets eget kriterium {n}" for n in range(size)],
    )


def test_another_tenants_plan_and_another_plans_goal_answer_404(personas, client_for):
    foreign = make_plan(personas.other_tenant, title="Charlies plan")
    plan = make_plan(personas.tenant)
    other_goal = make_goal(make_plan(personas.tenant, title="En anden plan"))
    client = client_for("centre_staff")
    assert client.get(url("plan_detail", pk=foreign.pk)).status_code == 404
    assert client.get(url("goal_edit", pk=plan.pk, goal_pk=other_goal.pk)).status_code == 404
    assert client.post(url("goal_delete", pk=plan.pk, goal_pk=other_goal.pk)).status_code == 404
    assert fresh(other_goal)


def test_people_without_the_permission_are_refused(personas, client_for):
    plan = make_plan(personas.tenant)
    for persona in ("citizen", "association_rep"):
        assert client_for(persona).get(url("plan_detail", pk=plan.pk)).status_code == 403
    assert client_for("anonymous").get(url("plan_list")).status_code == 302


# --- goals and initiatives ----------------------------------------------------------------------------------------


def test_staff_add_a_goal_and_return_to_it(personas, client_for):
    plan = make_plan(personas.tenant)
    make_goal(plan, title="Første mål")
    response = client_for("centre_staff").post(
        url("goal_create", pk=plan.pk), {"title": "Synlighed og netværk", "description": "Flere kender centret."}
    )
    with scopes_disabled():
        goal = Goal.objects.get(title="Synlighed og netværk")
    assert response.headers["Location"].endswith(f"#maal-{goal.pk}")
    assert goal.position == 2 and audited("strategy.goal.saved", goal)


def test_a_goal_is_deleted_only_after_confirmation(personas, client_for):
    plan = make_plan(personas.tenant)
    goal = make_goal(plan, title="Gode rammer")
    make_target(goal, initiative=make_initiative(goal))
    client = client_for("centre_staff")
    page = client.get(url("goal_delete", pk=plan.pk, goal_pk=goal.pk)).content.decode()
    assert "Vil du slette målet “Gode rammer”?" in page
    assert "Dets 1 indsats bliver også slettet." in page
    assert fresh(goal)
    response = client.post(url("goal_delete", pk=plan.pk, goal_pk=goal.pk), follow=True)
    assert "Målet er slettet." in response.content.decode()
    with scopes_disabled():
        assert not Goal.objects.filter(pk=goal.pk).exists() and not Target.objects.exists()
    assert audited("strategy.goal.deleted", goal)


def test_staff_add_an_initiative_with_the_tenants_partners(personas, client_for):
    plan = make_plan(personas.tenant)
    goal = make_goal(plan)
    partner = make_organisation(personas.tenant, name="Ældre Sagen Alfa")
    data = {
        "title": "Dialogmøde om rekruttering",
        "background": "Baggrund",
        "actions": "Et møde",
        "benefit": "Nye frivillige",
        "responsible": "Centret",
        "partners": [partner.pk],
        "origin": "continued",
        "continued_from": "handleplanen 2015",
    }
    response = client_for("municipal_staff").post(url("initiative_create", pk=plan.pk, goal_pk=goal.pk), data)
    with scopes_disabled():
        initiative = Initiative.objects.get(title="Dialogmøde om rekruttering")
        assert list(initiative.partners.all()) == [partner]
    assert response.headers["Location"].endswith(f"#indsats-{initiative.pk}")
    assert (initiative.origin, initiative.continued_from) == ("continued", "handleplanen 2015")
    assert audited("strategy.initiative.saved", initiative)


def test_another_tenants_organisation_is_no_partner(personas, client_for):
    plan = make_plan(personas.tenant)
    goal = make_goal(plan)
    response = client_for("centre_staff").post(
        url("initiative_create", pk=plan.pk, goal_pk=goal.pk),
        {"title": "Med Charlie", "origin": "new", "partners": [personas.foreign_organisation.pk]},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Samarbejdspartnere" in page and "er ikke en af de tilgængelige valgmuligheder" in page
    assert 'value="Med Charlie"' in page
    with scopes_disabled():
        assert not Initiative.objects.exists()


def test_a_new_initiative_is_continued_from_nothing(personas, client_for):
    plan = make_plan(personas.tenant)
    goal = make_goal(plan)
    response = client_for("centre_staff").post(
        url("initiative_create", pk=plan.pk, goal_pk=goal.pk),
        {"title": "Ny indsats", "origin": "new", "continued_from": "2015"},
    )
    assert "En ny indsats er ikke videreført fra noget." in response.content.decode()
    with scopes_disabled():
        assert not Initiative.objects.exists()


def test_an_initiative_is_deleted_only_after_confirmation(personas, client_for):
    plan = make_plan(personas.tenant)
    goal = make_goal(plan)
    initiative = make_initiative(goal, title="Kursus")
    make_target(goal, initiative=initiative)
    client = client_for("centre_staff")
    page = client.get(url("initiative_delete", pk=plan.pk, initiative_pk=initiative.pk)).content.decode()
    assert "Vil du slette indsatsen “Kursus”?" in page
    client.post(url("initiative_delete", pk=plan.pk, initiative_pk=initiative.pk))
    with scopes_disabled():
        assert not Initiative.objects.exists() and not Target.objects.exists()
        assert Goal.objects.filter(pk=goal.pk).exists()


# --- reordering ---------------------------------------------------------------------------------------------------


def positions(model, **filters) -> list[str]:
    with scopes_disabled():
        return list(model.objects.filter(**filters).order_by("position", "pk").values_list("title", flat=True))


def test_goals_move_down_and_up_and_the_page_returns_to_the_moved_goal(personas, client_for):
    plan = make_plan(personas.tenant)
    first, second, third = (make_goal(plan, title=title) for title in ("A", "B", "C"))
    client = client_for("centre_staff")
    response = client.post(url("goal_move", pk=plan.pk, goal_pk=first.pk), {"retning": "down"})
    assert response.status_code == 302
    assert response.headers["Location"] == url("plan_detail", pk=plan.pk) + f"#maal-{first.pk}"
    assert positions(Goal, plan=plan) == ["B", "A", "C"]
    client.post(url("goal_move", pk=plan.pk, goal_pk=third.pk), {"retning": "up"})
    assert positions(Goal, plan=plan) == ["B", "C", "A"]
    # The first cannot move further up: nothing changes.
    client.post(url("goal_move", pk=plan.pk, goal_pk=second.pk), {"retning": "up"})
    assert positions(Goal, plan=plan) == ["B", "C", "A"]
    page = client.get(url("plan_detail", pk=plan.pk)).content.decode()
    assert f'id="maal-{first.pk}" tabindex="-1"' in page
    assert "Målet “B” er flyttet." in page


def test_a_move_without_a_direction_is_not_found(personas, client_for):
    plan = make_plan(personas.tenant)
    goal = make_goal(plan)
    assert client_for("centre_staff").post(url("goal_move", pk=plan.pk, goal_pk=goal.pk)).status_code == 404


def test_initiatives_and_targets_move_among_their_own(personas, client_for):
    plan = make_plan(personas.tenant)
    goal = make_goal(plan)
    one, two = make_initiative(goal, title="Et"), make_initiative(goal, title="To")
    a = make_target(goal, initiative=one, title="a")
    make_target(goal, initiative=one, title="b")
    make_target(goal, title="målets eget")
    client = client_for("centre_staff")
    response = client.post(url("initiative_move", pk=plan.pk, initiative_pk=two.pk), {"retning": "up"})
    assert response.headers["Location"].endswith(f"#indsats-{two.pk}")
    assert positions(Initiative, goal=goal) == ["To", "Et"]
    response = client.post(url("target_move", pk=plan.pk, target_pk=a.pk), {"retning": "down"})
    assert response.headers["Location"].endswith(f"#succeskriterium-{a.pk}")
    assert positions(Target, goal=goal, initiative=one) == ["b", "a"]
    assert positions(Target, goal=goal, initiative=None) == ["målets eget"]


def test_the_move_buttons_name_what_they_move(personas, client_for):
    plan = make_plan(personas.tenant)
    make_goal(plan, title="Gode rammer")
    make_goal(plan, title="Synlighed")
    page = client_for("centre_staff").get(url("plan_detail", pk=plan.pk)).content.decode()
    assert '<span class="sr-only">Flyt “Gode rammer” </span>ned</button>' in page
    assert '<span class="sr-only">Flyt “Synlighed” </span>op</button>' in page
