"""The anonymity rule (results.group_hidden) at its boundaries, and in every place that shows results: the page,
its filter, the cross-tabulation, the exports, the report and its PDF. A named survey hides nothing."""

import pytest

from frivillig.core.tests.helpers import pdf_titles
from frivillig.surveys.enums import QuestionKind
from frivillig.surveys.models import Survey
from frivillig.surveys.results import group_hidden
from frivillig.surveys.tests.helpers import (
    choices_of,
    make_question,
    make_section,
    make_survey,
    respond,
    url,
    visible_text,
)

HIDDEN = "For få svar til at vise."


@pytest.mark.parametrize(
    ("anonymous", "minimum", "size", "whole", "hidden"),
    [
        (True, 5, 4, None, True),
        (True, 5, 5, None, False),
        (True, 7, 6, None, True),
        (True, 5, 6, 9, True),  # the rest, 3, would be revealed by subtraction
        (True, 5, 6, 11, False),
        (True, 5, 6, 6, False),  # the group is the whole: nothing to subtract
        (True, 5, 4, 20, True),
        (False, 5, 1, 9, False),
    ],
)
def test_group_hidden_at_the_boundaries(anonymous, minimum, size, whole, hidden):
    survey = Survey(is_anonymous=anonymous, minimum_group_size=minimum)
    assert group_hidden(survey, size, whole=whole) is hidden


def anonymous_survey(personas, **fields):
    survey = make_survey(personas.tenant, is_anonymous=True, **fields)
    section = make_section(survey)
    size = make_question(
        section, QuestionKind.SINGLE_CHOICE, text="Hvor stor er foreningen?", choices=["Lille", "Stor"]
    )
    helped = make_question(section, QuestionKind.YES_NO, text="Har I fået hjælp?")
    said = make_question(section, QuestionKind.LONG_TEXT, text="Hvad kan vi gøre bedre?")
    return survey, size, helped, said


@pytest.mark.parametrize(("count", "shown"), [(4, False), (5, True)])
def test_results_page_shows_an_anonymous_survey_from_the_minimum(personas, client_for, count, shown):
    survey, size, helped, said = anonymous_survey(personas)
    small, _big = choices_of(size)
    for number in range(count):
        respond(survey, {size: small, helped: True, said: f"Hemmelig tekst {number}"})

    text = visible_text(client_for("centre_staff").get(url("survey_results", pk=survey.pk)))

    assert (HIDDEN in text) is not shown
    assert (f"Lille {count} (100,0 %)" in text) is shown
    assert ("Hemmelig tekst 0" in text) is shown


def test_a_question_answered_by_fewer_than_the_minimum_is_hidden(personas, client_for):
    survey, size, helped, said = anonymous_survey(personas)
    small, _big = choices_of(size)
    for number in range(10):
        answers = {size: small, helped: True}
        if number < 4:
            answers[said] = f"Sjælden tekst {number}"
        respond(survey, answers)

    text = visible_text(client_for("centre_staff").get(url("survey_results", pk=survey.pk)))

    assert "Lille 10 (100,0 %)" in text
    assert "Sjælden tekst" not in text
    assert text.count(HIDDEN) == 1


def test_a_filtered_group_whose_rest_is_under_the_minimum_is_hidden(personas, client_for):
    survey, size, helped, _said = anonymous_survey(personas)
    small, big = choices_of(size)
    for number in range(9):
        respond(survey, {size: small if number < 6 else big, helped: number < 6})
    staff = client_for("centre_staff")

    group_of_six = visible_text(staff.get(url("survey_results", pk=survey.pk) + f"?svar={size.pk}:{small.pk}"))
    group_of_three = visible_text(staff.get(url("survey_results", pk=survey.pk) + f"?svar={size.pk}:{big.pk}"))
    everybody = visible_text(staff.get(url("survey_results", pk=survey.pk)))

    assert HIDDEN in group_of_six and "Ja 6" not in group_of_six
    assert HIDDEN in group_of_three and "Nej 3" not in group_of_three
    # Everybody: only the free-text question, which nobody answered, is hidden.
    assert everybody.count(HIDDEN) == 1 and "Ja 6 (66,7 %)" in everybody


def test_a_filtered_group_with_enough_on_both_sides_is_shown(personas, client_for):
    survey, size, helped, _said = anonymous_survey(personas)
    small, big = choices_of(size)
    for number in range(11):
        respond(survey, {size: small if number < 6 else big, helped: True})
    text = visible_text(
        client_for("centre_staff").get(url("survey_results", pk=survey.pk) + f"?svar={size.pk}:{small.pk}")
    )
    assert text.count(HIDDEN) == 1  # the free-text question nobody answered
    assert "Ja 6 (100,0 %)" in text


