"""The preview: the respondent's own pages (the same steps, skipped sections, buttons and thank-you page), marked as
a preview, with nothing stored."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_scopes import scopes_disabled

from frivillig.surveys.enums import QuestionKind, SurveyStatus
from frivillig.surveys.models import Answer, Invitation, Response
from frivillig.surveys.tests.helpers import (
    choices_of,
    make_invitation,
    make_question,
    make_section,
    make_survey,
    url,
    visible_text,
)


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


def section_of(question) -> str:
    return str(question.section_id)


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
        "afsnit": section_of(qs["Hvilken forening svarer du for?"]),
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
        "afsnit": section_of(qs["Hvilken forening svarer du for?"]),
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
        "afsnit": section_of(qs["Vil I kontaktes?"]),
        "udfyldt": section_of(qs["Hvilken forening svarer du for?"]),
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


# --- the same pages as the respondent's form ------------------------------------------------------------------


@pytest.fixture
def course_survey(personas):
    """Three sections; the second asks only those who took part in the course."""
    survey = make_survey(personas.tenant, title="Evaluering af kurset", status=SurveyStatus.OPEN)
    first = make_section(survey, title="Kurser")
    took_part = make_question(first, QuestionKind.YES_NO, text="Deltog du i kurset?", required=True)
    second = make_section(survey, title="Om kurset")
    rating = make_question(second, QuestionKind.SCALE, text="Hvor godt var kurset?", scale_points=5, required=True)
    with scopes_disabled():
        rating.show_if_question = took_part
        rating.show_if_value = "yes"
        rating.save()
    last = make_section(survey, title="Til sidst")
    make_question(last, QuestionKind.LONG_TEXT, text="Andre kommentarer?")
    return survey


def page_shown(response) -> tuple[str, str]:
    """The step and the section's heading, as the page says them."""
    content = response.content.decode()
    step = re.search(r'<p class="survey-progress">([^<]*)</p>', content)
    heading = re.search(r"<h2>([^<]*)</h2>", content)
    assert step and heading, content
    return step.group(1).strip(), heading.group(1).strip()


def buttons(response) -> list[str]:
    return re.findall(r'<button type="submit" name="handling"[^>]*>([^<]*)</button>', response.content.decode())


class Walk:
    """The respondent's form (from a personal link) and the preview, given the same answers page by page: the
    form keeps its answers with the invitation, the preview carries them along in its own hidden fields."""

    def __init__(self, survey, client, staff):
        self.survey, self.client, self.staff = survey, client, staff
        self.link = url("respond", token=make_invitation(survey).token)
        self.form_page = client.get(self.link)
        self.preview_page = staff.get(url("survey_preview", pk=survey.pk))

    def next(self, section, answers: dict):
        posted = {"afsnit": str(section.pk), "handling": "frem", **answers}
        self.form_page = self.client.post(self.link, posted, follow=True)
        self.preview_page = self.staff.post(
            url("survey_preview", pk=self.survey.pk), {**hidden(self.preview_page), **posted}
        )

    def shown(self) -> tuple[tuple[str, str], tuple[str, str]]:
        return page_shown(self.form_page), page_shown(self.preview_page)


def hidden(response) -> dict:
    """The hidden fields the preview's page carries along (the answers so far, the pages completed)."""
    content = response.content.decode()
    fields: dict[str, list[str]] = {}
    for field, value in re.findall(r'<input type="hidden" name="(q\d+(?:_other)?|udfyldt)" value="([^"]*)">', content):
        fields.setdefault(field, []).append(value)
    return fields


def test_preview_counts_the_steps_as_the_form_does_while_the_condition_is_unanswered(course_survey, client, client_for):
    walk = Walk(course_survey, client, client_for("centre_staff"))
    assert walk.shown() == (("Trin 1 af 3", "Kurser"), ("Trin 1 af 3", "Kurser"))


def test_preview_skips_a_section_whose_questions_all_wait_for_an_answer_not_given(course_survey, client, client_for):
    qs = questions(course_survey)
    walk = Walk(course_survey, client, client_for("centre_staff"))

    walk.next(qs["Deltog du i kurset?"].section, {name(qs["Deltog du i kurset?"]): "no"})

    # Both skip "Om kurset": the last page is step 2 of 2, not an empty page.
    assert walk.shown() == (("Trin 2 af 2", "Til sidst"), ("Trin 2 af 2", "Til sidst"))
    assert "Hvor godt var kurset?" not in walk.preview_page.content.decode()


def test_preview_shows_the_conditional_section_when_its_answer_is_given(course_survey, client, client_for):
    qs = questions(course_survey)
    walk = Walk(course_survey, client, client_for("centre_staff"))

    walk.next(qs["Deltog du i kurset?"].section, {name(qs["Deltog du i kurset?"]): "yes"})
    assert walk.shown() == (("Trin 2 af 3", "Om kurset"), ("Trin 2 af 3", "Om kurset"))

    walk.next(qs["Hvor godt var kurset?"].section, {name(qs["Hvor godt var kurset?"]): "4"})
    assert walk.shown() == (("Trin 3 af 3", "Til sidst"), ("Trin 3 af 3", "Til sidst"))


