"""Following a plan: its dashboard, a target's page, values entered by hand and their evidence, the story; the
tenant's settings for the status rules (its administrator and the centre)."""

from datetime import date
from decimal import Decimal

from django.core.files.base import ContentFile
from django_scopes import scope

from frivillig.strategy.services_following import manual_value_enter
from frivillig.strategy.tests.helpers import make_goal, make_initiative, make_plan, make_target
from frivillig.tenants.enums import Role
from frivillig.testing import tenant_roles

STAFF = (Role.CENTRE_STAFF, Role.MUNICIPAL_STAFF, Role.TENANT_ADMIN)
PLAN = {"pk": "{strategy_dashboard_plan}"}
TARGET = {"pk": "{strategy_dashboard_target}"}
MANUAL_VALUE = {"pk": "{strategy_dashboard_manual_value}"}

CASES = {
    "strategy:plan_dashboard": tenant_roles(*STAFF, kwargs=dict(PLAN)),
    "strategy:dashboard_refresh": tenant_roles(*STAFF, status=302, method="post", kwargs=dict(PLAN)),
    "strategy:target_detail": tenant_roles(*STAFF, kwargs=dict(TARGET)),
    "strategy:target_story": tenant_roles(*STAFF, kwargs=dict(TARGET)),
    "strategy:manual_value_create": tenant_roles(*STAFF, kwargs=dict(TARGET)),
    "strategy:manual_value_file": tenant_roles(*STAFF, kwargs=dict(MANUAL_VALUE)),
    "strategy:settings": tenant_roles(Role.TENANT_ADMIN, Role.CENTRE_STAFF),
}


def objects(personas) -> dict:
    plan = make_plan(personas.tenant, title="Statusplan 2017-2018")
    goal = make_goal(plan, title="Flere frivillige")
    initiative = make_initiative(goal, title="Rekrutteringskampagne")
    target = make_target(goal, initiative=initiative, title="Mindst 10 nye frivillige")
    with scope(tenant=personas.tenant):
        manual = manual_value_enter(
            target=target,
            value=Decimal(4),
            measured_on=date(2017, 6, 1),
            note="Optalt på møde i styregruppen",
            evidence_file=ContentFile(b"%PDF-1.4 referat", name="referat.pdf"),
        )
    return {
        "strategy_dashboard_plan": plan.pk,
        "strategy_dashboard_target": target.pk,
        "strategy_dashboard_manual_value": manual.pk,
    }
