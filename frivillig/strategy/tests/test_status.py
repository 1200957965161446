"""The status rules, branch by branch, and reading a target through the registry (a made-up indicator)."""

from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation
from django_scopes import scopes_disabled

from frivillig.core.indicators import CountedRecord, Indicator, Measurement
from frivillig.strategy.enums import Comparator, TargetKind, TargetStatus
from frivillig.strategy.measure import read_plan, read_target, status_counts, weakest
from frivillig.strategy.models import ManualValue, StrategySettings
from frivillig.strategy.status import judge, pace_share
from frivillig.strategy.tests.helpers import make_goal, make_initiative, make_plan, make_target

START, DEADLINE = date(2018, 1, 1), date(2018, 12, 31)


def verdict(kind=TargetKind.REACH, *, value, today, target=8, moments=(), baseline=None, comparator=None, percent=95):
    return judge(
        kind=kind,
        comparator=comparator or Comparator.AT_LEAST,
        target_value=Decimal(target),
        baseline=None if baseline is None else Decimal(baseline),
        starts_on=START,
        deadline=DEADLINE,
        value=None if value is None else Decimal(value),
        moments=list(moments),
        today=today,
        on_track_percent=percent,
    )


# --- a number to reach by a date ----------------------------------------------------------------------------------


def test_reach_is_achieved_once_reached_even_early():
    assert verdict(value=8, today=date(2018, 2, 1)).status == TargetStatus.ACHIEVED


def test_reach_is_missed_once_the_deadline_passes_unreached():
    assert verdict(value=7, today=date(2019, 1, 1)).status == TargetStatus.MISSED
    # A day is read as at its end: as of the deadline day (a report as of 31 December) it is missed; the day
    # before it is still at risk.
    assert verdict(value=7, today=DEADLINE).status == TargetStatus.MISSED
    assert verdict(value=7, today=date(2018, 12, 30)).status == TargetStatus.AT_RISK


def test_reach_follows_a_straight_line_pace():
    # Half-way through the year (day 181 of 364): the pace expects about 4 of 8.
    halfway = date(2018, 7, 1)
    on_pace = verdict(value=4, today=halfway)
    assert on_pace.status == TargetStatus.ON_TRACK
    assert on_pace.expected == Decimal(8) * Decimal(181) / Decimal(364)
    assert verdict(value=3, today=halfway).status == TargetStatus.AT_RISK


def test_the_on_track_threshold_is_the_tenants_share_of_the_pace():
    # 8 * 273/364 = 6.0 expected on 1 October; 5.8 is 96.7 % of it.
    october = date(2018, 10, 1)
    assert verdict(value=Decimal("5.8"), today=october).status == TargetStatus.ON_TRACK
    assert verdict(value=Decimal("5.8"), today=october, percent=100).status == TargetStatus.AT_RISK
    assert verdict(value=Decimal("5.6"), today=october).status == TargetStatus.AT_RISK


def test_reach_with_a_baseline_measures_the_way_from_it():
    # From 10 to 20: half-way the pace expects 15.
    halfway = date(2018, 7, 2)
    assert verdict(value=15, target=20, baseline=10, today=halfway).status == TargetStatus.ON_TRACK
    assert verdict(value=13, target=20, baseline=10, today=halfway).status == TargetStatus.AT_RISK


def test_an_event_dated_target_is_not_at_risk_before_its_course():
    course = [date(2018, 4, 10), date(2018, 4, 17)]
    # All year before the course: nothing is due, so on track with nothing counted.
    before = verdict(value=0, today=date(2018, 3, 31), moments=course)
    assert before.status == TargetStatus.ON_TRACK
    assert before.expected == 0
    # A straight line would have called it at risk by then.
    assert verdict(value=0, today=date(2018, 3, 31)).status == TargetStatus.AT_RISK
    # After the first evening half is due, after both all of it.
    assert verdict(value=4, today=date(2018, 4, 11), moments=course).status == TargetStatus.ON_TRACK
    assert verdict(value=3, today=date(2018, 4, 11), moments=course).status == TargetStatus.AT_RISK
    assert verdict(value=7, today=date(2018, 5, 1), moments=course).status == TargetStatus.AT_RISK


def test_moments_outside_the_period_do_not_count_for_the_pace():
    assert pace_share(starts_on=START, deadline=DEADLINE, today=date(2018, 6, 1), moments=[date(2019, 3, 1)]) == (
        pace_share(starts_on=START, deadline=DEADLINE, today=date(2018, 6, 1), moments=[])
    )


def test_reach_without_data_says_so():
    assert verdict(value=None, today=date(2018, 6, 1)).status == TargetStatus.NO_DATA


def test_at_most_is_judged_at_the_deadline():
    assert verdict(value=3, target=5, comparator=Comparator.AT_MOST, today=date(2018, 6, 1)).status == (
        TargetStatus.ON_TRACK
    )
    assert verdict(value=6, target=5, comparator=Comparator.AT_MOST, today=date(2018, 6, 1)).status == (
        TargetStatus.AT_RISK
    )
    assert verdict(value=3, target=5, comparator=Comparator.AT_MOST, today=date(2019, 1, 1)).status == (
        TargetStatus.ACHIEVED
    )
    assert verdict(value=6, target=5, comparator=Comparator.AT_MOST, today=DEADLINE).status == TargetStatus.MISSED


# --- a level to hold ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "today", "status"),
    [
        ("4.2", date(2018, 6, 1), TargetStatus.ON_TRACK),
        ("3.9", date(2018, 6, 1), TargetStatus.AT_RISK),
        ("4.0", DEADLINE, TargetStatus.ACHIEVED),
        ("3.9", date(2019, 2, 1), TargetStatus.MISSED),
        (None, date(2018, 6, 1), TargetStatus.NO_DATA),
    ],
)
def test_level_by_the_latest_value(value, today, status):
    assert verdict(TargetKind.LEVEL, value=value, target=4, today=today).status == status


