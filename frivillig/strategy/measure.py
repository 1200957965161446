"""Reading a target: its indicator computed over the target's period, as of a day, and judged by the status rules.

The period: from the target's `starts_on` to its deadline. Read as of today (the dashboard), the indicator counts
what has happened so far and returns the moments planned in the whole period (a course later in the year), which
the pace follows. Read as of a day in the past (a status report of an earlier year), the value is counted up to that
day only, and the moments still come from the whole period: a course planned for next spring keeps a target on
track in this year's report.

Nothing here imports a domain app: the numbers come through the indicator registry (core/indicators.py)."""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from frivillig.core.indicators import CountedRecord, Indicator, indicator
from frivillig.strategy.enums import STATUS_ORDER, TargetKind, TargetStatus
from frivillig.strategy.indicators import MANUAL_KEY
from frivillig.strategy.models import Goal, Initiative, ManualValue, Plan, StrategySettings, Target
from frivillig.strategy.selectors import strategy_settings
from frivillig.strategy.status import Verdict, judge, rule_text

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Reading:
    target: Target
    value: Decimal | None
    status: TargetStatus
    rule: str
    records: list[CountedRecord]
    moments: list[date]
    expected: Decimal | None
    stale: bool
    as_of: date
    starts_on: date
    ends_on: date
    indicator_label: str
    # Set when the indicator could not be computed (no longer registered, or failed): the reading has no data.
    problem: str = ""

    @property
    def latest_manual_on(self) -> date | None:
        """The day a manual value was measured (its record's detail), for the "old value" flag."""
        if self.target.indicator_key != MANUAL_KEY or not self.records:
            return None
        return date.fromisoformat(self.records[0].detail)


@dataclass
class InitiativeReading:
    initiative: Initiative
    targets: list[Reading] = field(default_factory=list)


@dataclass
class GoalReading:
    goal: Goal
    targets: list[Reading] = field(default_factory=list)  # the goal's own targets (under no initiative)
    initiatives: list[InitiativeReading] = field(default_factory=list)

    @property
    def all_targets(self) -> list[Reading]:
        return [*self.targets, *(reading for initiative in self.initiatives for reading in initiative.targets)]

    @property
    def counts(self) -> list[tuple[TargetStatus, int]]:
        return status_counts(self.all_targets)

    @property
    def headline(self) -> TargetStatus | None:
        return weakest(self.all_targets)


@dataclass
class PlanReading:
    plan: Plan
    as_of: date
    goals: list[GoalReading]

    @property
    def all_targets(self) -> list[Reading]:
        return [reading for goal in self.goals for reading in goal.all_targets]

    @property
    def counts(self) -> list[tuple[TargetStatus, int]]:
        return status_counts(self.all_targets)


def status_counts(readings: list[Reading]) -> list[tuple[TargetStatus, int]]:
    """How many readings have each status, weakest first, statuses without any left out."""
    counted = Counter(reading.status for reading in readings)
    return [(status, counted[status]) for status in STATUS_ORDER if counted[status]]


def weakest(readings: list[Reading]) -> TargetStatus | None:
    statuses = {reading.status for reading in readings}
    return next((status for status in STATUS_ORDER if status in statuses), None)


def _params(target: Target) -> dict:
    params = dict(target.params or {})
    if target.indicator_key == MANUAL_KEY:
        params["target"] = str(target.pk)
    return params


