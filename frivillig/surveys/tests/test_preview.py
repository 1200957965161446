import pytest
from django_scopes import scopes_disabled

from frivillig.surveys.enums import QuestionKind
from frivillig.surveys.models import Answer, Response
from frivillig.surveys.tests.helpers import choices_of, make_question, make_section, make_survey, url


@pytest.fixture
def survey(personas):
    survey = make_survey(personas.tenant, title="Behovsanalyse 2017", thank_you_text="Tak for hjælpen!")
    about = make_section(survey, title="Om foreningen")
    make_question(about, QuestionKind.ORGANISATION, text="Hvilken forening svarer du for?", required=True)
    make_question(about, QuestionKind.SINGLE_CHOICE, text="Hvor stor er foreningen?", choices=["Lille", "Stor"])
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
    )
    make_question(
        needs,
        QuestionKind.MULTIPLE_CHOICE,
        text="Hvad har I brug for?",
        choices=["Kursus", "Sparring"],
        allow_other=True,
    )
    help_wanted = make_question(needs, QuestionKind.YES_NO, text="Vil I kontaktes?")
    contact = make_question(needs, QuestionKind.LONG_TEXT, text="Hvordan vil I kontaktes?", required=True)
    with scopes_disabled():
        contact.show_if_question = help_wanted
        contact.show_if_value = "yes"
        contact.save()
    return survey


def questions(survey) -> dict:
    with scopes_disabled():
        from frivillig.surveys.models import Question

        return {question.text: question for question in Question.objects.filter(section__survey=survey)}


def name(question, suffix="") -> str:
    return f"q{question.pk}{suffix}"


def test_preview_shows_the_first_section_with_each_kind(survey, personas, client_for):
    response = client_for("centre_staff").get(url("survey_preview", pk=survey.pk))
    content = response.content.decode()
    assert "Trin 1 af 2" in content
    assert "<legend" in content and "Hvor stor er foreningen?" in content
    assert "Alfa Besøgsvenner" in content and "Alfa Lektiecafé" in content
    assert "Charlie Idrætsforening" not in content
    assert "frivillige</span>" in content
    assert "skal besvares" in content
    assert "Et helt tal fra 0 til 500." in content
    assert "Dette er en forhåndsvisning" in content


def test_preview_second_section_shows_the_scale_with_end_labels_and_dont_know(survey, personas, client_for):
    qs = questions(survey)
    data = {
        "trin": "1",
        "handling": "frem",
        name(qs["Hvilken forening svarer du for?"]): str(personas.organisation.pk),
        name(qs["Hvor mange frivillige har I?"]): "12",
    }
    response = client_for("centre_staff").post(url("survey_preview", pk=survey.pk), data)
    content = response.content.decode()
    assert "Trin 2 af 2" in content
    assert "1 – Slet ikke" in content
    assert "5 – I meget høj grad" in content
    assert "Ved ikke" in content
    assert "Andet, nemlig" in content
    # The first page's answers travel along, nothing is stored.
    assert f'name="{name(qs["Hvor mange frivillige har I?"])}" value="12"' in content
    with scopes_disabled():
        assert not Response.objects.exists() and not Answer.objects.exists()


@pytest.mark.parametrize(
    ("question", "value", "message"),
    [
        ("Hvor mange frivillige har I?", "501", "Skriv et tal fra 0 til 500."),
        ("Hvor mange frivillige har I?", "mange", "Skriv et helt tal."),
        ("Hvor stor er foreningen?", "99999", "Vælg et af de viste svar."),
        ("Foreningens hjemmeside", "x" * 201, "højst have 200 tegn"),
        ("Hvilken forening svarer du for?", "", "Du skal besvare spørgsmålet."),
    ],
)
def test_preview_refuses_bad_values_at_the_field_and_in_the_summary(
    survey, personas, client_for, question, value, message
):
    qs = questions(survey)
    data = {
        "trin": "1",
        "handling": "frem",
        name(qs["Hvilken forening svarer du for?"]): str(personas.organisation.pk),
        name(qs["Hvor mange frivillige har I?"]): "12",
        name(qs["Foreningens hjemmeside"]): "www.besøgsvenner.dk",
    }
    data[name(qs[question])] = value
    response = client_for("centre_staff").post(url("survey_preview", pk=survey.pk), data)
    content = response.content.decode()
    assert "Trin 1 af 2" in content
    assert "Ret venligst følgende" in content or "alert-error" in content
    # Once in the summary (a link to the field) and once at the field.
    assert content.count(message) == 2, content
    assert f'href="#id_{name(qs[question])}' in content
    # What was typed is kept.
    if question != "Foreningens hjemmeside":
        assert "www.besøgsvenner.dk" in content
    if question == "Hvor mange frivillige har I?":
        assert f'value="{value}"' in content


def _second_page(survey, personas, **answers) -> dict:
    qs = questions(survey)
    data = {
        "trin": "2",
        "handling": "frem",
        name(qs["Hvilken forening svarer du for?"]): str(personas.organisation.pk),
        name(qs["Hvor mange frivillige har I?"]): "12",
    }
    data.update({name(qs[text]): value for text, value in answers.items()})
    return data


def test_preview_conditional_question_is_not_required_when_hidden(survey, personas, client_for):
    data = _second_page(survey, personas, **{"Vil I kontaktes?": "no"})
    response = client_for("centre_staff").post(url("survey_preview", pk=survey.pk), data)
    content = response.content.decode()
    assert "Tak for hjælpen!" in content
    assert "Du skal besvare spørgsmålet." not in content


def test_preview_conditional_question_is_required_when_shown(survey, personas, client_for):
    data = _second_page(survey, personas, **{"Vil I kontaktes?": "yes"})
    response = client_for("centre_staff").post(url("survey_preview", pk=survey.pk), data)
    content = response.content.decode()
    assert "Trin 2 af 2" in content
    assert content.count("Du skal besvare spørgsmålet.") == 2
    assert "Svar kun, hvis du svarede “Ja” til “Vil I kontaktes?”." in content


def test_preview_previous_keeps_the_answers_without_errors(survey, personas, client_for):
    qs = questions(survey)
    data = _second_page(survey, personas, **{"Vil I kontaktes?": "yes"})
    data["handling"] = "tilbage"
    response = client_for("centre_staff").post(url("survey_preview", pk=survey.pk), data)
    content = response.content.decode()
    assert "Trin 1 af 2" in content
    assert 'value="12"' in content
    assert "Du skal besvare spørgsmålet." not in content
    # The second page's answer travels along as a hidden field.
    assert f'name="{name(qs["Vil I kontaktes?"])}" value="yes"' in content


def test_preview_multiple_choice_keeps_the_chosen_options(survey, personas, client_for):
    qs = questions(survey)
    needs = qs["Hvad har I brug for?"]
    course, sparring = choices_of(needs)
    data = _second_page(survey, personas, **{"Vil I kontaktes?": "yes", "Hvad har I brug for?": [str(sparring.pk)]})
    response = client_for("centre_staff").post(url("survey_preview", pk=survey.pk), data)
    content = response.content.decode()
    assert f'value="{sparring.pk}" checked' in content
    assert f'value="{course.pk}" checked' not in content


def test_preview_of_an_empty_survey_says_so(personas, client_for):
    survey = make_survey(personas.tenant)
    content = client_for("centre_staff").get(url("survey_preview", pk=survey.pk)).content.decode()
    assert "Undersøgelsen har ingen spørgsmål endnu." in content