# --- something that must happen -----------------------------------------------------------------------------------


def test_occurrence_is_planned_held_or_missed():
    meeting = [date(2018, 11, 20)]
    assert verdict(TargetKind.OCCURRENCE, value=0, target=1, today=date(2018, 6, 1), moments=meeting).status == (
        TargetStatus.PLANNED
    )
    assert verdict(TargetKind.OCCURRENCE, value=1, target=1, today=date(2018, 11, 21), moments=meeting).status == (
        TargetStatus.ACHIEVED
    )
    # The meeting was cancelled or moved out of the period: nothing planned.
    assert verdict(TargetKind.OCCURRENCE, value=0, target=1, today=date(2018, 6, 1)).status == TargetStatus.AT_RISK
    # Its day has come and gone without being held, and nothing else is planned.
    assert verdict(TargetKind.OCCURRENCE, value=0, target=1, today=date(2018, 12, 1), moments=meeting).status == (
        TargetStatus.AT_RISK
    )
    assert verdict(TargetKind.OCCURRENCE, value=0, target=1, today=date(2019, 1, 1), moments=meeting).status == (
        TargetStatus.MISSED
    )


def test_every_rule_is_printed_in_danish():
    with translation.override("da"):
        text = verdict(value=3, today=date(2018, 6, 1)).rule
        assert "på rette vej" in text.lower() and "95 %" in text
        assert "niveau" in verdict(TargetKind.LEVEL, value=3, today=date(2018, 6, 1)).rule.lower()


# --- reading a target through the registry --------------------------------------------------------------------


def counted_by_hand(*, tenant, starts_on, ends_on, size=None):
    """A made-up indicator: one record per day of the period in March 2018 (a known answer)."""
    days = [day for day in (date(2018, 3, 1), date(2018, 3, 31), date(2018, 9, 1)) if starts_on <= day <= ends_on]
    return Measurement(
        value=len(days),
        records=[CountedRecord(key=f"test.day:{day.isoformat()}", label=day.isoformat()) for day in days],
        moments=[date(2018, 3, 1), date(2018, 9, 1)],
    )


@pytest.fixture
def made_up(monkeypatch):
    found = Indicator(key="test.days", label_da="Dage", label_en="Days", compute=counted_by_hand)
    monkeypatch.setattr("frivillig.strategy.measure.indicator", {"test.days": found}.get)
    return found


def test_a_reading_counts_up_to_the_day_read_and_keeps_the_whole_periods_moments(personas, made_up):
    goal = make_goal(make_plan(personas.tenant))
    target = make_target(goal, indicator_key="test.days", target_value=Decimal(3), starts_on=START, deadline=DEADLINE)
    with scopes_disabled():
        reading = read_target(target, as_of=date(2018, 6, 30), today=date(2026, 12, 4))
    assert reading.value == 2
    assert [record.key for record in reading.records] == ["test.day:2018-03-01", "test.day:2018-03-31"]
    assert reading.moments == [date(2018, 3, 1), date(2018, 9, 1)]
    # One of the two moments has come: half of the target is due, and 2 of 1.5 is on track.
    assert reading.status == TargetStatus.ON_TRACK
    assert reading.expected == Decimal("1.5")


def test_a_missing_indicator_reads_as_no_data_with_an_explanation(personas):
    goal = make_goal(make_plan(personas.tenant))
    target = make_target(goal, indicator_key="gone.away")
    with scopes_disabled(), translation.override("en"):
        reading = read_target(target)
    assert reading.status == TargetStatus.NO_DATA
    assert "gone.away" in reading.problem


def test_a_manual_target_reads_its_latest_value_and_is_flagged_when_old(personas):
    goal = make_goal(make_plan(personas.tenant))
    target = make_target(goal, target_value=Decimal(7), starts_on=START, deadline=DEADLINE)
    with scopes_disabled():
        ManualValue.objects.create(
            tenant=personas.tenant, target=target, value=5, measured_on=date(2018, 2, 1), note="Optalt"
        )
        ManualValue.objects.create(
            tenant=personas.tenant, target=target, value=7, measured_on=date(2018, 3, 1), note="Evaluering"
        )
        reading = read_target(target, as_of=date(2018, 4, 1), today=date(2018, 4, 1))
        assert (reading.value, reading.status, reading.stale) == (7, TargetStatus.ACHIEVED, False)
        StrategySettings.objects.create(tenant=personas.tenant, manual_stale_days=20)
        assert read_target(target, as_of=date(2018, 4, 1), today=date(2018, 4, 1)).stale is True


def test_a_plan_reading_arranges_targets_and_takes_the_weakest_as_a_goals_headline(personas, made_up):
    plan = make_plan(personas.tenant)
    goal = make_goal(plan, title="Flere frivillige")
    course = make_initiative(goal, title="Kursus")
    make_target(goal, indicator_key="test.days", target_value=Decimal(1), title="Nået", starts_on=START)
    make_target(
        goal, initiative=course, indicator_key="test.days", target_value=Decimal(9), title="Bagud", starts_on=START
    )
    with scopes_disabled():
        reading = read_plan(plan, as_of=date(2018, 12, 1))
    [goal_reading] = reading.goals
    assert [target.target.title for target in goal_reading.targets] == ["Nået"]
    assert [target.target.title for target in goal_reading.initiatives[0].targets] == ["Bagud"]
    assert goal_reading.headline == TargetStatus.AT_RISK
    assert status_counts(goal_reading.all_targets) == [(TargetStatus.AT_RISK, 1), (TargetStatus.ACHIEVED, 1)]
    assert weakest([]) is None
