"""Writes for following a plan: values entered by hand with their evidence, the story behind a number, the
tenant's settings for the status rules, and the nightly snapshots that keep each target's history."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import PurePath

from django.db import transaction
from django.utils import timezone
from django_scopes import scope

from frivillig.core.private_files import private_storage
from frivillig.core.services import log_action
from frivillig.strategy.enums import PlanStatus
from frivillig.strategy.measure import read_target
from frivillig.strategy.models import ManualValue, StrategySettings, Target, TargetSnapshot
from frivillig.strategy.selectors import strategy_settings
from frivillig.strategy.selectors_following import readings_forget

# Evidence files are kept in the private storage (never at a public address), under a name chosen here.
EVIDENCE_DIRECTORY = "strategy/evidence"


def _evidence_name(upload) -> str:
    suffix = PurePath(getattr(upload, "name", "") or "").suffix.lower()
    return f"{EVIDENCE_DIRECTORY}/{timezone.localdate():%Y}/{uuid.uuid4().hex}{suffix}"


def manual_value_enter(
    *, target: Target, value: Decimal, measured_on: date, note: str, evidence_file=None, actor=None
) -> ManualValue:
    """A value of a manual target with its evidence; the plan's readings in the cache are dropped, so that the
    dashboard shows it at once."""
    stored_name = ""
    if evidence_file is not None:
        stored_name = private_storage.save(_evidence_name(evidence_file), evidence_file)
    try:
        with transaction.atomic():
            manual = ManualValue.objects.create(
                tenant=target.tenant,
                target=target,
                value=value,
                measured_on=measured_on,
                note=note,
                evidence_file=stored_name,
                entered_by=actor if getattr(actor, "is_authenticated", False) else None,
            )
            log_action(
                "strategy.manual_value.entered",
                actor=actor,
                tenant=target.tenant,
                target=target,
                data={"value": str(value), "measured_on": measured_on.isoformat(), "file": bool(stored_name)},
            )
    except Exception:
        if stored_name:
            private_storage.delete(stored_name)
        raise
    readings_forget(target.goal.plan_id)
    return manual


def evidence_filename(manual: ManualValue) -> str:
    """The name a downloaded evidence file gets: the target's words are not needed, the date and the type are."""
    suffix = PurePath(manual.evidence_file.name).suffix.lower()
    return f"dokumentation-{manual.measured_on:%Y-%m-%d}{suffix}"


@transaction.atomic
def target_story_update(*, target: Target, story: str, actor=None) -> Target:
    target.story = story
    target.story_updated_at = timezone.now()
    target.save(update_fields=["story", "story_updated_at", "updated_at"])
    log_action("strategy.target.story_updated", actor=actor, tenant=target.tenant, target=target)
    return target


@transaction.atomic
def strategy_settings_update(*, tenant, on_track_percent: int, manual_stale_days: int, actor=None) -> StrategySettings:
    """The tenant's choices for the status rules (the readings in the cache depend on them by their key)."""
    found, _created = StrategySettings.objects.select_for_update().get_or_create(tenant=tenant)
    before = {"on_track_percent": found.on_track_percent, "manual_stale_days": found.manual_stale_days}
    found.on_track_percent = on_track_percent
    found.manual_stale_days = manual_stale_days
    found.save()
    log_action(
        "strategy.settings.updated",
        actor=actor,
        tenant=tenant,
        target=found,
        data={
            "before": before,
            "after": {"on_track_percent": on_track_percent, "manual_stale_days": manual_stale_days},
        },
    )
    return found


@dataclass
class SnapshotSummary:
    day: date
    taken: int = 0  # snapshots written (or that would be, in a dry run)
    existing: int = 0  # targets that already had their snapshot of the day
    failed: list[str] = field(default_factory=list)


def targets_snapshot(
    *, tenant, day: date, dry_run: bool = False, summary: SnapshotSummary | None = None
) -> SnapshotSummary:
    """One snapshot per target of the tenant's active plans for the day, under the target's current definition.
    Taking them again the same day writes nothing new (the first of the day stays); a target whose definition
    changed starts a new history beside the old one, which stays as it was."""
    summary = summary or SnapshotSummary(day=day)
    with scope(tenant=tenant):
        settings = strategy_settings(tenant)
        targets = Target.objects.filter(goal__plan__status=PlanStatus.ACTIVE, starts_on__lte=day).select_related(
            "tenant"
        )
        done = set(
            TargetSnapshot.objects.filter(taken_on=day, target__in=targets)
            .order_by()
            .values_list("target_id", "definition_version")
        )
        for target in targets.order_by("pk"):
            if (target.pk, target.definition_version) in done:
                summary.existing += 1
                continue
            reading = read_target(target, as_of=day, settings=settings, with_records=False)
            if reading.problem:
                summary.failed.append(f"{tenant.slug}: {target.pk} {reading.problem}")
            if dry_run:
                summary.taken += 1
                continue
            with transaction.atomic():
                _snapshot, created = TargetSnapshot.objects.get_or_create(
                    target=target,
                    definition_version=target.definition_version,
                    taken_on=day,
                    defaults={"tenant": tenant, "value": reading.value, "status": reading.status},
                )
            if created:
                summary.taken += 1
            else:
                summary.existing += 1
    return summary
