"""Writes of the plan editor: plans, goals, initiatives and targets, their order, and copying a plan into the next
one. Every write is one transaction and one audit entry.

A target's definition (what is measured and against what) has a version: changing it renews the version, so the
snapshots of the old definition stay as they were and a new history begins; other edits keep it."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from django.db import models, transaction

from frivillig.core import indicators as registry
from frivillig.core.services import log_action
from frivillig.strategy.enums import InitiativeOrigin, PlanStatus
from frivillig.strategy.models import Goal, Initiative, Plan, Target

UP = "up"
DOWN = "down"

# What a target measures and against what: a change to any of these starts a new history.
DEFINITION_FIELDS = (
    "indicator_key",
    "params",
    "kind",
    "comparator",
    "target_value",
    "baseline",
    "starts_on",
    "deadline",
)


def _next_position(queryset: models.QuerySet) -> int:
    last = queryset.aggregate(last=models.Max("position"))["last"]
    return (last or 0) + 1


def _swap(queryset: models.QuerySet, item: models.Model, direction: str) -> bool:
    """Swap the item with its neighbour above or below (positions renumbered 1..n first, so ties cannot stick).
    False when there is no neighbour that way."""
    items = list(queryset.select_for_update().order_by("position", "pk"))
    for number, row in enumerate(items, start=1):
        if row.position != number:
            row.position = number
            row.save(update_fields=["position"])
    index = next(index for index, row in enumerate(items) if row.pk == item.pk)
    other_index = index - 1 if direction == UP else index + 1
    if not 0 <= other_index < len(items):
        return False
    me, other = items[index], items[other_index]
    me.position, other.position = other.position, me.position
    me.save(update_fields=["position"])
    other.save(update_fields=["position"])
    return True


# --- plans --------------------------------------------------------------------------------------------------------


@transaction.atomic
def plan_save(*, plan: Plan, actor, changed: Iterable[str] = ()) -> Plan:
    created = plan.pk is None
    if created:
        plan.created_by = actor
    plan.save()
    code = "strategy.plan.created" if created else "strategy.plan.updated"
    log_action(code, actor=actor, tenant=plan.tenant, target=plan, data={"changed": sorted(changed)})
    return plan


def shifted(day: date, days: int) -> date:
    return date.fromordinal(day.toordinal() + days)


@transaction.atomic
def plan_copy(*, plan: Plan, title: str, starts_on: date, ends_on: date, actor) -> Plan:
    """The next plan: a draft that continues `plan`, with each goal copied, each initiative copied as continued from
    its predecessor (partners kept), and each target copied with its dates moved as far as the period moved. The
    copies' history starts afresh: no snapshots, values entered by hand, stories or evaluations."""
    days = (starts_on - plan.starts_on).days
    copy = Plan.objects.create(
        tenant=plan.tenant,
        kind=plan.kind,
        title=title,
        owner=plan.owner,
        starts_on=starts_on,
        ends_on=ends_on,
        vision=plan.vision,
        values=plan.values,
        legal_basis=plan.legal_basis,
        introduction=plan.introduction,
        status=PlanStatus.DRAFT,
        continues=plan,
        is_public=False,
        created_by=actor,
    )
    goals = list(Goal.objects.filter(plan=plan).order_by("position", "pk"))
    initiatives = list(
        Initiative.objects.filter(goal__plan=plan).order_by("position", "pk").prefetch_related("partners")
    )
    targets = list(Target.objects.filter(goal__plan=plan).order_by("position", "pk"))
    new_goals: dict[int, Goal] = {}
    for goal in goals:
        new_goals[goal.pk] = Goal.objects.create(
            tenant=plan.tenant, plan=copy, position=goal.position, title=goal.title, description=goal.description
        )
    new_initiatives: dict[int, Initiative] = {}
    for initiative in initiatives:
        successor = Initiative.objects.create(
            tenant=plan.tenant,
            goal=new_goals[initiative.goal_id],
            position=initiative.position,
            title=initiative.title,
            background=initiative.background,
            actions=initiative.actions,
            benefit=initiative.benefit,
            resource_needs=initiative.resource_needs,
            responsible=initiative.responsible,
            origin=InitiativeOrigin.CONTINUED,
            continues=initiative,
        )
        successor.partners.set(initiative.partners.all())
        new_initiatives[initiative.pk] = successor
    for target in targets:
        indicator = registry.indicator(target.indicator_key)
        # What the strategy fills in itself (the manual indicator's own target) belongs to the old target.
        fixed = {param.name for param in indicator.params if not param.editable} if indicator else set()
        Target.objects.create(
            tenant=plan.tenant,
            goal=new_goals[target.goal_id],
            initiative=new_initiatives[target.initiative_id] if target.initiative_id else None,
            position=target.position,
            title=target.title,
            kind=target.kind,
            indicator_key=target.indicator_key,
            params={name: value for name, value in (target.params or {}).items() if name not in fixed},
            comparator=target.comparator,
            target_value=target.target_value,
            baseline=target.baseline,
            starts_on=shifted(target.starts_on, days),
            deadline=shifted(target.deadline, days),
        )
    log_action(
        "strategy.plan.copied",
        actor=actor,
        tenant=plan.tenant,
        target=copy,
        data={"from": plan.pk, "goals": len(goals), "initiatives": len(initiatives), "targets": len(targets)},
    )
    return copy


