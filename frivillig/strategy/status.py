"""The status rules: how a target's value, its deadline and the day it is read on become achieved, on track, at
risk, missed, planned or no data. Plain Python over numbers and dates, so that each branch is tested by itself and a
published report can keep the rule it was judged by (`RULES_VERSION` and the rule's text).

- A number to reach by a date (kind "reach", and a manual target): achieved once reached; missed once the deadline
  has come unreached (a day is read as at its end, so a report as of 31 December shows the year's result); meanwhile
  compared with the pace: the share of the way from the baseline to the target that should be done by now. The pace
  is a straight line over the period, unless the work happens at moments (the dates of the courses counted,
  `moments`): then the share is the share of those moments that have come. On track at or above the tenant's share
  of the pace (95 % by default), at risk below it.
- A level to hold (kind "level"): the latest value against the target: on track while it holds before the deadline,
  achieved when it holds at the deadline; at risk while it does not, missed when it does not at the deadline.
- Something that must happen (kind "occurrence"): achieved (held) once it has happened as often as the target says;
  planned while a moment for it lies ahead before the deadline; missed once the deadline has passed; otherwise at
  risk (nothing is planned).
- A value entered by hand (kind "manual"): judged as a number to reach by its latest value, and flagged as old when
  it was measured longer ago than the tenant allows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _

from frivillig.strategy.enums import Comparator, TargetKind, TargetStatus

# Renewed whenever a rule below changes meaning: a published report records the version it was judged by.
RULES_VERSION = 1


@dataclass(frozen=True)
class Verdict:
    status: TargetStatus
    # The value the pace expects by the day judged (a number to reach); None where no pace applies.
    expected: Decimal | None
    # The rule applied, as printed beside the status.
    rule: str


def meets(value: Decimal, target: Decimal, comparator: str) -> bool:
    return value <= target if comparator == Comparator.AT_MOST else value >= target


def pace_share(*, starts_on: date, deadline: date, today: date, moments: list[date]) -> Decimal:
    """The share (0..1) of the work that should be done by `today`: of the moments within the period that have come,
    or of the period's days that have passed."""
    within = [moment for moment in moments if starts_on <= moment <= deadline]
    if within:
        return Decimal(sum(1 for moment in within if moment <= today)) / Decimal(len(within))
    days = (deadline - starts_on).days
    if days <= 0:
        return Decimal(1) if today >= deadline else Decimal(0)
    passed = min(max((today - starts_on).days, 0), days)
    return Decimal(passed) / Decimal(days)


def rule_text(kind: str, *, on_track_percent: int, moments: bool = False) -> str:
    if kind == TargetKind.LEVEL:
        return _(
            "A level to hold: the latest value is compared with the target. On track while it holds before the "
            "deadline, achieved when it holds at the deadline; at risk while it does not, missed when it does not at "
            "the deadline."
        )
    if kind == TargetKind.OCCURRENCE:
        return _(
            "Something that must happen: achieved once it has happened as often as the target says; planned while a "
            "date for it lies ahead before the deadline; at risk when nothing is planned; missed once the deadline "
            "has passed."
        )
    if moments:
        pace = _("the pace follows the dates on which the work happens (the events counted)")
    else:
        pace = _("the pace is a straight line from the start to the deadline")
    first = _("A number to reach by a date: achieved once reached, missed if the deadline passes first.")
    if kind == TargetKind.MANUAL:
        first = _(
            "A value entered by hand, judged by the latest value: achieved once reached, missed if the deadline passes "
            "first."
        )
    return " ".join(
        [
            first,
            _("Meanwhile on track at %(percent)s %% or more of the pace, at risk below; %(pace)s.")
            % {"percent": on_track_percent, "pace": pace},
        ]
    )


def judge(
    *,
    kind: str,
    comparator: str,
    target_value: Decimal,
    baseline: Decimal | None,
    starts_on: date,
    deadline: date,
    value: Decimal | None,
    moments: list[date],
    today: date,
    on_track_percent: int,
) -> Verdict:
    """The status of a target whose value on `today` is `value` (None: no data)."""
    rule = rule_text(kind, on_track_percent=on_track_percent, moments=bool(moments) and kind == TargetKind.REACH)
    # A day is read as at its end (a report "as of 31 December" is the year's result): on the deadline day the
    # deadline has come.
    over = today >= deadline

    if kind == TargetKind.OCCURRENCE:
        if value is not None and meets(value, target_value, comparator):
            return Verdict(TargetStatus.ACHIEVED, None, rule)
        if over:
            return Verdict(TargetStatus.MISSED, None, rule)
        if any(today < moment <= deadline for moment in moments):
            return Verdict(TargetStatus.PLANNED, None, rule)
        return Verdict(TargetStatus.AT_RISK, None, rule)

    if value is None:
        return Verdict(TargetStatus.NO_DATA, None, rule)

    if kind == TargetKind.LEVEL:
        holds = meets(value, target_value, comparator)
        if over:
            return Verdict(TargetStatus.ACHIEVED if holds else TargetStatus.MISSED, None, rule)
        return Verdict(TargetStatus.ON_TRACK if holds else TargetStatus.AT_RISK, None, rule)

    # A number to reach (and a value entered by hand).
    if comparator == Comparator.AT_MOST:
        # "At most": reached only when the deadline has come and the value is still within it.
        holds = meets(value, target_value, comparator)
        if over:
            return Verdict(TargetStatus.ACHIEVED if holds else TargetStatus.MISSED, None, rule)
        return Verdict(TargetStatus.ON_TRACK if holds else TargetStatus.AT_RISK, None, rule)
    if meets(value, target_value, comparator):
        return Verdict(TargetStatus.ACHIEVED, target_value, rule)
    if over:
        return Verdict(TargetStatus.MISSED, target_value, rule)
    start = baseline if baseline is not None else Decimal(0)
    share = pace_share(
        starts_on=starts_on, deadline=deadline, today=today, moments=moments if kind == TargetKind.REACH else []
    )
    expected = start + (target_value - start) * share
    if expected <= start:
        # Nothing is due yet (no moment has come, or the period has not begun).
        return Verdict(TargetStatus.ON_TRACK, expected, rule)
    progress = value - start
    due = expected - start
    if progress * 100 >= due * on_track_percent:
        return Verdict(TargetStatus.ON_TRACK, expected, rule)
    return Verdict(TargetStatus.AT_RISK, expected, rule)
