"""Answering from a personal invitation's link: one section per page, every kind of question checked with the
message at the field and in the summary, saving and coming back, conditional questions, one response per
invitation, declining, and the kind pages for links that lead to no form."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone, translation
from django.utils.formats import date_format
from django_scopes import scopes_disabled

from frivillig.core.models import AuditEntry
from frivillig.surveys.enums import QuestionKind, SurveyStatus
from frivillig.surveys.models import Answer, Invitation, Question, Response, ResponseTally
from frivillig.surveys.services_invitations import survey_close
from frivillig.surveys.services_responses import TALLY_ZONE
from frivillig.surveys.tests.helpers import (
    choices_of,
    make_invitation,
    make_question,
    make_section,
    make_survey,
    url,
    visible_text,
)
from frivillig.testing import make_person


@pytest.fixture
def survey(personas):
    survey = make_survey(
        personas.tenant,
        title="Behovsanalyse 2017",
        introduction="Hjælp os med at hjælpe foreningerne.",
        thank_you_text="Tak for hjælpen!",
        status=SurveyStatus.OPEN,
    )
    about = make_section(survey, title="Om foreningen")
    make_question(about, QuestionKind.ORGANISATION, text="Hvilken forening svarer du for?", required=True)
    make_question(
        about, QuestionKind.SINGLE_CHOICE, text="Hvor stor er foreningen?", choices=["Lille", "Stor"], required=True
    )
    make_question(
        about,
        QuestionKind.NUMBER,
        text="Hvor mange frivillige har I?",
        number_min=0,
        number_max=500,
        number_unit="frivillige",
        required=True,
    )
    make_question(about, QuestionKind.SHORT_TEXT, text="Foreningens hjemmeside")
    needs = make_section(survey, title="Rekruttering")
    make_question(
        needs,
        QuestionKind.SCALE,
        text="Hvor godt rustet er I til at rekruttere?",
        scale_points=5,
        scale_low_label="Slet ikke",
        scale_high_label="I meget høj grad",
        allow_dont_know=True,
        required=True,
    )
    make_question(
        needs,
        QuestionKind.MULTIPLE_CHOICE,
        text="Hvad har I brug for?",
        choices=["Kursus", "Sparring"],
        allow_other=True,
        required=True,
    )
    help_wanted = make_question(needs, QuestionKind.YES_NO, text="Vil I kontaktes?", required=True)
    contact = make_question(needs, QuestionKind.LONG_TEXT, text="Hvordan vil I kontaktes?", required=True)
    with scopes_disabled():
        contact.show_if_question = help_wanted
        contact.show_if_value = "yes"
        contact.save()
    return survey


@pytest.fixture
def invitation(survey, personas):
    person = make_person(personas.tenant, full_name="Bodil Formand", email="bodil@example.org")
    return make_invitation(
        survey, email="bodil@example.org", person=person, organisation=personas.organisation, sent_at=timezone.now()
    )


def questions(survey) -> dict:
    with scopes_disabled():
        return {question.text: question for question in Question.objects.filter(section__survey=survey)}


def name(question, suffix="") -> str:
    return f"q{question.pk}{suffix}"


def respond_url(invitation, **query) -> str:
    address = url("respond", token=invitation.token)
    return f"{address}?afsnit={query['afsnit']}" if query else address


def first_page(survey, personas, **changes) -> dict:
    qs = questions(survey)
    small = choices_of(qs["Hvor stor er foreningen?"])[0]
    data = {
        "afsnit": str(qs["Hvilken forening svarer du for?"].section_id),
        "handling": "frem",
        name(qs["Hvilken forening svarer du for?"]): str(personas.organisation.pk),
        name(qs["Hvor stor er foreningen?"]): str(small.pk),
        name(qs["Hvor mange frivillige har I?"]): "12",
        name(qs["Foreningens hjemmeside"]): "www.besøgsvenner.dk",
    }
    data.update({name(qs[text]): value for text, value in changes.items()})
    return data


def second_page(survey, **changes) -> dict:
    qs = questions(survey)
    course = choices_of(qs["Hvad har I brug for?"])[0]
    data = {
        "afsnit": str(qs["Hvor godt rustet er I til at rekruttere?"].section_id),
        "handling": "frem",
        name(qs["Hvor godt rustet er I til at rekruttere?"]): "4",
        name(qs["Hvad har I brug for?"]): [str(course.pk)],
        name(qs["Vil I kontaktes?"]): "yes",
        name(qs["Hvordan vil I kontaktes?"]): "Ring til formanden om aftenen.",
    }
    data.update({name(qs[text]): value for text, value in changes.items()})
    return data


def reload(instance):
    with scopes_disabled():
        instance.refresh_from_db()
    return instance


def responses(survey) -> list[Response]:
    with scopes_disabled():
        return list(Response.objects.filter(survey=survey).prefetch_related("answers"))


# --- the form -----------------------------------------------------------------------------------------------


def test_first_page_shows_intro_progress_fieldsets_and_buttons(client, survey, invitation):
    content = client.get(respond_url(invitation)).content.decode()
    assert "Hjælp os med at hjælpe foreningerne." in content
    assert "Trin 1 af 2" in content
    assert "<legend" in content and "Hvor stor er foreningen?" in content
    assert "Alfa Besøgsvenner" in content and "Charlie Idrætsforening" not in content
    assert "Næste" in content and "Gem og fortsæt senere" in content
    assert "Forrige" not in content and "Send svar" not in content
    assert "Jeg ønsker ikke at deltage" in content
    assert "Dette er en forhåndsvisning" not in content


def test_the_login_link_does_not_carry_the_personal_link(client, survey, invitation):
    for address in (respond_url(invitation), url("respond_decline", token=invitation.token)):
        content = client.get(address).content.decode()
        login = re.search(r'href="([^"]*log-ind[^"]*)"', content)
        assert login is not None
        assert "next=" not in login.group(1) and invitation.token not in login.group(1)


def test_the_page_is_the_same_for_a_logged_in_person(client_for, survey, invitation):
    content = client_for("citizen").get(respond_url(invitation)).content.decode()
    assert "Trin 1 af 2" in content and "Hvor stor er foreningen?" in content


@pytest.mark.parametrize(
    ("question", "value", "message"),
    [
        ("Hvor mange frivillige har I?", "501", "Skriv et tal fra 0 til 500."),
        ("Hvor mange frivillige har I?", "-1", "Skriv et tal fra 0 til 500."),
        ("Hvor mange frivillige har I?", "mange", "Skriv et helt tal."),
        ("Hvor mange frivillige har I?", "", "Du skal besvare spørgsmålet."),
        ("Hvor stor er foreningen?", "99999", "Vælg et af de viste svar."),
        ("Hvor stor er foreningen?", "", "Du skal besvare spørgsmålet."),
        ("Hvilken forening svarer du for?", "424242", "Vælg et af de viste svar."),
        ("Hvilken forening svarer du for?", "", "Du skal besvare spørgsmålet."),
        ("Foreningens hjemmeside", "x" * 201, "højst have 200 tegn"),
    ],
)
def test_first_page_bad_values_are_shown_at_the_field_and_in_the_summary_with_answers_kept(
    client, survey, personas, invitation, question, value, message
):
    qs = questions(survey)
    data = first_page(survey, personas, **{question: value})
    response = client.post(respond_url(invitation), data)
    content = response.content.decode()
    assert response.status_code == 200
    assert "Trin 1 af 2" in content
    assert "Ret følgende" in content
    assert content.count(message) == 2, content
    assert f'href="#id_{name(qs[question])}' in content
    # Every other answer is kept as typed.
    if question != "Foreningens hjemmeside":
        assert 'value="www.besøgsvenner.dk"' in content
    if question != "Hvor mange frivillige har I?":
        assert 'value="12"' in content
    elif value:
        assert f'value="{value}"' in content
    if question != "Hvilken forening svarer du for?":
        assert f'<option value="{personas.organisation.pk}" selected>' in content
    with scopes_disabled():
        assert not Response.objects.exists() and not Answer.objects.exists()


@pytest.mark.parametrize(
    ("question", "value", "message"),
    [
        ("Hvor godt rustet er I til at rekruttere?", "9", "Vælg et af de viste svar."),
        ("Hvor godt rustet er I til at rekruttere?", "", "Du skal besvare spørgsmålet."),
        ("Hvad har I brug for?", ["99999"], "Vælg et af de viste svar."),
        ("Hvad har I brug for?", [], "Du skal besvare spørgsmålet."),
        ("Vil I kontaktes?", "maybe", "Vælg et af de viste svar."),
        ("Vil I kontaktes?", "", "Du skal besvare spørgsmålet."),
        ("Hvordan vil I kontaktes?", "x" * 5001, "højst have 5000 tegn"),
        ("Hvordan vil I kontaktes?", "", "Du skal besvare spørgsmålet."),
    ],
)
def test_second_page_bad_values_are_shown_at_the_field_and_in_the_summary_with_answers_kept(
    client, survey, personas, invitation, question, value, message
):
    client.post(respond_url(invitation), first_page(survey, personas))
    data = second_page(survey, **{question: value})
    response = client.post(respond_url(invitation), data)
    content = response.content.decode()
    assert "Trin 2 af 2" in content
    assert content.count(message) == 2, content
    if question != "Hvordan vil I kontaktes?":
        assert "Ring til formanden om aftenen." in content
    if question != "Hvor godt rustet er I til at rekruttere?":
        assert 'value="4" checked' in content
    assert responses(survey) == []
    assert not reload(invitation).responded


def test_other_namely_counts_as_an_answer_to_a_required_multiple_choice(client, survey, personas, invitation):
    qs = questions(survey)
    client.post(respond_url(invitation), first_page(survey, personas))
    data = second_page(survey, **{"Hvad har I brug for?": []})
    data[name(qs["Hvad har I brug for?"], "_other")] = "Hjælp til Facebook"
    content = client.post(respond_url(invitation), data).content.decode()
    assert "Tak for hjælpen!" in content
    (response,) = responses(survey)
    assert [answer.text for answer in response.answers.all() if answer.question_id == qs["Hvad har I brug for?"].pk]
    assert "Hjælp til Facebook" in [answer.text for answer in response.answers.all()]


def test_next_moves_on_and_previous_goes_back_with_the_answers(client, survey, personas, invitation):
    response = client.post(respond_url(invitation), first_page(survey, personas))
    assert response.status_code == 302
    assert response.headers["Location"] == respond_url(invitation, afsnit=2)
    content = client.get(response.headers["Location"]).content.decode()
    assert "Trin 2 af 2" in content and "Send svar" in content and "Forrige" in content
    assert "Hjælp os med at hjælpe foreningerne." not in content
    back = second_page(survey, **{"Hvor godt rustet er I til at rekruttere?": "2"})
    back["handling"] = "tilbage"
    response = client.post(respond_url(invitation), back)
    assert response.headers["Location"] == respond_url(invitation, afsnit=1)
    content = client.get(response.headers["Location"]).content.decode()
    assert "Trin 1 af 2" in content and 'value="12"' in content
    assert "Du skal besvare spørgsmålet." not in content
    # The second page keeps what was typed before going back.
    content = client.get(respond_url(invitation, afsnit=2)).content.decode()
    assert 'value="2" checked' in content


# --- saving and coming back ---------------------------------------------------------------------------------


def test_save_and_continue_later_keeps_a_half_answered_page_and_says_how_to_come_back(
    client, survey, personas, invitation
):
    data = first_page(survey, personas, **{"Hvor mange frivillige har I?": ""})
    data["handling"] = "gem"
    content = client.post(respond_url(invitation), data).content.decode()
    assert "Dine svar er gemt" in content
    assert "Linket i den e-mail, du har fået, fører dig tilbage til dem" in content
    assert "Du skal besvare spørgsmålet." not in content
    draft = reload(invitation).draft
    qs = questions(survey)
    assert draft["answers"][name(qs["Foreningens hjemmeside"])] == ["www.besøgsvenner.dk"]
    assert name(qs["Hvor mange frivillige har I?"]) not in draft["answers"]
    assert responses(survey) == []


def test_coming_back_resumes_at_the_first_section_not_completed_with_the_saved_answers(
    client, survey, personas, invitation
):
    client.post(respond_url(invitation), first_page(survey, personas))
    later = second_page(survey)
    later["handling"] = "gem"
    client.post(respond_url(invitation), later)

    # Another day, another browser: the link in the mail.
    from django.test import Client

    content = Client().get(respond_url(invitation)).content.decode()
    assert "Trin 2 af 2" in content
    assert 'value="4" checked' in content
    assert "Ring til formanden om aftenen." in content
    assert "Send svar" in content


def test_a_submission_from_the_resumed_page_stores_the_answers_of_both_pages(client, survey, personas, invitation):
    client.post(respond_url(invitation), first_page(survey, personas))
    content = client.post(respond_url(invitation), second_page(survey)).content.decode()
    assert "Tak for dine svar" in content and "Tak for hjælpen!" in content
    qs = questions(survey)
    (response,) = responses(survey)
    answers = {answer.question_id: answer for answer in response.answers.all()}
    assert answers[qs["Hvilken forening svarer du for?"].pk].organisation_id == personas.organisation.pk
    assert answers[qs["Hvor stor er foreningen?"].pk].choice == choices_of(qs["Hvor stor er foreningen?"])[0]
    assert answers[qs["Hvor mange frivillige har I?"].pk].number == 12
    assert answers[qs["Foreningens hjemmeside"].pk].text == "www.besøgsvenner.dk"
    assert answers[qs["Hvor godt rustet er I til at rekruttere?"].pk].number == 4
    assert answers[qs["Vil I kontaktes?"].pk].number == 1
    assert answers[qs["Hvordan vil I kontaktes?"].pk].text == "Ring til formanden om aftenen."
    assert response.submitted
    invitation = reload(invitation)
    assert invitation.responded and invitation.draft == {}


def test_a_page_skipped_by_changing_the_address_is_checked_before_anything_is_stored(
    client, survey, personas, invitation
):
    content = client.post(respond_url(invitation), second_page(survey)).content.decode()
    # The first page was never answered: it comes back with its messages, nothing is stored.
    assert "Trin 1 af 2" in content
    assert "Du skal besvare spørgsmålet." in content
    assert responses(survey) == []
    assert not reload(invitation).responded


def test_scale_dont_know_is_stored_as_dont_know(client, survey, personas, invitation):
    client.post(respond_url(invitation), first_page(survey, personas))
    client.post(respond_url(invitation), second_page(survey, **{"Hvor godt rustet er I til at rekruttere?": "x"}))
    qs = questions(survey)
    (response,) = responses(survey)
    (scale,) = [a for a in response.answers.all() if a.question_id == qs["Hvor godt rustet er I til at rekruttere?"].pk]
    assert scale.dont_know and scale.number is None


# --- conditional questions ----------------------------------------------------------------------------------


def test_a_hidden_question_is_not_required_and_its_stale_answer_is_not_stored(client, survey, personas, invitation):
    qs = questions(survey)
    client.post(respond_url(invitation), first_page(survey, personas))
    # First "yes" with an explanation, saved for later ...
    saved = second_page(survey)
    saved["handling"] = "gem"
    client.post(respond_url(invitation), saved)
    assert name(qs["Hvordan vil I kontaktes?"]) in reload(invitation).draft["answers"]
    # ... then "no", still sending the old text along: neither the draft nor the answers keep it.
    changed = second_page(survey, **{"Vil I kontaktes?": "no"})
    changed["handling"] = "gem"
    client.post(respond_url(invitation), changed)
    assert name(qs["Hvordan vil I kontaktes?"]) not in reload(invitation).draft["answers"]
    content = client.post(respond_url(invitation), second_page(survey, **{"Vil I kontaktes?": "no"})).content.decode()
    assert "Tak for hjælpen!" in content
    (response,) = responses(survey)
    assert qs["Hvordan vil I kontaktes?"].pk not in {answer.question_id for answer in response.answers.all()}
    assert "Ring til formanden om aftenen." not in [answer.text for answer in response.answers.all()]


def test_a_section_whose_questions_all_wait_for_another_answer_is_skipped(client, personas):
    survey = make_survey(personas.tenant, status=SurveyStatus.OPEN)
    first = make_section(survey, title="Kurser")
    took_part = make_question(first, QuestionKind.YES_NO, text="Deltog du i kurset?", required=True)
    second = make_section(survey, title="Om kurset")
    rating = make_question(second, QuestionKind.SCALE, text="Hvor godt var kurset?", scale_points=5, required=True)
    with scopes_disabled():
        rating.show_if_question = took_part
        rating.show_if_value = "yes"
        rating.save()
    invitation = make_invitation(survey)
    content = client.get(respond_url(invitation)).content.decode()
    assert "Trin 1 af 2" in content
    data = {"afsnit": str(first.pk), "handling": "frem", name(took_part): "no"}
    content = client.post(respond_url(invitation), data).content.decode()
    assert "Tak for dine svar" in content
    (response,) = responses(survey)
    assert [answer.number for answer in response.answers.all()] == [0]


# --- one response per invitation ----------------------------------------------------------------------------


def test_a_second_submission_shows_the_thanks_again_and_stores_nothing_new(client, survey, personas, invitation):
    client.post(respond_url(invitation), first_page(survey, personas))
    client.post(respond_url(invitation), second_page(survey))
    with scopes_disabled():
        answers_before = Answer.objects.count()
        audit_before = AuditEntry.objects.count()
    again = client.post(respond_url(invitation), second_page(survey))
    assert again.status_code == 200
    assert "Tak, vi har modtaget dit svar" in again.content.decode()
    assert len(responses(survey)) == 1
    with scopes_disabled():
        assert Answer.objects.count() == answers_before
        assert AuditEntry.objects.count() == audit_before
        assert ResponseTally.objects.get(survey=survey).count == 1
    # Opening the link again says the same.
    assert "Tak, vi har modtaget dit svar" in client.get(respond_url(invitation)).content.decode()


def test_a_named_response_is_from_the_invitations_person_and_association(client, survey, personas, invitation):
    client.post(respond_url(invitation), first_page(survey, personas))
    client.post(respond_url(invitation), second_page(survey))
    (response,) = responses(survey)
    assert response.person_id == invitation.person_id
    assert response.organisation_id == personas.organisation.pk
    with scopes_disabled():
        entry = AuditEntry.objects.get(code="surveys.response.submitted")
    assert entry.data == {"invitation": invitation.pk}


def test_the_days_tally_counts_the_response_on_the_danish_date(client, survey, personas, invitation):
    client.post(respond_url(invitation), first_page(survey, personas))
    client.post(respond_url(invitation), second_page(survey))
    with scopes_disabled():
        (tally,) = ResponseTally.objects.filter(survey=survey)
    assert tally.day == timezone.localtime(timezone.now(), TALLY_ZONE).date()
    assert tally.count == 1
    other = make_invitation(survey, email="anden@example.org")
    client.post(respond_url(other), first_page(survey, personas))
    client.post(respond_url(other), second_page(survey))
    assert reload(tally).count == 2


# --- links that lead to no form -----------------------------------------------------------------------------


@pytest.mark.parametrize("token", ["ukendt", "x" * 200, "abc%20def"])
def test_an_unknown_or_tampered_link_answers_a_clear_page(client, survey, invitation, token):
    response = client.get(url("respond", token=token))
    content = response.content.decode()
    assert response.status_code == 404
    assert "Linket virker ikke" in content
    assert "Frivilligcenter Alfa" in content and "kontakt@alfa.example.org" in content


def test_an_altered_token_is_refused(client, survey, invitation):
    altered = invitation.token[:-1] + ("A" if invitation.token[-1] != "A" else "B")
    assert client.get(url("respond", token=altered)).status_code == 404
    assert client.post(url("respond", token=altered), {"handling": "frem"}).status_code == 404
    assert responses(survey) == []


def test_another_tenants_address_does_not_know_the_link(client, survey, invitation):
    address = url("respond", token=invitation.token).replace("/alfa/", "/charlie/", 1)
    response = client.get(address)
    assert response.status_code == 404
    assert "Linket virker ikke" in response.content.decode()


def test_a_draft_survey_is_as_unknown(client, survey, invitation):
    with scopes_disabled():
        survey.status = SurveyStatus.DRAFT
        survey.save()
    response = client.get(respond_url(invitation))
    assert response.status_code == 404
    assert "Linket virker ikke" in response.content.decode()


def test_a_closed_survey_says_so_kindly_and_stores_nothing(client, survey, personas, invitation):
    with scopes_disabled():
        survey.status = SurveyStatus.CLOSED
        survey.save()
    response = client.post(respond_url(invitation), first_page(survey, personas))
    content = response.content.decode()
    assert response.status_code == 410
    assert "Undersøgelsen er lukket" in content and "Tak, fordi du alligevel gerne ville svare." in content
    assert reload(invitation).draft == {}


def test_a_survey_past_its_closing_time_is_closed(client, survey, invitation):
    with scopes_disabled():
        survey.closes_at = timezone.now() - timedelta(minutes=1)
        survey.save()
    assert client.get(respond_url(invitation)).status_code == 410


CONTACT = (
    '<p>Spørgsmål? Kontakt Frivilligcenter Alfa: <a href="mailto:kontakt@alfa.example.org">kontakt@alfa.example.org</a>'
    ', <a href="tel:+4512345678">+45 12 34 56 78</a>.</p>'
)


def test_a_survey_closed_by_the_centre_says_when_and_whom_to_ask(client, survey, personas, invitation):
    with scopes_disabled():
        survey.closes_at = timezone.now() + timedelta(days=30)
        survey.save()
        survey_close(survey=survey, actor=personas.user("centre_staff"))
        closed = AuditEntry.objects.get(code="surveys.survey.closed").created_at
    with translation.override("da"):
        day = date_format(timezone.localtime(closed), "DATE_FORMAT")

    response = client.get(respond_url(invitation))

    assert response.status_code == 410
    text = visible_text(response)
    assert f"Undersøgelsen er lukket Den lukkede {day}. Den modtager ikke længere svar." in text
    assert CONTACT in response.content.decode()


def test_a_survey_past_its_closing_time_says_when_it_closed_also_once_the_centre_closes_it(
    client, survey, personas, invitation
):
    with scopes_disabled():
        survey.closes_at = datetime(2018, 2, 28, 23, 30, tzinfo=UTC)  # 1 March 00:30 in Copenhagen
        survey.save()

    response = client.get(respond_url(invitation))

    assert response.status_code == 410
    assert "Den lukkede 1. marts 2018." in visible_text(response)
    assert CONTACT in response.content.decode()
    # Closed by hand later: it still closed when its closing time passed.
    with scopes_disabled():
        survey_close(survey=survey, actor=personas.user("centre_staff"))
    assert "Den lukkede 1. marts 2018." in visible_text(client.get(respond_url(invitation)))


def test_a_closed_survey_without_a_known_closing_says_only_that_it_has_closed(client, survey, invitation):
    with scopes_disabled():
        survey.status = SurveyStatus.CLOSED
        survey.save()
    response = client.get(respond_url(invitation))
    text = visible_text(response)
    assert "Undersøgelsen er lukket Den modtager ikke længere svar." in text
    assert "Den lukkede" not in text and CONTACT in response.content.decode()


def test_a_survey_not_yet_open_says_when_it_opens(client, survey, invitation):
    opens = timezone.now() + timedelta(days=3)
    with scopes_disabled():
        survey.opens_at = opens
        survey.save()
    response = client.get(respond_url(invitation))
    content = response.content.decode()
    assert response.status_code == 403
    assert "Undersøgelsen er ikke åbnet endnu" in content
    local = timezone.localtime(opens)
    with translation.override("da"):
        assert f"{date_format(local, 'DATE_FORMAT')} kl. {local:%H:%M}" in content
    english_invitation = make_invitation(survey, email="guest@example.org", language="en")
    english = client.get(respond_url(english_invitation)).content.decode()
    with translation.override("en"):
        assert f"It opens on {date_format(local, 'DATE_FORMAT')} at {local:%H:%M}." in english


# --- declining ------------------------------------------------------------------------------------------------


def test_decline_asks_first_then_records_it(client, survey, invitation):
    address = url("respond_decline", token=invitation.token)
    content = client.get(address).content.decode()
    assert "Ønsker du ikke at deltage?" in content
    assert not reload(invitation).declined
    content = client.post(address).content.decode()
    assert "Du hører ikke mere om denne undersøgelse" in content
    assert "Besvar undersøgelsen alligevel" in content
    assert reload(invitation).declined


def test_a_declined_invitation_gets_no_reminders(client, survey, invitation):
    client.post(url("respond_decline", token=invitation.token))
    with scopes_disabled():
        # What a reminder asks for: not answered and not declined.
        waiting = Invitation.objects.filter(survey=survey, responded=False, declined=False)
        assert invitation.pk not in set(waiting.values_list("pk", flat=True))


def test_answering_after_declining_lifts_it(client, survey, personas, invitation):
    client.post(url("respond_decline", token=invitation.token))
    content = client.get(respond_url(invitation)).content.decode()
    assert "Du har fortalt os, at du ikke ønsker at deltage." in content
    client.post(respond_url(invitation), first_page(survey, personas))
    assert not reload(invitation).declined
    client.post(respond_url(invitation), second_page(survey))
    assert reload(invitation).responded and not reload(invitation).declined


def test_decline_after_answering_says_the_answer_was_received(client, survey, personas, invitation):
    client.post(respond_url(invitation), first_page(survey, personas))
    client.post(respond_url(invitation), second_page(survey))
    response = client.post(url("respond_decline", token=invitation.token))
    assert "Tak, vi har modtaget dit svar" in response.content.decode()
    assert not reload(invitation).declined


def test_decline_with_an_unknown_link_is_a_clear_page(client, survey):
    response = client.post(url("respond_decline", token="ukendt"))
    assert response.status_code == 404
    assert "Linket virker ikke" in response.content.decode()


# --- language -------------------------------------------------------------------------------------------------


def test_the_form_speaks_the_invitations_language_until_the_person_chooses(client, survey, personas):
    english = make_invitation(survey, email="guest@example.org", language="en")
    response = client.get(respond_url(english))
    content = response.content.decode()
    assert "Step 1 of 2" in content and "Save and continue later" in content
    assert response.headers["Content-Language"] == "en"
    client.cookies["frivillig_language"] = "da"
    assert "Trin 1 af 2" in client.get(respond_url(english)).content.decode()


def test_the_decline_page_speaks_the_invitations_language(client, survey):
    english = make_invitation(survey, email="guest@example.org", language="en")
    assert "Do you not wish to take part?" in client.get(url("respond_decline", token=english.token)).content.decode()
