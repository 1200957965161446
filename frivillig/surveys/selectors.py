"""Reads for the survey pages."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from frivillig.crm.models import Organisation
from frivillig.surveys.models import Answer, Choice, Question, Section, Survey


@dataclass(frozen=True)
class SurveyFilter:
    search: str = ""
    kind: str = ""
    status: str = ""


def survey_for_staff(tenant) -> QuerySet[Survey]:
    return Survey.objects.filter(tenant=tenant)


def surveys_for_list(tenant, criteria: SurveyFilter) -> QuerySet[Survey]:
    surveys = survey_for_staff(tenant).annotate(
        question_count=Count("sections__questions", distinct=True),
        response_count=Count("responses", filter=Q(responses__submitted=True), distinct=True),
    )
    if criteria.search:
        surveys = surveys.filter(title__icontains=criteria.search)
    if criteria.kind:
        surveys = surveys.filter(kind=criteria.kind)
    if criteria.status:
        surveys = surveys.filter(status=criteria.status)
    return surveys.order_by("-created_at", "-pk")


def survey_sections(survey: Survey) -> list[Section]:
    """The survey's sections in order, each with its questions (marked `is_answered`) and their options (marked
    too), and each question's condition: what the builder, the preview and the answering read."""
    answered_choices = Choice.objects.annotate(is_answered=Exists(Answer.objects.filter(choice=OuterRef("pk"))))
    questions = (
        Question.objects.annotate(is_answered=Exists(Answer.objects.filter(question=OuterRef("pk"))))
        .select_related("show_if_question")
        .prefetch_related(Prefetch("choices", queryset=answered_choices.order_by("position", "pk")))
        .order_by("position", "pk")
    )
    sections = Section.objects.filter(survey=survey).prefetch_related(Prefetch("questions", queryset=questions))
    return list(sections.order_by("position", "pk"))


def section_of(survey: Survey, pk: int) -> Section | None:
    return Section.objects.filter(survey=survey, pk=pk).first()


def question_of(survey: Survey, pk: int) -> Question | None:
    return Question.objects.filter(section__survey=survey, pk=pk).select_related("section").first()


def choice_of(survey: Survey, pk: int) -> Choice | None:
    return Choice.objects.filter(question__section__survey=survey, pk=pk).select_related("question__section").first()


def organisations_to_choose(tenant) -> list[tuple[str, str]]:
    """The tenant's associations for an "organisation" question: (id, name), by name; archived ones left out."""
    rows = Organisation.objects.filter(tenant=tenant, archived_at=None).order_by("name", "pk")
    return [(str(pk), name) for pk, name in rows.values_list("pk", "name")]
