"""The nightly snapshot: one per target and day under its current definition, idempotent, never rewriting a history."""

from datetime import date
from decimal import Decimal

from django.core.management import call_command
from django_scopes import scopes_disabled

from frivillig.strategy.enums import PlanStatus, TargetStatus
from frivillig.strategy.models import ManualValue, TargetSnapshot
from frivillig.strategy.tests.helpers import make_goal, make_plan, make_target


def _snapshot(day: str, *extra) -> str:
    from io import StringIO

    out = StringIO()
    call_command("snapshot_targets", "--date", day, *extra, stdout=out)
    return out.getvalue()


def _target(tenant):
    plan = make_plan(tenant, status=PlanStatus.ACTIVE)
    target = make_target(make_goal(plan), title="Mindst 8 foreninger", target_value=Decimal(8))
    with scopes_disabled():
        ManualValue.objects.create(
            tenant=tenant, target=target, value=Decimal(8), measured_on=date(2017, 5, 1), note="Talt"
        )
    return target


def test_snapshot_saves_value_and_status_once_a_day(personas):
    target = _target(personas.tenant)
    draft = make_target(make_goal(make_plan(personas.tenant)), title="Kladde")
    assert "1 saved, 0 already there" in _snapshot("2017-06-01")
    assert "0 saved, 1 already there" in _snapshot("2017-06-01")
    with scopes_disabled():
        snapshots = list(TargetSnapshot.objects.order_by("pk"))
    assert [(s.target_id, s.taken_on, s.value, s.status) for s in snapshots] == [
        (target.pk, date(2017, 6, 1), Decimal(8), TargetStatus.ACHIEVED)
    ]
    assert draft.pk not in {s.target_id for s in snapshots}  # only active plans


def test_dry_run_saves_nothing(personas):
    _target(personas.tenant)
    assert "1 would be saved" in _snapshot("2017-06-01", "--dry-run")
    with scopes_disabled():
        assert not TargetSnapshot.objects.exists()


def test_a_redefined_target_starts_a_new_history_and_keeps_the_old(personas):
    target = _target(personas.tenant)
    _snapshot("2017-06-01")
    with scopes_disabled():
        target.definition_version = 2
        target.target_value = Decimal(20)
        target.save()
    _snapshot("2017-06-01")
    _snapshot("2017-06-02")
    with scopes_disabled():
        rows = list(
            TargetSnapshot.objects.order_by("definition_version", "taken_on").values_list(
                "definition_version", "taken_on", "status"
            )
        )
    assert rows == [
        (1, date(2017, 6, 1), TargetStatus.ACHIEVED),
        (2, date(2017, 6, 1), TargetStatus.ON_TRACK),
        (2, date(2017, 6, 2), TargetStatus.ON_TRACK),
    ]


def test_snapshots_of_each_tenant_stay_in_it(personas):
    ours = _target(personas.tenant)
    theirs = _target(personas.other_tenant)
    _snapshot("2017-06-01")
    with scopes_disabled():
        assert TargetSnapshot.objects.get(target=ours).tenant_id == personas.tenant.pk
        assert TargetSnapshot.objects.get(target=theirs).tenant_id == personas.other_tenant.pk
