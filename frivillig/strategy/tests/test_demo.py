"""The strategy part of `manage.py demo`: both seed plans as structured plans, their targets live on the demo's data
or entered by hand, statuses that tell the truth as of the 2017 report and each plan's end, the 2017 report's texts,
and Sorø's current plan continuing the 2017-2018 one; loaded only once."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_scopes import scopes_disabled

from frivillig.core.indicators import ParamKind, indicator
from frivillig.strategy.demo_data import ROEDOVRE_2016, SOROE_2017, SOROE_REPORT_TITLE
from frivillig.strategy.enums import InitiativeOrigin, PlanKind, PlanStatus, TargetKind, TargetStatus
from frivillig.strategy.measure import read_plan, read_target
from frivillig.strategy.models import (
    Goal,
    Initiative,
    ManualValue,
    Plan,
    ReportVersion,
    StatusReport,
    StatusText,
    Target,
    TargetSnapshot,
)

MODELS = [Plan, Goal, Initiative, Target, ManualValue, StatusReport, StatusText, ReportVersion, TargetSnapshot]


@pytest.fixture
def demo(db):
    call_command("demo", force=True)


def counts() -> dict[str, int]:
    with scopes_disabled():
        return {model.__name__: model.objects.count() for model in MODELS}


def plan_of(slug: str, title: str) -> Plan:
    return Plan.objects.select_related("tenant").get(tenant__slug=slug, title=title)


def current_plan() -> Plan:
    return Plan.objects.select_related("tenant").get(tenant__slug="soroe", status=PlanStatus.ACTIVE)


def shape(plan: Plan) -> tuple[int, int, int]:
    return (
        Goal.objects.filter(plan=plan).count(),
        Initiative.objects.filter(goal__plan=plan).count(),
        Target.objects.filter(goal__plan=plan).count(),
    )


def statuses(plan: Plan, as_of: date) -> dict[str, TargetStatus]:
    return {reading.target.title: reading.status for reading in read_plan(plan, as_of=as_of).all_targets}


def test_demo_enters_both_seed_plans_and_the_current_one_once(demo):
    first = counts()
    with scopes_disabled():
        soroe = plan_of("soroe", SOROE_2017.title)
        roedovre = plan_of("roedovre", ROEDOVRE_2016.title)
        current = current_plan()

        # Sorø: four focus areas, their initiatives and every measurable result of the strategy.
        assert (soroe.kind, soroe.starts_on, soroe.ends_on) == (PlanKind.STRATEGY, date(2017, 1, 1), date(2018, 12, 31))
        assert shape(soroe) == (4, 11, 17)
        assert list(soroe.goals.values_list("title", flat=True)) == [
            "Fokusområde 1. Rekruttering af frivillige",
            "Fokusområde 2. Udsatte familier med børn",
            "Fokusområde 3. Styrket samarbejde med kommunen",
            "Fokusområde 4. Fundraising",
        ]
        assert "Ligeværdighed" in soroe.values
        # Rødovre: four strategic goals and three themes, nine initiatives, new or continued from 2015.
        assert (roedovre.kind, roedovre.legal_basis) == (PlanKind.ACTION_PLAN, "Serviceloven § 18")
        assert shape(roedovre) == (7, 9, 15)
        titles = list(roedovre.goals.values_list("title", flat=True))
        assert [title.split(":")[0] for title in titles] == [
            *(f"Strategimål {number}" for number in range(1, 5)),
            *["Tema"] * 3,
        ]
        initiatives = Initiative.objects.filter(goal__plan=roedovre)
        continued = initiatives.filter(origin=InitiativeOrigin.CONTINUED)
        assert continued.count() == 5 and not continued.filter(continued_from="").exists()
        assert initiatives.filter(origin=InitiativeOrigin.NEW, continued_from="").count() == 4
        # Both seed plans are over and published; the current Sorø plan is active and continues the 2017-2018 one,
        # each of its initiatives linked to the one it continues.
        assert {soroe.status, roedovre.status} == {PlanStatus.ARCHIVED}
        assert soroe.is_public and roedovre.is_public and current.is_public
        assert current.continues == soroe
        assert current.starts_on <= timezone.localdate() <= current.ends_on
        assert shape(current) == (4, 4, 7)
        for initiative in Initiative.objects.filter(goal__plan=current).select_related("continues__goal"):
            assert initiative.origin == InitiativeOrigin.CONTINUED
            assert initiative.continues.goal.plan_id == soroe.pk and initiative.continues.title == initiative.title
        # Targets entered by hand have their values with evidence; the others read the demo's data.
        manual = Target.objects.filter(kind=TargetKind.MANUAL)
        assert manual.exists() and not manual.filter(manual_values=None).exists()
        assert not ManualValue.objects.filter(note="").exists()
        assert Target.objects.exclude(kind=TargetKind.MANUAL).count() >= 15

        # Each target of a plan that is over has a history for its sparkline: a snapshot at the end of each quarter,
        # the target as read that day. The running plan's history is the nightly snapshot's.
        snapshots = TargetSnapshot.objects.filter(target__goal__plan=soroe)
        assert snapshots.filter(taken_on=date(2017, 12, 31)).count() == 17 - 3  # three targets start in 2018
        assert snapshots.filter(taken_on=date(2018, 12, 31)).count() == 17
        assert snapshots.values("taken_on").distinct().count() == 8
        cooperation = snapshots.get(
            taken_on=date(2017, 12, 31), target__title="Nyt samarbejde med mindst 2 kommunale medarbejdere i 2017"
        )
        assert (cooperation.status, cooperation.value) == (TargetStatus.ACHIEVED, Decimal(3))
        assert TargetSnapshot.objects.filter(target__goal__plan=roedovre).values("taken_on").distinct().count() == 8
        assert not TargetSnapshot.objects.filter(target__goal__plan=current).exists()

    call_command("demo", force=True)
    assert counts() == first


def test_demo_targets_read_registered_indicators_with_parameters_they_accept(demo):
    with scopes_disabled():
        targets = list(Target.objects.select_related("tenant"))
        assert len(targets) == 17 + 15 + 7
        for target in targets:
            found = indicator(target.indicator_key)
            assert found is not None, target.indicator_key
            editable = {param.name: param for param in found.params if param.editable}
            assert set(target.params) <= set(editable), (target.title, target.params)
            for name, param in editable.items():
                assert not param.required or target.params.get(name) not in (None, ""), (target.title, name)
                if param.kind == ParamKind.CHOICE and target.params.get(name):
                    values = {value for value, _label in param.choices(target.tenant)}
                    assert target.params[name] in values, (target.title, name)
            found.arguments(target.params)
            assert target.starts_on <= target.deadline


def test_every_demo_target_reads_the_same_without_its_records(demo):
    """The dashboard asks for the numbers only (the indicators may count in the database): the value, the moments
    and so the status are the same as the target's page computes with the records."""
    dropped = 0
    with scopes_disabled():
        for target in Target.objects.select_related("tenant").order_by("pk"):
            for as_of in (date(2017, 12, 31), timezone.localdate()):
                full = read_target(target, as_of=as_of)
                numbers = read_target(target, as_of=as_of, with_records=False)
                assert (numbers.value, numbers.moments, numbers.status, numbers.expected, numbers.problem) == (
                    full.value,
                    full.moments,
                    full.status,
                    full.expected,
                    full.problem,
                ), (target.title, as_of)
                if full.records and not numbers.records:
                    dropped += 1
    # Most indicators leave their records out when asked for the number only.
    assert dropped >= 10


