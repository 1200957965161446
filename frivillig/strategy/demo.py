"""Strategy demo data: Sorø's strategy 2017-2018 and Rødovre's action plan 2016-17 as structured plans with their
goals, initiatives and targets, the values entered by hand with their evidence, Sorø's status report for 2017 with
a text per goal and initiative, and Sorø's current plan, which continues the 2017-2018 one.

The plans are in `demo_data.py`. Their live targets count what the other apps' demos made (the courses and who came,
the dialogue meetings, the surveys, the collaboration relations): this loader runs after them and reads nothing of
theirs but through the indicator registry, which also turns a choice named by its label (a theme, a survey question)
into the tenant's value. A target whose indicator is not registered (its app is not installed) is left out.

Each row is keyed by its parent and its title (a manual value by its target and day, a status text by its report
and subject), so loading twice adds nothing; what exists is left as it is.
"""

from __future__ import annotations

import logging
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone, translation

from frivillig.core.demo_loader import DemoContext
from frivillig.core.indicators import indicator
from frivillig.strategy.demo_data import (
    SEED_PLANS,
    SOROE_2017,
    SOROE_REPORT_INTRODUCTION,
    SOROE_REPORT_TITLE,
    GoalSpec,
    InitiativeSpec,
    Pick,
    PlanSpec,
    TargetSpec,
    current_soroe_plan,
)
from frivillig.strategy.enums import PlanStatus
from frivillig.strategy.measure import read_target
from frivillig.strategy.models import (
    Goal,
    Initiative,
    ManualValue,
    Plan,
    StatusReport,
    StatusText,
    Target,
    TargetSnapshot,
)
from frivillig.strategy.selectors import strategy_settings

logger = logging.getLogger(__name__)


def load(context: DemoContext) -> None:
    plans: dict[str, Plan] = {}
    for spec in SEED_PLANS:
        tenant = context.tenants.get(spec.tenant)
        if tenant is not None:
            plans[spec.title] = load_plan(spec=spec, tenant=tenant, context=context)
    soroe = context.tenants.get(SOROE_2017.tenant)
    if soroe is not None:
        earlier = plans[SOROE_2017.title]
        load_status_report(plan=earlier, spec=SOROE_2017, year=2017)
        current = load_plan(spec=current_soroe_plan(context.today), tenant=soroe, context=context, continues=earlier)
        plans[current.title] = current
    # The running plan's history is left to the nightly snapshot; the plans that are over get theirs here.
    for plan in plans.values():
        if plan.status != PlanStatus.ACTIVE:
            load_history(plan=plan, today=context.today)


