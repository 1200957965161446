"""The selectors the strategy's indicators call, and the results' aggregation costing the same queries whatever
the number of responses."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_scopes import scopes_disabled

from frivillig.surveys.enums import QuestionKind, SurveyKind, SurveyStatus
from frivillig.surveys.selectors_results import (
    organisations_meeting,
    question_figures,
    result_questions,
    scale_mean,
    scale_questions,
    submitted_count,
    submitted_responses,
)
from frivillig.surveys.tests.helpers import choices_of, make_question, make_section, make_survey, respond
from frivillig.testing import make_organisation

AUTUMN = datetime.datetime(2017, 11, 30, 12, tzinfo=datetime.UTC)
SPRING = datetime.datetime(2018, 4, 30, 12, tzinfo=datetime.UTC)
YEAR = {
    "closing_from": datetime.datetime(2017, 1, 1, tzinfo=datetime.UTC),
    "closing_to": datetime.datetime(2018, 1, 1, tzinfo=datetime.UTC),
}


def evaluation(tenant, *, closes_at=AUTUMN, anonymous=False, title="Evaluering af rekrutteringskurset"):
    survey = make_survey(
        tenant,
        title=title,
        kind=SurveyKind.EVALUATION,
        closes_at=closes_at,
        status=SurveyStatus.CLOSED,
        is_anonymous=anonymous,
    )
    section = make_section(survey)
    equipped = make_question(
        section,
        QuestionKind.SCALE,
        text="Føler I jer bedre rustet til at rekruttere?",
        scale_points=5,
        allow_dont_know=True,
    )
    again = make_question(section, QuestionKind.YES_NO, text="Vil I deltage igen?")
    topic = make_question(section, QuestionKind.SINGLE_CHOICE, text="Bedste emne", choices=["Opslag", "Samtale"])
    return survey, equipped, again, topic


def test_submitted_count_for_one_survey_and_for_a_kind_in_a_period(personas):
    survey, equipped, _again, _topic = evaluation(personas.tenant)
    later, later_equipped, _a, _t = evaluation(personas.tenant, closes_at=SPRING)
    for _number in range(3):
        respond(survey, {equipped: 4})
    respond(survey, {equipped: 4}, submitted=False)
    respond(later, {later_equipped: 2})
    with scopes_disabled():
        assert submitted_count(survey=survey) == 3
        assert submitted_count(tenant=personas.tenant, kind=SurveyKind.EVALUATION, **YEAR) == 3
        assert submitted_count(tenant=personas.tenant, kind=SurveyKind.NEEDS_ANALYSIS, **YEAR) == 0


def test_organisations_meeting_a_condition_count_each_organisation_once(personas):
    survey, equipped, again, topic = evaluation(personas.tenant)
    posts, _talk = choices_of(topic)
    clubs = [make_organisation(personas.tenant, name=f"Forening {number}") for number in range(4)]
    respond(survey, {equipped: 5, again: True, topic: posts}, organisation=clubs[0])
    respond(survey, {equipped: 4, again: True, topic: posts}, organisation=clubs[0])  # the same one again
    respond(survey, {equipped: 4, again: False}, organisation=clubs[1])
    respond(survey, {equipped: 3, again: True}, organisation=clubs[2])
    respond(survey, {equipped: "x"}, organisation=clubs[3])
    respond(survey, {equipped: 5, again: True})  # no organisation: not counted
    respond(survey, {equipped: 5}, organisation=clubs[3], submitted=False)
    with scopes_disabled():
        assert organisations_meeting(question=equipped, at_least=4) == 2
        assert organisations_meeting(question=again, yes=True) == 2
        assert organisations_meeting(question=again, yes=False) == 1
        assert organisations_meeting(question=topic, choice=posts) == 1
        with pytest.raises(ValueError):
            organisations_meeting(question=equipped)


def test_organisations_meeting_is_none_for_an_anonymous_survey(personas):
    survey, equipped, _again, _topic = evaluation(personas.tenant, anonymous=True)
    respond(survey, {equipped: 5})
    with scopes_disabled():
        assert organisations_meeting(question=equipped, at_least=4) is None


def test_scale_mean_of_one_or_several_surveys_without_dont_know(personas):
    first, first_equipped, _a, _t = evaluation(personas.tenant)
    second, second_equipped, _a2, _t2 = evaluation(personas.tenant, title="Evaluering, hold 2")
    other_year, other_equipped, _a3, _t3 = evaluation(personas.tenant, closes_at=SPRING)
    respond(first, {first_equipped: 5})
    respond(first, {first_equipped: 3})
    respond(first, {first_equipped: "x"})
    respond(second, {second_equipped: 1})
    respond(other_year, {other_equipped: 1})
    with scopes_disabled():
        assert scale_mean(questions=[first_equipped]) == 4
        found = scale_questions(
            personas.tenant, text="Føler I jer bedre rustet til at rekruttere?", kind=SurveyKind.EVALUATION, **YEAR
        )
        assert {question.pk for question in found} == {first_equipped.pk, second_equipped.pk}
        assert scale_mean(questions=found) == 3
        assert scale_mean(questions=[]) is None


@pytest.mark.parametrize("size", [1, 3])
def test_question_figures_cost_the_same_queries_at_any_size(personas, size):
    survey, equipped, again, topic = evaluation(personas.tenant)
    posts, _talk = choices_of(topic)
    for _number in range(size):
        respond(survey, {equipped: 4, again: True, topic: posts})
    with scopes_disabled():
        questions = result_questions(survey)
        with CaptureQueriesContext(connection) as queries:
            figures = question_figures(questions, submitted_responses(survey))
    # Only scale, yes/no and single-choice questions: the one grouped pass.
    assert len(queries) == 1
    assert figures[topic.pk].counts[posts.pk] == size
    assert figures[equipped.pk].mean == 4


def test_a_survey_closed_by_hand_counts_in_the_period_it_closed(personas):
    """Without a closing time, or closed before it: the survey ended when the centre closed it."""
    from frivillig.surveys.models import Survey

    by_hand, equipped, _again, _topic = evaluation(personas.tenant, closes_at=None)
    summer_2019 = datetime.datetime(2019, 6, 1, tzinfo=datetime.UTC)
    early, early_equipped, _a, _t = evaluation(personas.tenant, closes_at=summer_2019)
    respond(by_hand, {equipped: 4})
    respond(early, {early_equipped: 5})
    with scopes_disabled():
        Survey.objects.filter(pk__in=[by_hand.pk, early.pk]).update(closed_at=AUTUMN)
        assert submitted_count(tenant=personas.tenant, kind=SurveyKind.EVALUATION, **YEAR) == 2
        # Reopened: no longer closed by hand, and its closing time is outside the year.
        Survey.objects.filter(pk=early.pk).update(closed_at=None)
        assert submitted_count(tenant=personas.tenant, kind=SurveyKind.EVALUATION, **YEAR) == 1
