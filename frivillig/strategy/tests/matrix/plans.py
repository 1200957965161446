"""The plan editor: the staff who write and follow plans (the centre, the municipality, the tenant's administrator)."""

from frivillig.strategy.tests.helpers import make_goal, make_initiative, make_plan, make_target
from frivillig.tenants.enums import Role
from frivillig.testing import tenant_roles

STAFF = (Role.CENTRE_STAFF, Role.MUNICIPAL_STAFF, Role.TENANT_ADMIN)
PLAN = {"pk": "{strategy_plans_plan}"}
GOAL = {**PLAN, "goal_pk": "{strategy_plans_goal}"}
INITIATIVE = {**PLAN, "initiative_pk": "{strategy_plans_initiative}"}
TARGET = {**PLAN, "target_pk": "{strategy_plans_target}"}
MOVE = {"retning": "down"}

CASES = {
    "strategy:plan_list": tenant_roles(*STAFF),
    "strategy:plan_create": tenant_roles(*STAFF),
    "strategy:plan_detail": tenant_roles(*STAFF, kwargs=dict(PLAN)),
    "strategy:plan_edit": tenant_roles(*STAFF, kwargs=dict(PLAN)),
    "strategy:plan_copy": tenant_roles(*STAFF, kwargs=dict(PLAN)),
    "strategy:goal_create": tenant_roles(*STAFF, kwargs=dict(PLAN)),
    "strategy:goal_edit": tenant_roles(*STAFF, kwargs=dict(GOAL)),
    "strategy:goal_delete": tenant_roles(*STAFF, kwargs=dict(GOAL)),
    "strategy:goal_move": tenant_roles(*STAFF, status=302, method="post", kwargs=dict(GOAL), data=MOVE),
    "strategy:initiative_create": tenant_roles(*STAFF, kwargs=dict(GOAL)),
    "strategy:initiative_edit": tenant_roles(*STAFF, kwargs=dict(INITIATIVE)),
    "strategy:initiative_delete": tenant_roles(*STAFF, kwargs=dict(INITIATIVE)),
    "strategy:initiative_move": tenant_roles(*STAFF, status=302, method="post", kwargs=dict(INITIATIVE), data=MOVE),
    "strategy:target_create": tenant_roles(*STAFF, kwargs=dict(GOAL)),
    "strategy:target_edit": tenant_roles(*STAFF, kwargs=dict(TARGET)),
    "strategy:target_delete": tenant_roles(*STAFF, kwargs=dict(TARGET)),
    "strategy:target_move": tenant_roles(*STAFF, status=302, method="post", kwargs=dict(TARGET), data=MOVE),
}


def objects(personas) -> dict:
    plan = make_plan(personas.tenant, title="Matrixplan 2017-2018")
    goal = make_goal(plan, title="Gode rammer")
    make_goal(plan, title="Synlighed og netværk")
    initiative = make_initiative(goal, title="Kursus i rekruttering")
    make_initiative(goal, title="Dialogmøde")
    target = make_target(goal, initiative=initiative, title="Mindst 8 foreninger deltager")
    make_target(goal, initiative=initiative, title="Mindst 1 dialogmøde")
    return {
        "strategy_plans_plan": plan.pk,
        "strategy_plans_goal": goal.pk,
        "strategy_plans_initiative": initiative.pk,
        "strategy_plans_target": target.pk,
    }