def read_target(
    target: Target,
    *,
    as_of: date | None = None,
    settings: StrategySettings | None = None,
    today: date | None = None,
    with_records: bool = True,
) -> Reading:
    """The target's value, status and counted records as of `as_of` (default today, Danish date). Without records
    (`with_records=False`, for pages that show the numbers only) the indicator may count in the database and the
    reading's records are empty, except a manual value's one record (the day it was measured)."""
    today = today or timezone.localdate()
    as_of = as_of or today
    settings = settings or strategy_settings(target.tenant)
    found: Indicator | None = indicator(target.indicator_key)
    starts_on = target.starts_on
    whole_end = target.deadline
    ends_on = whole_end if as_of >= today else min(whole_end, as_of)
    value: Decimal | None = None
    records: list[CountedRecord] = []
    moments: list[date] = []
    problem = ""
    if found is None:
        problem = _("The indicator “%(key)s” is no longer available.") % {"key": target.indicator_key}
    elif as_of < starts_on:
        problem = _("The target is measured from %(date)s.") % {"date": starts_on.strftime("%d.%m.%Y")}
    else:
        try:
            measured = found.measure(
                tenant=target.tenant,
                starts_on=starts_on,
                ends_on=ends_on,
                params=_params(target),
                records=with_records or target.indicator_key == MANUAL_KEY,
            )
            value, records, moments = measured.value, measured.records, measured.moments
            if ends_on < whole_end and target.kind in (TargetKind.REACH, TargetKind.OCCURRENCE):
                # Read as of a past day: the moments of the whole period guide the pace.
                whole = found.measure(
                    tenant=target.tenant, starts_on=starts_on, ends_on=whole_end, params=_params(target), records=False
                )
                moments = whole.moments
        except Exception:  # an indicator's failure must not take the whole dashboard down
            logger.exception("Indicator %s failed for target %s", target.indicator_key, target.pk)
            problem = _("The indicator could not be computed; the error has been logged.")
            value, records, moments = None, [], []
    verdict = Verdict(TargetStatus.NO_DATA, None, rule_text(target.kind, on_track_percent=settings.on_track_percent))
    if not problem:
        verdict = judge(
            kind=target.kind,
            comparator=target.comparator,
            target_value=target.target_value,
            baseline=target.baseline,
            starts_on=starts_on,
            deadline=target.deadline,
            value=value,
            moments=moments,
            today=as_of,
            on_track_percent=settings.on_track_percent,
        )
    reading = Reading(
        target=target,
        value=value,
        status=verdict.status,
        rule=verdict.rule,
        records=records,
        moments=moments,
        expected=verdict.expected,
        stale=False,
        as_of=as_of,
        starts_on=starts_on,
        ends_on=ends_on,
        indicator_label=found.label if found else target.indicator_key,
        problem=problem,
    )
    measured_on = reading.latest_manual_on
    if measured_on is not None and (as_of - measured_on).days > settings.manual_stale_days:
        reading = replace(reading, stale=True)
    return reading


def plan_targets(plan: Plan) -> tuple[list[Goal], list[Initiative], list[Target]]:
    """The plan's goals, initiatives and targets in order: three queries."""
    goals = list(Goal.objects.filter(plan=plan).order_by("position", "pk"))
    initiatives = list(Initiative.objects.filter(goal__plan=plan).order_by("goal", "position", "pk"))
    targets = list(
        Target.objects.filter(goal__plan=plan).select_related("tenant").order_by("goal", "initiative", "position", "pk")
    )
    return goals, initiatives, targets


def read_plan(plan: Plan, *, as_of: date | None = None, read=read_target) -> PlanReading:
    """Every target of the plan read as of `as_of`, arranged by goal and initiative in the plan's order. `read` reads
    one target (the dashboard passes a cached reader)."""
    as_of = as_of or timezone.localdate()
    settings = strategy_settings(plan.tenant)
    goals, initiatives, targets = plan_targets(plan)
    by_goal = {goal.pk: GoalReading(goal=goal) for goal in goals}
    by_initiative = {}
    for initiative in initiatives:
        by_initiative[initiative.pk] = InitiativeReading(initiative=initiative)
        by_goal[initiative.goal_id].initiatives.append(by_initiative[initiative.pk])
    for target in targets:
        reading = read(target, as_of=as_of, settings=settings)
        if target.initiative_id is not None and target.initiative_id in by_initiative:
            by_initiative[target.initiative_id].targets.append(reading)
        else:
            by_goal[target.goal_id].targets.append(reading)
    return PlanReading(plan=plan, as_of=as_of, goals=list(by_goal.values()))


def latest_manual_value(target: Target) -> ManualValue | None:
    return ManualValue.objects.filter(target=target).order_by("-measured_on", "-pk").first()