def test_preview_previous_goes_back_over_a_skipped_section_as_the_form_does(course_survey, client, client_for):
    qs = questions(course_survey)
    staff = client_for("centre_staff")
    walk = Walk(course_survey, client, staff)
    walk.next(qs["Deltog du i kurset?"].section, {name(qs["Deltog du i kurset?"]): "no"})

    back = {"afsnit": str(qs["Andre kommentarer?"].section_id), "handling": "tilbage"}
    form_page = client.post(walk.link, back, follow=True)
    preview_page = staff.post(url("survey_preview", pk=course_survey.pk), {**hidden(walk.preview_page), **back})

    assert page_shown(form_page) == page_shown(preview_page) == ("Trin 1 af 2", "Kurser")
    assert 'value="no" checked' in preview_page.content.decode()


def test_preview_has_the_forms_buttons_and_decline_link_with_saving_and_declining_inert(
    course_survey, client, client_for
):
    qs = questions(course_survey)
    walk = Walk(course_survey, client, client_for("centre_staff"))

    assert buttons(walk.preview_page) == buttons(walk.form_page) == ["Næste", "Gem og fortsæt senere"]
    walk.next(qs["Deltog du i kurset?"].section, {name(qs["Deltog du i kurset?"]): "no"})
    assert buttons(walk.preview_page) == buttons(walk.form_page) == ["Send svar", "Forrige", "Gem og fortsæt senere"]

    preview = walk.preview_page.content.decode()
    assert re.search(r'<button type="submit" name="handling" value="gem"[^>]* disabled', preview)
    assert "Jeg ønsker ikke at deltage" in preview
    assert "/frameld/" not in preview and 'href="#forhaandsvisning-inaktiv"' in preview
    assert "I forhåndsvisningen gør “Gem og fortsæt senere” og “Jeg ønsker ikke at deltage” ingenting" in preview
    assert "Dette er en forhåndsvisning" in preview
    assert "Dette er en forhåndsvisning" not in walk.form_page.content.decode()


def test_preview_ends_on_the_surveys_own_thank_you_text(course_survey, personas, client, client_for):
    with scopes_disabled():
        course_survey.thank_you_text = "Tak! Vi ses til næste kursus."
        course_survey.save()
    qs = questions(course_survey)
    walk = Walk(course_survey, client, client_for("centre_staff"))
    walk.next(qs["Deltog du i kurset?"].section, {name(qs["Deltog du i kurset?"]): "no"})

    walk.next(qs["Andre kommentarer?"].section, {name(qs["Andre kommentarer?"]): "Godt initiativ."})

    text = visible_text(walk.preview_page)
    assert "Dette er en forhåndsvisning" in text
    assert "Tak for dine svar Tak! Vi ses til næste kursus." in text
    assert "Tak for dine svar Tak! Vi ses til næste kursus." in visible_text(walk.form_page)
    assert "Start forhåndsvisningen forfra" in text


def test_preview_ends_on_the_default_thank_you_text_when_the_survey_has_none(course_survey, client, client_for):
    qs = questions(course_survey)
    walk = Walk(course_survey, client, client_for("centre_staff"))
    walk.next(qs["Deltog du i kurset?"].section, {name(qs["Deltog du i kurset?"]): "no"})

    walk.next(qs["Andre kommentarer?"].section, {})

    default = "Tak for dine svar Vi har modtaget dine svar. De hjælper Frivilligcenter Alfa med at planlægge arbejdet."
    assert default in visible_text(walk.preview_page)
    assert default in visible_text(walk.form_page)


def test_preview_checks_every_page_again_before_the_thank_you(course_survey, client_for):
    qs = questions(course_survey)
    # The last page posted without the first page's answer (as if the address had been changed).
    data = {"afsnit": str(qs["Andre kommentarer?"].section_id), "handling": "frem"}
    response = client_for("centre_staff").post(url("survey_preview", pk=course_survey.pk), data)
    assert page_shown(response) == ("Trin 1 af 3", "Kurser")
    assert "Du skal besvare spørgsmålet." in response.content.decode()


def test_preview_writes_nothing_from_the_first_page_to_the_thank_you(course_survey, client_for):
    qs = questions(course_survey)
    staff = client_for("centre_staff")
    address = url("survey_preview", pk=course_survey.pk)
    with CaptureQueriesContext(connection) as queries:
        first = staff.get(address)
        second = staff.post(
            address,
            {
                "afsnit": section_of(qs["Deltog du i kurset?"]),
                "handling": "frem",
                name(qs["Deltog du i kurset?"]): "yes",
            },
        )
        saved = staff.post(
            address, {**hidden(second), "afsnit": section_of(qs["Hvor godt var kurset?"]), "handling": "gem"}
        )
        third = staff.post(
            address,
            {
                **hidden(second),
                "afsnit": section_of(qs["Hvor godt var kurset?"]),
                "handling": "frem",
                name(qs["Hvor godt var kurset?"]): "5",
            },
        )
        thanks = staff.post(
            address,
            {
                **hidden(third),
                "afsnit": section_of(qs["Andre kommentarer?"]),
                "handling": "frem",
                name(qs["Andre kommentarer?"]): "Fint.",
            },
        )
    assert page_shown(first)[0] == "Trin 1 af 3" and page_shown(saved) == ("Trin 2 af 3", "Om kurset")
    assert "Tak for dine svar" in visible_text(thanks)
    writes = [
        query["sql"]
        for query in queries
        if not query["sql"].lstrip().upper().startswith(("SELECT", "SAVEPOINT", "RELEASE"))
    ]
    assert writes == []
    with scopes_disabled():
        assert not Response.objects.exists() and not Answer.objects.exists()
        assert not Invitation.objects.filter(survey=course_survey).exists()