def test_named_survey_hides_nothing(personas, client_for):
    survey = make_survey(personas.tenant)
    section = make_section(survey)
    helped = make_question(section, QuestionKind.YES_NO, text="Har I fået hjælp?")
    respond(survey, {helped: True})
    text = visible_text(client_for("centre_staff").get(url("survey_results", pk=survey.pk)))
    assert HIDDEN not in text and "Ja 1 (100,0 %)" in text


def test_crosstab_hides_a_row_whose_rest_is_under_the_minimum(personas, client_for):
    survey, size, helped, _said = anonymous_survey(personas)
    small, big = choices_of(size)
    for number in range(9):
        respond(survey, {size: small if number < 6 else big, helped: True})
    text = visible_text(
        client_for("centre_staff").get(
            url("survey_crosstab", pk=survey.pk) + f"?raekker={size.pk}&kolonner={helped.pk}"
        )
    )
    # Both rows hidden: 6 has a rest of 3, and 3 is under the minimum; only the total of 9 is shown.
    assert "Lille " + HIDDEN in text and "Stor " + HIDDEN in text
    assert "I alt 9" in text or "9 besvarelser i alt" in text
    assert " 6 (" not in text


@pytest.mark.parametrize(("count", "refused"), [(4, True), (5, False)])
def test_export_of_an_anonymous_survey_needs_the_minimum(personas, client_for, count, refused):
    survey, size, helped, _said = anonymous_survey(personas)
    small, _big = choices_of(size)
    for _number in range(count):
        respond(survey, {size: small, helped: True})
    staff = client_for("centre_staff")

    response = staff.get(url("survey_export", pk=survey.pk, fmt="csv"))

    if refused:
        assert response.status_code == 302
        assert response["Location"] == url("survey_results", pk=survey.pk)
        page = visible_text(staff.get(response["Location"]))
        assert (
            "Svarene kan ikke eksporteres endnu: undersøgelsen er anonym, og den har færre end 5 besvarelser." in page
        )
    else:
        assert response.status_code == 200
        assert response.content.decode("utf-8-sig").count("Lille") == count


def test_export_leaves_out_the_answers_to_a_question_too_few_answered(personas, client_for):
    survey, size, helped, said = anonymous_survey(personas)
    small, _big = choices_of(size)
    for number in range(6):
        answers = {size: small, helped: True}
        if number < 2:
            answers[said] = f"Sjælden tekst {number}"
        respond(survey, answers)
    content = client_for("centre_staff").get(url("survey_export", pk=survey.pk, fmt="csv")).content.decode("utf-8-sig")
    assert "Hvad kan vi gøre bedre?" in content.splitlines()[0]
    assert "Sjælden tekst" not in content


@pytest.mark.parametrize(("count", "shown"), [(4, False), (5, True)])
def test_report_and_pdf_follow_the_rule(personas, client_for, count, shown):
    survey, size, helped, said = anonymous_survey(personas)
    small, _big = choices_of(size)
    for number in range(count):
        respond(survey, {size: small, helped: True, said: f"Hemmelig tekst {number}"})
    staff = client_for("centre_staff")

    report = visible_text(staff.get(url("survey_report", pk=survey.pk)))
    pdf = staff.get(url("survey_report_pdf", pk=survey.pk))
    titles = pdf_titles(pdf.content)

    assert (HIDDEN in report) is not shown
    assert ("Hemmelig tekst 1" in report) is shown
    assert pdf.status_code == 200
    # The questions' headings are in the PDF's outline only when their results are shown.
    assert ("1. Hvor stor er foreningen?" in titles) is shown
    assert pdf.context["group_hidden"] is not shown


def test_a_filtered_question_is_hidden_when_those_outside_who_answered_it_are_too_few(personas, client_for):
    survey, size, helped, said = anonymous_survey(personas)
    small, big = choices_of(size)
    for number in range(20):
        answers = {size: small if number < 10 else big, helped: True}
        if number < 13:  # all ten small ones and three big ones
            answers[said] = f"Tekst nummer {number}"
        respond(survey, answers)
    staff = client_for("centre_staff")

    everybody = visible_text(staff.get(url("survey_results", pk=survey.pk)))
    small_ones = visible_text(staff.get(url("survey_results", pk=survey.pk) + f"?svar={size.pk}:{small.pk}"))

    # Everybody: 13 answered it (and 7 did not): shown. The small ones: all 10 answered it, but the page for
    # everybody minus this one would show the texts of the three big ones: hidden.
    assert "Tekst nummer 12" in everybody
    assert "Tekst nummer 0" not in small_ones
    assert small_ones.count(HIDDEN) == 1
    assert "Ja 10 (100,0 %)" in small_ones
