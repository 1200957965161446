"""The open link of an anonymous survey: the same form, the answers so far kept in the browser's session, one
response per session, the honeypot and the rate limit per address, and anonymity fixed on first use."""

import pytest
from django.test import Client
from django_scopes import scopes_disabled

from frivillig.core import throttle
from frivillig.surveys.enums import QuestionKind, SurveyStatus
from frivillig.surveys.models import Answer, Response, ResponseTally, Survey
from frivillig.surveys.tests.helpers import choices_of, make_question, make_section, make_survey, url
from frivillig.surveys.views_respond import OPEN_LINK_SUBMISSIONS_PER_HOUR, OPEN_LINK_THROTTLE

TOKEN = "aabent-link-samarbejde"


@pytest.fixture
def survey(personas):
    survey = make_survey(
        personas.tenant,
        title="Samarbejdet med kommunen",
        is_anonymous=True,
        status=SurveyStatus.OPEN,
        open_link_token=TOKEN,
    )
    section = make_section(survey, title="Samarbejdet")
    make_question(section, QuestionKind.SCALE, text="Hvor godt fungerer samarbejdet?", scale_points=5, required=True)
    make_question(section, QuestionKind.SINGLE_CHOICE, text="Hvem er du?", choices=["Forening", "Kommune"])
    make_question(section, QuestionKind.LONG_TEXT, text="Hvad kan blive bedre?")
    return survey


def page(survey, **changes) -> dict:
    with scopes_disabled():
        scale, who, better = survey.sections.get().questions.order_by("position")
    data = {
        "afsnit": str(scale.section_id),
        "handling": "frem",
        f"q{scale.pk}": "4",
        f"q{who.pk}": str(choices_of(who)[0].pk),
        f"q{better.pk}": "Hurtigere svar på mails.",
        "website": "",
    }
    data.update(changes)
    return data


def stored(survey) -> tuple[int, int]:
    with scopes_disabled():
        return Response.objects.filter(survey=survey).count(), Answer.objects.filter(response__survey=survey).count()


def open_url(token=TOKEN) -> str:
    return url("respond_open", token=token)


def test_the_open_link_shows_the_form_with_a_hidden_honeypot(client, survey):
    content = client.get(open_url()).content.decode()
    assert "Hvor godt fungerer samarbejdet?" in content and "Trin 1 af 1" in content
    honeypot = content[content.index('<div class="d-none" aria-hidden="true">') :][:400]
    assert 'name="website"' in honeypot and 'tabindex="-1"' in honeypot and 'autocomplete="off"' in honeypot
    # No personal link, so nothing to decline.
    assert "Jeg ønsker ikke at deltage" not in content


def test_an_answer_through_the_open_link_is_stored_without_anyone_attached(client, survey):
    content = client.post(open_url(), page(survey)).content.decode()
    assert "Tak for dine svar" in content
    with scopes_disabled():
        (response,) = Response.objects.filter(survey=survey)
        assert response.person_id is None and response.organisation_id is None and response.submitted
        assert sorted(answer.number or 0 for answer in response.answers.all()) == [0, 0, 4]
        assert ResponseTally.objects.get(survey=survey).count == 1


def test_first_use_fixes_the_anonymity(client, survey):
    assert survey.anonymity_locked_at is None
    client.post(open_url(), page(survey))
    with scopes_disabled():
        assert Survey.objects.get(pk=survey.pk).anonymity_locked


def test_one_response_per_browser_session(client, survey):
    client.post(open_url(), page(survey))
    again = client.post(open_url(), page(survey))
    assert "Tak, vi har modtaget dit svar" in again.content.decode()
    assert "Tak, vi har modtaget dit svar" in client.get(open_url()).content.decode()
    assert stored(survey)[0] == 1
    # Another browser may answer.
    Client().post(open_url(), page(survey))
    assert stored(survey)[0] == 2


def test_saving_keeps_the_answers_in_this_browser(client, survey):
    data = page(survey, handling="gem")
    content = client.post(open_url(), data).content.decode()
    assert "Dine svar er gemt" in content
    assert "Kom tilbage til denne side i den samme browser" in content
    assert "Hurtigere svar på mails." in client.get(open_url()).content.decode()
    assert "Hurtigere svar på mails." not in Client().get(open_url()).content.decode()
    assert stored(survey) == (0, 0)


def test_bad_values_re_render_with_the_messages_and_the_answers_kept(client, survey):
    content = client.post(open_url(), page(survey, **{"website": ""}) | _scale(survey, "")).content.decode()
    assert content.count("Du skal besvare spørgsmålet.") == 2
    assert "Hurtigere svar på mails." in content
    assert stored(survey) == (0, 0)


def _scale(survey, value) -> dict:
    with scopes_disabled():
        scale = survey.sections.get().questions.order_by("position").first()
    return {f"q{scale.pk}": value}


def test_a_robot_that_fills_the_honeypot_is_thanked_and_nothing_is_stored(client, survey):
    response = client.post(open_url(), page(survey, website="http://spam.example"))
    assert response.status_code == 200
    assert "Tak for dine svar" in response.content.decode()
    assert stored(survey) == (0, 0)
    with scopes_disabled():
        assert not ResponseTally.objects.filter(survey=survey).exists()
        assert Survey.objects.get(pk=survey.pk).anonymity_locked_at is None


def test_the_rate_limit_holds_per_address(survey):
    for _number in range(OPEN_LINK_SUBMISSIONS_PER_HOUR):
        response = Client(REMOTE_ADDR="192.0.2.7").post(open_url(), page(survey))
        assert "Tak for dine svar" in response.content.decode()
    assert stored(survey)[0] == OPEN_LINK_SUBMISSIONS_PER_HOUR
    blocked = Client(REMOTE_ADDR="192.0.2.7")
    response = blocked.post(open_url(), page(survey))
    assert response.status_code == 429
    content = response.content.decode()
    assert "For mange svar fra dit netværk" in content
    assert stored(survey)[0] == OPEN_LINK_SUBMISSIONS_PER_HOUR
    # The answers wait in that browser for a later try.
    assert "Hurtigere svar på mails." in blocked.get(open_url()).content.decode()
    # Another address is not held back.
    assert "Tak for dine svar" in Client(REMOTE_ADDR="192.0.2.8").post(open_url(), page(survey)).content.decode()


def test_the_rate_limit_counts_only_submissions_not_pages(client, survey):
    for _number in range(3):
        client.post(open_url(), page(survey, handling="gem"))
    assert throttle.count(OPEN_LINK_THROTTLE, "127.0.0.1", window=3600) == 0


def test_a_named_survey_has_no_open_link(client, survey):
    with scopes_disabled():
        Survey.objects.filter(pk=survey.pk).update(is_anonymous=False)
    response = client.get(open_url())
    assert response.status_code == 404
    assert "Linket virker ikke" in response.content.decode()


def test_an_unknown_open_link_is_a_clear_page(client, survey):
    response = client.get(open_url("forkert-link"))
    assert response.status_code == 404
    assert "Frivilligcenter Alfa" in response.content.decode()


def test_a_survey_with_the_same_token_in_another_tenant_is_not_reached(client, survey, personas):
    address = open_url().replace("/alfa/", "/charlie/", 1)
    assert client.get(address).status_code == 404


def test_a_closed_survey_says_so_through_the_open_link(client, survey):
    with scopes_disabled():
        Survey.objects.filter(pk=survey.pk).update(status=SurveyStatus.CLOSED)
    response = client.post(open_url(), page(survey))
    assert response.status_code == 410
    assert stored(survey) == (0, 0)