def test_demo_statuses_as_of_2017_and_each_plans_end_tell_achieved_at_risk_and_missed(demo):
    with scopes_disabled():
        soroe = plan_of("soroe", SOROE_2017.title)
        roedovre = plan_of("roedovre", ROEDOVRE_2016.title)
        end_of_2017 = date(2017, 12, 31)

        in_2017 = statuses(soroe, end_of_2017)
        assert in_2017["Nyt samarbejde med mindst 2 kommunale medarbejdere i 2017"] == TargetStatus.ACHIEVED
        assert in_2017["Mindst 1 netværksskabende dialogmøde i 2017"] == TargetStatus.ACHIEVED
        assert in_2017["Behovsanalysen gennemføres og afrapporteres i perioden oktober 2017 – februar 2018"] == (
            TargetStatus.ACHIEVED
        )
        # The spring course is ahead: planned, and its pace keeps the attendance target on track.
        assert in_2017["Kurset holdes i foråret 2018"] == TargetStatus.PLANNED
        assert in_2017["Mindst 8 foreninger deltager i kursus"] == TargetStatus.ON_TRACK
        # The survey of the collaboration goes out in January.
        assert in_2017["Spørgeundersøgelse om samarbejdet gennemføres og afrapporteres i vinteren 2017-2018"] == (
            TargetStatus.PLANNED
        )
        assert in_2017["Mindst 10 deltagere er gået i gang med frivilligt arbejde inden udgangen af 2018"] == (
            TargetStatus.AT_RISK
        )
        in_roedovre = statuses(roedovre, end_of_2017)
        everything_2017 = set(in_2017.values()) | set(in_roedovre.values())
        assert {TargetStatus.ACHIEVED, TargetStatus.AT_RISK, TargetStatus.MISSED} <= everything_2017
        assert in_roedovre["Samarbejdsforummet holder sit årlige møde i 2016"] == TargetStatus.MISSED
        assert in_roedovre["Uddannelsesforløbet for bestyrelsesmedlemmer holdes i vinteren 2016"] == (
            TargetStatus.ACHIEVED
        )

        at_the_end = read_plan(soroe, as_of=soroe.ends_on)
        by_title = {reading.target.title: reading for reading in at_the_end.all_targets}
        # At the plan's end every target has its result: achieved or missed, nothing "at risk" any more.
        assert {reading.status for reading in at_the_end.all_targets} == {TargetStatus.ACHIEVED, TargetStatus.MISSED}
        better_equipped = by_title["Mindst 7 foreninger føler sig bedre klædt på til at rekruttere frivillige"]
        assert (better_equipped.status, better_equipped.value) == (TargetStatus.ACHIEVED, Decimal(9))
        assert len(better_equipped.records) == 9
        assert by_title["Mindst 3 opfølgende arrangementer i 2017"].status == TargetStatus.MISSED
        assert by_title["Mindst 8 foreninger deltager i kursus"].status == TargetStatus.ACHIEVED
        survey = by_title["Spørgeundersøgelse om samarbejdet gennemføres og afrapporteres i vinteren 2017-2018"]
        assert (survey.status, survey.value) == (TargetStatus.ACHIEVED, Decimal(17))

        # Long after, what was not reached by its deadline is missed.
        afterwards = statuses(soroe, date(2019, 1, 1))
        assert afterwards["1 netværk med børn og unge etableres i 2017-2018"] == TargetStatus.MISSED


