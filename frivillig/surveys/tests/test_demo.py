"""The surveys part of `manage.py demo`: Sorø's needs analysis and course evaluation, Rødovre's anonymous
collaboration survey and an open survey to try; believable, anonymous where promised, and loaded only once."""

from datetime import date

import pytest
from django.core.management import call_command
from django.db.models import Sum
from django.utils import timezone
from django_scopes import scopes_disabled

from frivillig.surveys.demo_data import (
    BOARD_COURSE,
    COURSE_SCALE,
    ROEDOVRE_COLLABORATION,
    SOROE_COURSE,
    SOROE_NEEDS,
    SOROE_OPEN,
)
from frivillig.surveys.enums import SurveyStatus
from frivillig.surveys.models import Answer, Choice, Invitation, Question, Response, ResponseTally, Section, Survey


@pytest.fixture
def demo(db):
    call_command("demo", force=True)


def survey_counts() -> dict[str, int]:
    with scopes_disabled():
        models = [Survey, Section, Question, Choice, Invitation, Response, Answer, ResponseTally]
        return {model.__name__: model.objects.count() for model in models}


def survey(spec) -> Survey:
    return Survey.objects.get(tenant__slug=spec.tenant, title=spec.title)


def test_demo_loads_the_surveys_of_both_centres(demo):
    with scopes_disabled():
        needs, course, today, collaboration = (
            survey(SOROE_NEEDS),
            survey(SOROE_COURSE),
            survey(SOROE_OPEN),
            survey(ROEDOVRE_COLLABORATION),
        )
        assert (needs.status, course.status, collaboration.status) == (SurveyStatus.CLOSED,) * 3
        assert timezone.localdate(needs.opens_at) == date(2017, 10, 2)
        assert timezone.localdate(needs.closes_at) == date(2017, 11, 10)
        assert needs.summary and course.summary and collaboration.summary
        assert not needs.is_anonymous and not course.is_anonymous and collaboration.is_anonymous

        # About 25 of 35 member associations answered, each response from a chair and their association.
        assert needs.invitations.count() == 35
        responses = needs.responses.all()
        assert responses.count() == 25
        assert not responses.filter(person=None).exists() and not responses.filter(organisation=None).exists()
        assert responses.values("organisation").distinct().count() == 25
        assert all(response.submitted for response in responses)
        assert needs.invitations.filter(responded=True).count() == 25
        assert needs.invitations.filter(sent_at=None).count() == 0
        assert needs.invitations.filter(reminders_sent__gt=0, responded=False).exists()
        # The daily tallies add up and lie within the weeks the survey was open.
        tallies = ResponseTally.objects.filter(survey=needs)
        assert tallies.aggregate(total=Sum("count"))["total"] == 25
        assert tallies.count() > 3
        assert all(date(2017, 10, 2) <= tally.day <= date(2017, 11, 10) for tally in tallies)
        # Every question of the needs analysis has answers, and the free texts are varied.
        for question in Question.objects.filter(section__survey=needs):
            assert Answer.objects.filter(question=question).exists(), question.text
        texts = list(Answer.objects.filter(response__survey=needs).exclude(text="").values_list("text", flat=True))
        assert len(texts) == len(set(texts)) > 5

        # The open survey is there to try inviting to: open today, nobody invited yet.
        assert today.status == SurveyStatus.OPEN
        assert timezone.localdate(today.opens_at) <= timezone.localdate() < timezone.localdate(today.closes_at)
        assert not today.invitations.exists() and not today.responses.exists()


def test_demo_course_evaluation_counts_at_least_seven_better_equipped_associations(demo):
    with scopes_disabled():
        course = survey(SOROE_COURSE)
        question = Question.objects.get(section__survey=course, text=COURSE_SCALE)
        assert (question.scale_low_label, question.scale_high_label) == ("Slet ikke", "I meget høj grad")
        assert course.responses.count() == 12
        better = (
            Answer.objects.filter(question=question, number__gte=4).values("response__organisation").distinct().count()
        )
    assert better >= 7


def test_demo_anonymous_survey_links_no_response_to_anybody(demo):
    with scopes_disabled():
        collaboration = survey(ROEDOVRE_COLLABORATION)
        assert collaboration.responses.count() == 30
        assert not collaboration.responses.exclude(person=None).exists()
        assert not collaboration.responses.exclude(organisation=None).exists()
        assert not Answer.objects.filter(response__survey=collaboration).exclude(organisation=None).exists()
        # The invitations say only that they were used, and drafts are empty.
        assert collaboration.invitations.filter(responded=True).count() == 30
        assert not collaboration.invitations.exclude(draft={}).exists()
        board = Question.objects.get(section__survey=collaboration, text=BOARD_COURSE)
        assert Answer.objects.filter(question=board).count() == 30


def test_demo_loaded_again_even_on_a_later_day_adds_nothing(demo, monkeypatch):
    first = survey_counts()
    assert all(count > 0 for count in first.values()), first
    call_command("demo", force=True)
    assert survey_counts() == first
    monkeypatch.setattr(timezone, "localdate", lambda *args: date(2031, 5, 5))
    call_command("demo", force=True)
    assert survey_counts() == first
