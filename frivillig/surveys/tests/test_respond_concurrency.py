"""Twenty submissions of the same invitation at the same moment store exactly one response, count it once, and
every one of them gets a thank-you page (PostgreSQL: real concurrency)."""

import pytest
from django.db import connection
from django.test import Client
from django_scopes import scopes_disabled

from frivillig.surveys.enums import QuestionKind, SurveyStatus
from frivillig.surveys.models import Answer, Invitation, Response, ResponseTally
from frivillig.surveys.tests.helpers import make_invitation, make_question, make_section, make_survey, url
from frivillig.testing import build_personas, run_in_parallel

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL: SQLite serialises every write anyway"
)


@pytest.mark.parametrize("anonymous", [False, True])
def test_twenty_concurrent_submissions_of_one_invitation_store_exactly_one_response(transactional_db, anonymous):
    personas = build_personas()
    survey = make_survey(personas.tenant, status=SurveyStatus.OPEN, is_anonymous=anonymous)
    section = make_section(survey)
    question = make_question(section, QuestionKind.NUMBER, text="Hvor mange frivillige har I?", required=True)
    invitation = make_invitation(survey, organisation=personas.organisation)
    address = url("respond", token=invitation.token)
    data = {"afsnit": str(section.pk), "handling": "frem", f"q{question.pk}": "12"}

    def submit(number: int) -> tuple[int, str]:
        response = Client().post(address, data)
        return response.status_code, response.content.decode()

    results = run_in_parallel(20, submit)

    with scopes_disabled():
        assert Response.objects.filter(survey=survey).count() == 1
        assert Answer.objects.filter(question=question).count() == 1
        assert ResponseTally.objects.get(survey=survey).count == 1
        assert Invitation.objects.get(pk=invitation.pk).responded
    assert [status for status, _page in results] == [200] * 20
    assert sum("Tak for dine svar" in page for _status, page in results) >= 1
    assert all("Tak for dine svar" in page or "Tak, vi har modtaget dit svar" in page for _status, page in results)