def test_demo_report_2017_has_a_text_for_every_goal_and_initiative_and_the_current_plan_is_live(demo):
    with scopes_disabled():
        soroe = plan_of("soroe", SOROE_2017.title)
        report = StatusReport.objects.get(plan=soroe, year=2017)
        assert report.title == SOROE_REPORT_TITLE and report.introduction
        texts = StatusText.objects.filter(report=report).exclude(text="")
        assert set(texts.exclude(goal=None).values_list("goal", flat=True)) == set(
            Goal.objects.filter(plan=soroe).values_list("pk", flat=True)
        )
        assert set(texts.exclude(initiative=None).values_list("initiative", flat=True)) == set(
            Initiative.objects.filter(goal__plan=soroe).values_list("pk", flat=True)
        )

        # Today, the current plan's targets on the upcoming events are planned or already reached.
        today = statuses(current_plan(), timezone.localdate())
        assert today["Bestyrelseskurset om foreningens økonomi holdes"] == TargetStatus.PLANNED
        assert today["Mindst 1 informationsmøde for nye foreninger"] == TargetStatus.PLANNED
        assert today["Mindst 6 foreninger tilmelder sig bestyrelseskurset"] == TargetStatus.ACHIEVED
        assert TargetStatus.NO_DATA not in today.values()