# --- goals --------------------------------------------------------------------------------------------------------


@transaction.atomic
def goal_save(*, goal: Goal, actor, changed: Iterable[str] = ()) -> Goal:
    created = goal.pk is None
    if created:
        goal.position = _next_position(Goal.objects.filter(plan=goal.plan))
    goal.save()
    log_action(
        "strategy.goal.saved",
        actor=actor,
        tenant=goal.tenant,
        target=goal,
        data={"plan": goal.plan_id, "created": created, "changed": sorted(changed)},
    )
    return goal


@transaction.atomic
def goal_delete(*, goal: Goal, actor) -> None:
    """Deletes the goal with its initiatives and targets (and their history)."""
    log_action("strategy.goal.deleted", actor=actor, tenant=goal.tenant, target=goal, data={"plan": goal.plan_id})
    goal.delete()


def goal_move(*, goal: Goal, direction: str, actor) -> None:
    with transaction.atomic():
        if _swap(Goal.objects.filter(plan=goal.plan), goal, direction):
            log_action(
                "strategy.goal.saved",
                actor=actor,
                tenant=goal.tenant,
                target=goal,
                data={"plan": goal.plan_id, "moved": direction},
            )


# --- initiatives --------------------------------------------------------------------------------------------------


@transaction.atomic
def initiative_save(*, initiative: Initiative, partners: Iterable, actor, changed: Iterable[str] = ()) -> Initiative:
    created = initiative.pk is None
    if created:
        initiative.position = _next_position(Initiative.objects.filter(goal=initiative.goal))
    initiative.save()
    initiative.partners.set(list(partners))
    log_action(
        "strategy.initiative.saved",
        actor=actor,
        tenant=initiative.tenant,
        target=initiative,
        data={"goal": initiative.goal_id, "created": created, "changed": sorted(changed)},
    )
    return initiative


@transaction.atomic
def initiative_delete(*, initiative: Initiative, actor) -> None:
    """Deletes the initiative with its targets (and their history)."""
    log_action(
        "strategy.initiative.deleted",
        actor=actor,
        tenant=initiative.tenant,
        target=initiative,
        data={"goal": initiative.goal_id},
    )
    initiative.delete()


def initiative_move(*, initiative: Initiative, direction: str, actor) -> None:
    with transaction.atomic():
        if _swap(Initiative.objects.filter(goal=initiative.goal), initiative, direction):
            log_action(
                "strategy.initiative.saved",
                actor=actor,
                tenant=initiative.tenant,
                target=initiative,
                data={"goal": initiative.goal_id, "moved": direction},
            )


# --- targets ------------------------------------------------------------------------------------------------------


def _same(old, new) -> bool:
    if isinstance(old, Decimal) or isinstance(new, Decimal):
        if old is None or new is None:
            return old is None and new is None
        return Decimal(old) == Decimal(new)
    return old == new


def _siblings(target: Target) -> models.QuerySet[Target]:
    siblings = Target.objects.filter(goal_id=target.goal_id)
    if target.initiative_id is None:
        return siblings.filter(initiative__isnull=True)
    return siblings.filter(initiative_id=target.initiative_id)


@transaction.atomic
def target_save(*, target: Target, actor, changed: Iterable[str] = ()) -> Target:
    """Saves the target. When what it measures changed (DEFINITION_FIELDS), its definition version is renewed and
    the change is logged as a redefinition; a new target, or a change of its words, keeps version 1 / its version."""
    created = target.pk is None
    redefined: list[str] = []
    if created:
        target.definition_version = 1
        target.position = _next_position(_siblings(target))
    else:
        old = Target.objects.select_for_update().filter(pk=target.pk).values(*DEFINITION_FIELDS, "initiative_id")
        old = old.get()
        redefined = [name for name in DEFINITION_FIELDS if not _same(old[name], getattr(target, name))]
        if redefined:
            target.definition_version = (
                Target.objects.filter(pk=target.pk).values_list("definition_version", flat=True).get() + 1
            )
        if old["initiative_id"] != target.initiative_id:
            target.position = _next_position(_siblings(target))
    target.save()
    if redefined:
        log_action(
            "strategy.target.redefined",
            actor=actor,
            tenant=target.tenant,
            target=target,
            data={"version": target.definition_version, "changed": redefined},
        )
    else:
        log_action(
            "strategy.target.saved",
            actor=actor,
            tenant=target.tenant,
            target=target,
            data={"goal": target.goal_id, "created": created, "changed": sorted(changed)},
        )
    return target


@transaction.atomic
def target_delete(*, target: Target, actor) -> None:
    """Deletes the target with its history (snapshots and values entered by hand)."""
    log_action(
        "strategy.target.deleted", actor=actor, tenant=target.tenant, target=target, data={"goal": target.goal_id}
    )
    target.delete()


def target_move(*, target: Target, direction: str, actor) -> None:
    with transaction.atomic():
        if _swap(_siblings(target), target, direction):
            log_action(
                "strategy.target.saved",
                actor=actor,
                tenant=target.tenant,
                target=target,
                data={"goal": target.goal_id, "moved": direction},
            )