def _aware(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def resolve_params(key: str, params: dict, tenant) -> dict:
    """The parameters as a target stores them: each `Pick` replaced by the value of the indicator's choice whose
    value or Danish label is the one named (a survey question's label ends with the question's text)."""
    found = indicator(key)
    resolved = {}
    for name, raw in params.items():
        if not isinstance(raw, Pick):
            resolved[name] = raw
            continue
        param = found.param(name) if found else None
        if param is None or param.choices is None:
            raise LookupError(f"{key} has no choice parameter {name!r}")
        with translation.override("da"):
            choices = [(str(value), str(label)) for value, label in param.choices(tenant)]
        value = next(
            (value for value, label in choices if raw.label in (value, label) or label.endswith(raw.label)), None
        )
        if value is None:
            raise LookupError(f"{key}: no {name} called {raw.label!r} in {tenant}")
        resolved[name] = value
    return resolved


@transaction.atomic
def load_plan(*, spec: PlanSpec, tenant, context: DemoContext, continues: Plan | None = None) -> Plan:
    """The plan `spec` describes with what is missing of its goals, initiatives, targets and values."""
    staff = context.users.get(f"staff.{tenant.slug}")
    plan = Plan.objects.filter(tenant=tenant, title=spec.title).first()
    if plan is None:
        plan = Plan.objects.create(
            tenant=tenant,
            kind=spec.kind,
            title=spec.title,
            owner=spec.owner,
            starts_on=spec.starts_on,
            ends_on=spec.ends_on,
            vision=spec.vision,
            values=spec.values,
            legal_basis=spec.legal_basis,
            introduction=spec.introduction,
            status=spec.status,
            continues=continues,
            is_public=spec.is_public,
            created_by=staff,
        )
        # Written in the autumn before the period (the current plan: just now, if that is sooner).
        written = min(_aware(spec.starts_on - timedelta(days=60)), timezone.now())
        Plan.objects.filter(pk=plan.pk).update(created_at=written, updated_at=written)
    for position, goal_spec in enumerate(spec.goals, start=1):
        goal = _goal(plan, goal_spec, position)
        for initiative_position, initiative_spec in enumerate(goal_spec.initiatives, start=1):
            initiative = _initiative(goal, initiative_spec, initiative_position, continues)
            _targets(goal, initiative, initiative_spec.targets, staff)
        _targets(goal, None, goal_spec.targets, staff)
    return plan


def _goal(plan: Plan, spec: GoalSpec, position: int) -> Goal:
    goal, _created = Goal.objects.get_or_create(
        tenant=plan.tenant,
        plan=plan,
        title=spec.title,
        defaults={"position": position, "description": spec.description},
    )
    return goal


def _initiative(goal: Goal, spec: InitiativeSpec, position: int, continues: Plan | None) -> Initiative:
    predecessor = None
    if continues is not None:
        predecessor = Initiative.objects.filter(goal__plan=continues, title=spec.title).first()
    initiative, _created = Initiative.objects.get_or_create(
        tenant=goal.tenant,
        goal=goal,
        title=spec.title,
        defaults={
            "position": position,
            # A continued initiative keeps its predecessor's texts where it does not say anything new.
            "background": spec.background or (predecessor.background if predecessor else ""),
            "actions": spec.actions or (predecessor.actions if predecessor else ""),
            "benefit": spec.benefit or (predecessor.benefit if predecessor else ""),
            "resource_needs": spec.resource_needs or (predecessor.resource_needs if predecessor else ""),
            "responsible": spec.responsible,
            "origin": spec.origin,
            "continues": predecessor,
            "continued_from": spec.continued_from,
        },
    )
    return initiative


def _targets(goal: Goal, initiative: Initiative | None, specs: tuple[TargetSpec, ...], staff) -> None:
    for position, spec in enumerate(specs, start=1):
        if indicator(spec.indicator) is None:
            logger.warning("Demo target %r left out: indicator %s is not registered", spec.title, spec.indicator)
            continue
        target, created = Target.objects.get_or_create(
            tenant=goal.tenant,
            goal=goal,
            initiative=initiative,
            title=spec.title,
            defaults={
                "position": position,
                "kind": spec.kind,
                "indicator_key": spec.indicator,
                "params": resolve_params(spec.indicator, spec.params, goal.tenant),
                "comparator": spec.comparator,
                "target_value": Decimal(spec.target_value),
                "starts_on": spec.starts_on,
                "deadline": spec.deadline,
                "evaluation": spec.evaluation,
                "story": spec.story,
            },
        )
        if created and spec.story:
            Target.objects.filter(pk=target.pk).update(story_updated_at=min(_aware(spec.deadline), timezone.now()))
        for value_spec in spec.values:
            value, made = ManualValue.objects.get_or_create(
                tenant=goal.tenant,
                target=target,
                measured_on=value_spec.on,
                defaults={"value": Decimal(value_spec.value), "note": value_spec.note, "entered_by": staff},
            )
            if made:
                ManualValue.objects.filter(pk=value.pk).update(
                    entered_at=min(_aware(value_spec.on, 14), timezone.now())
                )


@transaction.atomic
def load_status_report(*, plan: Plan, spec: PlanSpec, year: int) -> StatusReport:
    """The plan's status report for the year (a draft), with the staff's text on each goal and initiative."""
    report, _created = StatusReport.objects.get_or_create(
        tenant=plan.tenant,
        plan=plan,
        year=year,
        defaults={"title": SOROE_REPORT_TITLE, "introduction": SOROE_REPORT_INTRODUCTION},
    )
    goals = {goal.title: goal for goal in Goal.objects.filter(plan=plan)}
    initiatives = {(i.goal_id, i.title): i for i in Initiative.objects.filter(goal__plan=plan)}
    for goal_spec in spec.goals:
        goal = goals[goal_spec.title]
        if goal_spec.status_2017:
            StatusText.objects.get_or_create(
                tenant=plan.tenant, report=report, goal=goal, defaults={"text": goal_spec.status_2017}
            )
        for initiative_spec in goal_spec.initiatives:
            initiative = initiatives[(goal.pk, initiative_spec.title)]
            if initiative_spec.status_2017:
                StatusText.objects.get_or_create(
                    tenant=plan.tenant,
                    report=report,
                    initiative=initiative,
                    defaults={"text": initiative_spec.status_2017},
                )
    return report


def _history_days(plan: Plan, today: date) -> list[date]:
    """The days kept for the sparklines of a plan that is over: the end of each quarter of its period."""
    months = 3
    days = []
    # Months counted from year 0, so that a step over the new year needs no care.
    index = plan.starts_on.year * 12 + plan.starts_on.month - 1 + months - 1
    while True:
        year, month = divmod(index + 1, 12)
        last = date(year, month + 1, 1) - timedelta(days=1)
        if last > plan.ends_on or last >= today:
            return days
        days.append(last)
        index += months


@transaction.atomic
def load_history(*, plan: Plan, today: date) -> int:
    """Snapshots of the plan's targets on the days `_history_days` gives, each as the target read that day; returns
    how many were added (a day that has its snapshot is left as it is)."""
    settings = strategy_settings(plan.tenant)
    targets = list(Target.objects.filter(goal__plan=plan).select_related("tenant").order_by("pk"))
    taken = set(
        TargetSnapshot.objects.filter(target__in=targets)
        .order_by()
        .values_list("target_id", "definition_version", "taken_on")
    )
    snapshots = []
    for day in _history_days(plan, today):
        for target in targets:
            if day < target.starts_on or (target.pk, target.definition_version, day) in taken:
                continue
            reading = read_target(target, as_of=day, settings=settings, today=today, with_records=False)
            snapshots.append(
                TargetSnapshot(
                    tenant=plan.tenant,
                    target=target,
                    definition_version=target.definition_version,
                    taken_on=day,
                    value=reading.value,
                    status=reading.status,
                )
            )
    TargetSnapshot.objects.bulk_create(snapshots)
    return len(snapshots)
