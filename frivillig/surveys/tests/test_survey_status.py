"""Opening, closing and reopening a survey, and its open link."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled

from frivillig.core.models import AuditEntry
from frivillig.surveys.enums import QuestionKind, SurveyStatus
from frivillig.surveys.models import Survey
from frivillig.surveys.services import SurveyEditRefused
from frivillig.surveys.services_invitations import open_link_create, survey_open
from frivillig.surveys.tests.helpers import make_question, make_section, make_survey, url


def reload(survey) -> Survey:
    with scopes_disabled():
        return Survey.objects.get(pk=survey.pk)


def with_question(survey) -> Survey:
    make_question(make_section(survey), QuestionKind.YES_NO, text="Har foreningen brug for flere frivillige?")
    return survey


def audit_codes(survey) -> list[str]:
    with scopes_disabled():
        return list(
            AuditEntry.objects.filter(target_id=str(survey.pk), code__startswith="surveys.").values_list(
                "code", flat=True
            )
        )


def post_status(client, survey, action):
    return client.post(url("survey_status", pk=survey.pk), {"handling": action}, follow=True)


def test_a_draft_without_questions_is_not_opened_and_the_page_says_why(personas, client_for):
    survey = make_survey(personas.tenant)
    response = post_status(client_for("centre_staff"), survey, "aaben")
    assert "Undersøgelsen kan ikke åbnes: den har endnu ingen spørgsmål. Tilføj et spørgsmål først." in (
        response.content.decode()
    )
    assert reload(survey).status == SurveyStatus.DRAFT


def test_a_draft_with_a_question_opens_and_is_logged(personas, client_for):
    survey = with_question(make_survey(personas.tenant))
    response = post_status(client_for("centre_staff"), survey, "aaben")
    page = response.content.decode()
    assert "Undersøgelsen er åben. Du kan nu invitere folk til at svare." in page
    assert "Luk undersøgelsen" in page
    assert reload(survey).status == SurveyStatus.OPEN
    assert "surveys.survey.opened" in audit_codes(survey)


def test_an_open_survey_closes_and_a_closed_one_reopens(personas, client_for):
    survey = with_question(make_survey(personas.tenant, status=SurveyStatus.OPEN))
    client = client_for("tenant_admin")
    page = post_status(client, survey, "luk").content.decode()
    assert "Undersøgelsen er lukket. Ingen kan svare på den længere." in page
    assert reload(survey).status == SurveyStatus.CLOSED
    page = post_status(client, survey, "genaaben").content.decode()
    assert "Undersøgelsen er åben igen." in page
    assert reload(survey).status == SurveyStatus.OPEN
    assert {"surveys.survey.closed", "surveys.survey.reopened"} <= set(audit_codes(survey))


def test_a_closed_survey_past_its_closing_time_is_not_reopened(personas, client_for):
    past = timezone.now() - timedelta(days=1)
    survey = with_question(
        make_survey(personas.tenant, status=SurveyStatus.CLOSED, opens_at=past - timedelta(days=30), closes_at=past)
    )
    page = post_status(client_for("centre_staff"), survey, "genaaben").content.decode()
    assert "Undersøgelsen kan ikke genåbnes: dens lukketidspunkt er passeret." in page
    assert reload(survey).status == SurveyStatus.CLOSED


def test_an_unknown_action_changes_nothing(personas, client_for):
    survey = with_question(make_survey(personas.tenant))
    page = post_status(client_for("centre_staff"), survey, "slet").content.decode()
    assert "Vælg, hvad der skal ske med undersøgelsen." in page
    assert reload(survey).status == SurveyStatus.DRAFT


def test_opening_twice_is_refused(personas):
    survey = with_question(make_survey(personas.tenant, status=SurveyStatus.OPEN))
    with scopes_disabled(), pytest.raises(SurveyEditRefused):
        survey_open(survey=survey, actor=None)


def test_an_open_survey_still_takes_typo_fixes(personas, client_for):
    survey = make_survey(personas.tenant, status=SurveyStatus.OPEN)
    question = make_question(make_section(survey), QuestionKind.SHORT_TEXT, text="Hvad hedder foreingen?")
    response = client_for("centre_staff").post(
        url("question_edit", pk=survey.pk, question_pk=question.pk),
        {"kind": QuestionKind.SHORT_TEXT, "text": "Hvad hedder foreningen?"},
    )
    assert response.status_code == 302
    with scopes_disabled():
        question.refresh_from_db()
    assert question.text == "Hvad hedder foreningen?"


def test_status_of_another_tenants_survey_is_not_found(personas, client_for):
    survey = with_question(make_survey(personas.other_tenant))
    response = client_for("centre_staff").post(url("survey_status", pk=survey.pk), {"handling": "aaben"})
    assert response.status_code == 404
    assert reload(survey).status == SurveyStatus.DRAFT


def test_municipal_staff_cannot_open_a_survey(personas, client_for):
    survey = with_question(make_survey(personas.tenant))
    response = client_for("municipal_staff").post(url("survey_status", pk=survey.pk), {"handling": "aaben"})
    assert response.status_code == 403
    assert reload(survey).status == SurveyStatus.DRAFT


# --- the open link --------------------------------------------------------------------------------------------


def test_the_open_link_is_refused_for_a_named_survey(personas, client_for):
    survey = with_question(make_survey(personas.tenant, status=SurveyStatus.OPEN))
    page = client_for("centre_staff").post(url("open_link", pk=survey.pk), follow=True).content.decode()
    assert "Kun en anonym undersøgelse kan have et åbent link" in page
    saved = reload(survey)
    assert saved.open_link_token == ""
    assert saved.anonymity_locked_at is None


def test_the_open_link_of_an_anonymous_survey_is_shown_whole_and_fixes_anonymity(personas, client_for, settings):
    settings.SITE_URL = "https://frivillig.example.dk"
    survey = with_question(make_survey(personas.tenant, status=SurveyStatus.OPEN, is_anonymous=True))
    page = client_for("centre_staff").post(url("open_link", pk=survey.pk), follow=True).content.decode()
    saved = reload(survey)
    assert len(saved.open_link_token) >= 32
    assert saved.anonymity_locked_at is not None
    assert f"https://frivillig.example.dk{url('respond_open', token=saved.open_link_token)}" in page
    assert "Slå det åbne link fra" in page
    assert "surveys.open_link.created" in audit_codes(survey)


def test_the_open_link_is_kept_when_asked_for_again_and_can_be_turned_off(personas, client_for):
    survey = with_question(make_survey(personas.tenant, status=SurveyStatus.OPEN, is_anonymous=True))
    with scopes_disabled():
        token = open_link_create(survey=survey, actor=None).open_link_token
    client = client_for("centre_staff")
    client.post(url("open_link", pk=survey.pk))
    assert reload(survey).open_link_token == token
    page = client.post(url("open_link", pk=survey.pk), {"handling": "sluk"}, follow=True).content.decode()
    assert "Det åbne link er slået fra. Ingen kan længere svare via det." in page
    assert reload(survey).open_link_token == ""
    assert "Opret et åbent link" in page
    # Turning the link off does not unlock anonymity.
    assert reload(survey).anonymity_locked_at is not None


def test_the_open_link_of_another_tenants_survey_is_not_found(personas, client_for):
    survey = make_survey(personas.other_tenant, status=SurveyStatus.OPEN, is_anonymous=True)
    assert client_for("tenant_admin").post(url("open_link", pk=survey.pk)).status_code == 404
    assert reload(survey).open_link_token == ""
