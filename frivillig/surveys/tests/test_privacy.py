from datetime import UTC, datetime, timedelta

from django_scopes import scopes_disabled

from frivillig.core.erasure import erase_person
from frivillig.core.retention import apply_rules
from frivillig.surveys.enums import QuestionKind, SurveyStatus
from frivillig.surveys.models import Answer, Response
from frivillig.surveys.tests.helpers import answer, choices_of, make_question, make_section, make_survey
from frivillig.testing import make_person


def _named_answers(personas, **survey_fields):
    person = make_person(personas.tenant, full_name="Bente Hansen", email="bente@example.org")
    survey = make_survey(personas.tenant, **survey_fields)
    section = make_section(survey)
    size = make_question(section, QuestionKind.SINGLE_CHOICE, choices=["Lille", "Stor"])
    comment = make_question(section, QuestionKind.LONG_TEXT)
    chosen = answer(size, choice=choices_of(size)[1], organisation=personas.organisation, person=person)
    with scopes_disabled():
        written = Answer.objects.create(
            tenant=personas.tenant, response=chosen.response, question=comment, text="Bente vil gerne ringes op"
        )
    return person, chosen, written


def test_erasing_a_person_anonymises_their_named_answers_and_keeps_the_figures(personas):
    person, chosen, written = _named_answers(personas)

    with scopes_disabled():
        erase_person(person=person, actor=None, reason="The person asked to be erased")
        response = Response.objects.get(pk=chosen.response_id)
        assert (response.person_id, response.organisation_id) == (None, None)
        assert Answer.objects.get(pk=written.pk).text == ""
        # The closed answer still counts.
        assert Answer.objects.get(pk=chosen.pk).choice_id == chosen.choice_id


def test_retention_anonymises_named_responses_of_a_survey_closed_long_ago(personas):
    long_ago = datetime(2018, 2, 1, tzinfo=UTC)
    _person, old, old_text = _named_answers(
        personas, status=SurveyStatus.CLOSED, opens_at=long_ago - timedelta(days=60), closes_at=long_ago
    )
    _person2, recent, _text = _named_answers(personas, status=SurveyStatus.OPEN)

    apply_rules(now=long_ago + timedelta(days=3 * 365), tenants=[personas.tenant])

    with scopes_disabled():
        assert Response.objects.get(pk=old.response_id).person_id is None
        assert Answer.objects.get(pk=old_text.pk).text == ""
        assert Answer.objects.get(pk=old.pk).choice_id == old.choice_id
        assert Response.objects.get(pk=recent.response_id).person_id is not None
