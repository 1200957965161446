"""Reads of the plan editor: the list of plans, one plan with its goals, initiatives and targets in the order the
plan reads, and the single items the editor's pages work on (always through their plan, so another plan's or
another tenant's item answers 404)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, IntegerField, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from frivillig.core import indicators as registry
from frivillig.strategy.models import Goal, Initiative, Plan, Target


@dataclass(frozen=True)
class PlanFilter:
    status: str = ""
    kind: str = ""


def plans_for_list(tenant, criteria: PlanFilter) -> QuerySet[Plan]:
    goals = Goal.objects.filter(plan=OuterRef("pk")).order_by().values("plan").annotate(n=Count("pk")).values("n")
    targets = (
        Target.objects.filter(goal__plan=OuterRef("pk")).order_by().values("goal__plan").annotate(n=Count("pk"))
    ).values("n")
    queryset = (
        Plan.objects.filter(tenant=tenant)
        .only("pk", "title", "kind", "owner", "status", "starts_on", "ends_on", "is_public")
        .annotate(
            goal_count=Coalesce(Subquery(goals, output_field=IntegerField()), 0),
            target_count=Coalesce(Subquery(targets, output_field=IntegerField()), 0),
        )
    )
    if criteria.status:
        queryset = queryset.filter(status=criteria.status)
    if criteria.kind:
        queryset = queryset.filter(kind=criteria.kind)
    return queryset.order_by("-starts_on", "-pk")


def plan_for_staff(pk: int) -> Plan:
    return get_object_or_404(Plan.objects.select_related("continues"), pk=pk)


def plans_to_continue(tenant, plan: Plan | None) -> QuerySet[Plan]:
    """The plans a plan may continue: the tenant's others, except those that already continue it (directly or
    through others): a plan's line of predecessors never comes back to itself."""
    queryset = Plan.objects.filter(tenant=tenant).order_by("-starts_on", "-pk")
    if plan is None or not plan.pk:
        return queryset
    successors: dict[int | None, list[int]] = {}
    for pk, continues_id in Plan.objects.filter(tenant=tenant).values_list("pk", "continues_id"):
        successors.setdefault(continues_id, []).append(pk)
    excluded, waiting = {plan.pk}, [plan.pk]
    while waiting:
        for successor in successors.get(waiting.pop(), []):
            if successor not in excluded:
                excluded.add(successor)
                waiting.append(successor)
    return queryset.exclude(pk__in=excluded)


def goal_of(plan: Plan, goal_pk: int) -> Goal:
    return get_object_or_404(Goal, plan=plan, pk=goal_pk)


def initiative_of(plan: Plan, initiative_pk: int) -> Initiative:
    return get_object_or_404(Initiative.objects.select_related("goal"), goal__plan=plan, pk=initiative_pk)


def target_of(plan: Plan, target_pk: int) -> Target:
    return get_object_or_404(Target.objects.select_related("goal", "initiative"), goal__plan=plan, pk=target_pk)


def partner_choices(tenant) -> QuerySet:
    """The tenant's CRM organisations that may be an initiative's partners (read through the relation, so the
    strategy app names no CRM module)."""
    organisation: Any = Initiative._meta.get_field("partners").related_model
    return organisation.objects.filter(tenant=tenant).only("pk", "name").order_by("name", "pk")


def initiatives_to_continue(tenant, plan: Plan) -> QuerySet[Initiative]:
    """The initiatives of the tenant's other plans that an initiative of `plan` may continue."""
    return (
        Initiative.objects.filter(tenant=tenant)
        .exclude(goal__plan=plan)
        .select_related("goal__plan")
        .only("pk", "title", "goal__plan__title")
        .order_by("-goal__plan__starts_on", "goal__plan", "goal__position", "position", "pk")
    )


@dataclass
class TargetRow:
    target: Target
    indicator_label: str


@dataclass
class InitiativeBlock:
    initiative: Initiative
    targets: list[TargetRow]


@dataclass
class GoalBlock:
    goal: Goal
    initiatives: list[InitiativeBlock]
    targets: list[TargetRow]  # the goal's own, under no initiative


def _label(key: str) -> str:
    indicator = registry.indicator(key)
    return indicator.label if indicator is not None else key


def plan_structure(plan: Plan) -> list[GoalBlock]:
    """The plan as it reads: each goal in order with its initiatives (partners, predecessor) and the targets under
    each, and the goal's own targets. Four queries, whatever the plan's size."""
    initiatives = (
        Initiative.objects.order_by("position", "pk")
        .select_related("continues__goal__plan")
        .prefetch_related(Prefetch("partners", queryset=partner_choices(plan.tenant)))
    )
    goals = list(
        Goal.objects.filter(plan=plan)
        .order_by("position", "pk")
        .prefetch_related(Prefetch("initiatives", queryset=initiatives))
    )
    by_owner: dict[tuple[int, int | None], list[TargetRow]] = defaultdict(list)
    labels: dict[str, str] = {}
    for target in Target.objects.filter(goal__plan=plan).order_by("position", "pk"):
        if target.indicator_key not in labels:
            labels[target.indicator_key] = _label(target.indicator_key)
        by_owner[(target.goal_id, target.initiative_id)].append(TargetRow(target, labels[target.indicator_key]))
    return [
        GoalBlock(
            goal=goal,
            initiatives=[
                InitiativeBlock(initiative, by_owner.get((goal.pk, initiative.pk), []))
                for initiative in goal.initiatives.all()
            ],
            targets=by_owner.get((goal.pk, None), []),
        )
        for goal in goals
    ]
