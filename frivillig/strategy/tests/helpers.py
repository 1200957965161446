"""Plans, goals, initiatives and targets for the tests (append helpers at the end; keep them small)."""

from datetime import date
from decimal import Decimal

from django.urls import reverse
from django_scopes import scopes_disabled

from frivillig.strategy.enums import Comparator, TargetKind
from frivillig.strategy.models import Goal, Initiative, Plan, Target


def url(name: str, **kwargs) -> str:
    return reverse(f"strategy:{name}", kwargs={"tenant_slug": "alfa", **kwargs})


def make_plan(tenant, **fields) -> Plan:
    fields.setdefault("title", "Strategi for Frivilligcenter Alfa 2017-2018")
    fields.setdefault("starts_on", date(2017, 1, 1))
    fields.setdefault("ends_on", date(2018, 12, 31))
    with scopes_disabled():
        return Plan.objects.create(tenant=tenant, **fields)


def make_goal(plan, **fields) -> Goal:
    fields.setdefault("title", "Flere frivillige")
    with scopes_disabled():
        fields.setdefault("position", Goal.objects.filter(plan=plan).count() + 1)
        return Goal.objects.create(tenant=plan.tenant, plan=plan, **fields)


def make_initiative(goal, **fields) -> Initiative:
    fields.setdefault("title", "Kursus i rekruttering")
    with scopes_disabled():
        fields.setdefault("position", Initiative.objects.filter(goal=goal).count() + 1)
        return Initiative.objects.create(tenant=goal.tenant, goal=goal, **fields)


def make_target(goal, *, indicator_key: str = "strategy.manual", initiative=None, **fields) -> Target:
    """A target under the goal (and the initiative, when given), measured over the goal's plan's period by default."""
    plan = goal.plan
    fields.setdefault("title", "Mindst 8 foreninger deltager i kurset")
    fields.setdefault("kind", TargetKind.MANUAL if indicator_key == "strategy.manual" else TargetKind.REACH)
    fields.setdefault("comparator", Comparator.AT_LEAST)
    fields.setdefault("target_value", Decimal(8))
    fields.setdefault("starts_on", plan.starts_on)
    fields.setdefault("deadline", plan.ends_on)
    with scopes_disabled():
        fields.setdefault("position", Target.objects.filter(goal=goal, initiative=initiative).count() + 1)
        return Target.objects.create(
            tenant=goal.tenant, goal=goal, initiative=initiative, indicator_key=indicator_key, **fields
        )
