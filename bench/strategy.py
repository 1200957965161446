"""The benchmark's plan (issue 15 "Performance"): a strategy with 30 targets in the survey's tenant (the busiest
events tenant too), on live indicators of every app over the national data set — events of a kind and theme,
associations that attended, the attendance rate, the survey's responses and a scale's mean, applications, new
volunteers and the fill rate, new relations and interactions — and a few entered by hand. Its dashboard is measured
as the centre's staff member of bench/surveys.py.

Created through the models (a few dozen rows), after the surveys and events phases."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

PLAN_TITLE = "Benchmark: strategi med 30 succeskriterier"
TARGETS = 30


def _definitions(survey, scale_question, yes_question) -> list[tuple[str, str, dict, str, Decimal]]:
    """(indicator key, kind, params, the result in words, target value), cycled to make the 30 targets."""
    definitions = [
        ("events.organisations_attended", "reach", {"kind": "course"}, "Foreninger på kursus", Decimal(8)),
        ("events.events_held", "occurrence", {"kind": "dialogue_meeting"}, "Dialogmøder afholdt", Decimal(1)),
        ("events.attendance_rate", "level", {}, "Fremmøde ved arrangementer", Decimal(80)),
        ("events.people_attended", "reach", {}, "Deltagere i arrangementer", Decimal(200)),
        ("volunteering.applications", "reach", {}, "Ansøgninger til frivilligjob", Decimal(500)),
        ("volunteering.became_volunteers", "reach", {}, "Nye frivillige", Decimal(100)),
        ("volunteering.fill_rate", "level", {}, "Besatte pladser", Decimal(60)),
        ("crm.new_relations", "reach", {}, "Nye samarbejdsrelationer", Decimal(10)),
        ("crm.interactions", "reach", {}, "Rådgivningssamtaler", Decimal(40)),
        ("strategy.manual", "manual", {}, "Frivillige i foreningerne (optælling)", Decimal(1000)),
    ]
    if survey is not None:
        definitions.append(("surveys.responses", "reach", {"survey": str(survey.pk)}, "Svar på behovsanalysen", 25))
    if scale_question is not None:
        definitions.append(
            ("surveys.scale_mean", "level", {"question": str(scale_question.pk)}, "Tilfredshed (gennemsnit)", 4)
        )
    if yes_question is not None:
        definitions.append(
            (
                "surveys.organisations_meeting",
                "reach",
                {"question": str(yes_question.pk), "value": "yes"},
                "Foreninger, der svarede ja",
                Decimal(7),
            )
        )
    return definitions


def make_strategy_data(*, counts: dict) -> None:
    from django.db import transaction
    from django.utils import timezone

    from bench.surveys import SURVEY_TITLE
    from frivillig.strategy.enums import PlanStatus, TargetKind
    from frivillig.strategy.models import Goal, Initiative, ManualValue, Plan, Target
    from frivillig.surveys.enums import QuestionKind
    from frivillig.surveys.models import Question, Survey

    survey = Survey.objects.filter(title=SURVEY_TITLE).select_related("tenant").first()
    if survey is None:
        return
    tenant = survey.tenant
    questions = Question.objects.filter(section__survey=survey).order_by("section__position", "position")
    scale_question = questions.filter(kind=QuestionKind.SCALE).first()
    yes_question = questions.filter(kind=QuestionKind.YES_NO).first()
    today = timezone.localdate()
    starts_on, ends_on = date(today.year - 1, 1, 1), date(today.year + 1, 12, 31)
    definitions = _definitions(survey, scale_question, yes_question)
    with transaction.atomic():
        plan = Plan.objects.create(
            tenant=tenant, title=PLAN_TITLE, starts_on=starts_on, ends_on=ends_on, status=PlanStatus.ACTIVE
        )
        goals = [
            Goal.objects.create(tenant=tenant, plan=plan, position=number, title=f"Fokusområde {number}")
            for number in range(1, 4)
        ]
        initiatives = [
            Initiative.objects.create(
                tenant=tenant, goal=goal, position=number, title=f"Indsats {goal.position}.{number}"
            )
            for goal in goals
            for number in (1, 2)
        ]
        for number in range(TARGETS):
            key, kind, params, title, value = definitions[number % len(definitions)]
            initiative = initiatives[number % len(initiatives)]
            target = Target.objects.create(
                tenant=tenant,
                goal=initiative.goal,
                initiative=initiative,
                position=number,
                title=f"{title} ({number + 1})",
                kind=TargetKind(kind),
                indicator_key=key,
                params=params,
                target_value=Decimal(value),
                starts_on=starts_on,
                deadline=ends_on,
            )
            if key == "strategy.manual":
                ManualValue.objects.create(
                    tenant=tenant, target=target, value=Decimal(640), measured_on=today, note="Optælling i foreningerne"
                )
    counts["plan targets"] = TARGETS


def strategy_plan():
    """The benchmark's plan, or None when the data set has none."""
    from frivillig.strategy.models import Plan

    return Plan.objects.filter(title=PLAN_TITLE).select_related("tenant").first()
