"""Reads for following a plan: the dashboard's readings (kept in the cache for a while, since each target's
indicator costs queries of its own), the targets' histories and the values entered by hand."""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date, timedelta

from django.conf import settings as django_settings
from django.core.cache import cache
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language

from frivillig.core.caching import cache_key
from frivillig.strategy.indicators import MANUAL_KEY
from frivillig.strategy.measure import PlanReading, Reading, read_plan, read_target
from frivillig.strategy.models import ManualValue, Plan, StatusReport, StrategySettings, Target, TargetSnapshot
from frivillig.strategy.selectors import strategy_settings

DEFAULT_READING_CACHE_SECONDS = 300


def plan_for_staff(pk: int) -> Plan:
    return get_object_or_404(Plan, pk=pk)


def target_for_staff(pk: int) -> Target:
    return get_object_or_404(Target.objects.select_related("tenant", "goal__plan", "initiative"), pk=pk)


def reading_cache_seconds() -> int:
    return int(getattr(django_settings, "STRATEGY_READING_CACHE_SECONDS", DEFAULT_READING_CACHE_SECONDS))


def _generation_key(plan_id: int) -> str:
    return f"strategy:plan-readings:{plan_id}"


def plan_generation(plan_id: int) -> int:
    """The plan's readings in the cache belong to a generation; a new one (readings_forget) drops them all at once,
    whatever day and language they were read for."""
    return cache.get(_generation_key(plan_id)) or 0


def readings_forget(plan_id: int) -> None:
    key = _generation_key(plan_id)
    cache.set(key, plan_generation(plan_id) + 1, None)


@dataclass(frozen=True)
class CachedReading:
    reading: Reading
    computed_at: float  # seconds since the epoch


class CachedReader:
    """Reads targets through the cache. The key holds everything a reading depends on besides the data: the
    tenant, the target and its definition's version, the day read, the language of its texts, the tenant's
    settings and the plan's generation. The data itself may change meanwhile: a reading is at most
    STRATEGY_READING_CACHE_SECONDS old, and the page says when it was computed."""

    def __init__(self, *, generation: int, seconds: int | None = None, with_records: bool = True):
        self.generation = generation
        self.seconds = reading_cache_seconds() if seconds is None else seconds
        # False for pages that show only the numbers (the dashboard, the public page): the counted records (maybe
        # thousands at a national scale) and the moments are left out of what is kept and read back every time.
        self.with_records = with_records
        self.computed_at: list[float] = []

    def key(self, target: Target, *, as_of: date, settings: StrategySettings) -> str:
        parts = (
            target.tenant_id,
            target.goal_id,
            target.pk,
            target.definition_version,
            target.kind,
            as_of.isoformat(),
            get_language() or "",
            settings.on_track_percent,
            settings.manual_stale_days,
            self.generation,
            self.with_records,
        )
        return cache_key("strategy:reading", parts)

    def __call__(self, target: Target, *, as_of: date, settings: StrategySettings) -> Reading:
        key = self.key(target, as_of=as_of, settings=settings)
        stored = cache.get(key) if self.seconds > 0 else None
        if stored is None:
            reading = read_target(target, as_of=as_of, settings=settings, with_records=self.with_records)
            # Kept without the target: the page shows the target as it is now (its title may have changed).
            kept = replace(reading, target=None)  # type: ignore[arg-type]  # put back below, as it is now
            if not self.with_records:
                # A manual value's one record stays: the page says when it was measured.
                kept = replace(kept, records=reading.records if target.indicator_key == MANUAL_KEY else [], moments=[])
            stored = CachedReading(reading=kept, computed_at=time.time())
            if self.seconds > 0:
                cache.set(key, stored, self.seconds)
        self.computed_at.append(stored.computed_at)
        return replace(stored.reading, target=target)


def plan_reading(plan: Plan, *, as_of: date) -> tuple[PlanReading, float | None]:
    """Every target of the plan read as of the day (through the cache), and when the oldest of the readings was
    computed (None for a plan without targets)."""
    reader = CachedReader(generation=plan_generation(plan.pk), with_records=False)
    reading = read_plan(plan, as_of=as_of, read=reader)
    return reading, min(reader.computed_at, default=None)


def target_reading(target: Target, *, as_of: date) -> tuple[Reading, float]:
    reader = CachedReader(generation=plan_generation(target.goal.plan_id))
    reading = reader(target, as_of=as_of, settings=strategy_settings(target.tenant))
    return reading, reader.computed_at[0]


# A sparkline shows the last year of a target's history up to the day read.
SPARKLINE_DAYS = 366


def current_snapshots(
    target_ids: list[int], versions: dict[int, int], *, until: date
) -> dict[int, list[TargetSnapshot]]:
    """The snapshots of each target under its current definition in the year up to `until`, oldest first: one query
    for them all."""
    found: dict[int, list[TargetSnapshot]] = defaultdict(list)
    if not target_ids:
        return found
    snapshots = TargetSnapshot.objects.filter(
        target_id__in=target_ids, taken_on__lte=until, taken_on__gt=until - timedelta(days=SPARKLINE_DAYS)
    ).order_by("target_id", "taken_on")
    for snapshot in snapshots.only("target_id", "definition_version", "taken_on", "value", "status"):
        if versions.get(snapshot.target_id) == snapshot.definition_version:
            found[snapshot.target_id].append(snapshot)
    return found


@dataclass(frozen=True)
class History:
    current: list[TargetSnapshot]
    # The histories of earlier definitions, the latest definition first.
    earlier: list[tuple[int, list[TargetSnapshot]]]


def target_history(target: Target) -> History:
    by_version: dict[int, list[TargetSnapshot]] = defaultdict(list)
    for snapshot in TargetSnapshot.objects.filter(target=target).order_by("definition_version", "taken_on"):
        by_version[snapshot.definition_version].append(snapshot)
    current = by_version.pop(target.definition_version, [])
    return History(current=current, earlier=sorted(by_version.items(), reverse=True))


def manual_values(target: Target) -> list[ManualValue]:
    return list(ManualValue.objects.filter(target=target).select_related("entered_by").order_by("-measured_on", "-pk"))


def manual_value_for_staff(pk: int) -> ManualValue:
    return get_object_or_404(ManualValue.objects.exclude(evidence_file=""), pk=pk)


def plan_report_days(plan: Plan) -> list[date]:
    """Typical days to read the plan as of: the end of each year of its period and of its status reports'."""
    years = set(range(plan.starts_on.year, plan.ends_on.year + 1))
    years |= set(StatusReport.objects.filter(plan=plan).values_list("year", flat=True))
    return [date(year, 12, 31) for year in sorted(years)]
