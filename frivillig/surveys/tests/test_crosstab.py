"""Cross-tabulating two closed questions (or a question and the respondent organisation's kind): counts, row
percentages and totals; an anonymous survey's small groups hidden."""

from frivillig.surveys.enums import QuestionKind
from frivillig.surveys.tests.helpers import (
    choices_of,
    make_question,
    make_section,
    make_survey,
    respond,
    url,
    visible_text,
)
from frivillig.testing import make_organisation

HIDDEN = "For få svar til at vise."


def build(personas, **fields):
    survey = make_survey(personas.tenant, **fields)
    section = make_section(survey)
    size = make_question(
        section, QuestionKind.SINGLE_CHOICE, text="Størrelse på foreningen", choices=["Lille", "Mellem", "Stor"]
    )
    needs = make_question(section, QuestionKind.YES_NO, text="Har brug for hjælp til rekruttering")
    happy = make_question(section, QuestionKind.SCALE, text="Tilfredshed", scale_points=5, allow_dont_know=True)
    make_question(section, QuestionKind.LONG_TEXT, text="Kommentar")
    return survey, size, needs, happy


def crosstab(client, survey, rows, columns):
    return client.get(url("survey_crosstab", pk=survey.pk) + f"?raekker={rows}&kolonner={columns}")


def test_counts_row_percentages_and_totals(personas, client_for):
    survey, size, needs, _happy = build(personas)
    small, medium, big = choices_of(size)
    for choice, needed in [(small, True), (small, True), (small, False), (big, True), (medium, False)]:
        respond(survey, {size: choice, needs: needed})
    respond(survey, {size: small})  # did not answer the second question: left out

    response = crosstab(client_for("centre_staff"), survey, size.pk, needs.pk)

    text = visible_text(response)
    assert "Størrelse på foreningen × Har brug for hjælp til rekruttering" in text
    assert "Lille 2 (66,7 %) 1 (33,3 %) 3" in text
    assert "Mellem 0 (0,0 %) 1 (100,0 %) 1" in text
    assert "Stor 1 (100,0 %) 0 (0,0 %) 1" in text
    assert "I alt 3 2 5" in text


def test_the_form_offers_only_closed_questions_and_the_organisation_kind(personas, client_for):
    survey, *_questions = build(personas)
    response = crosstab(client_for("centre_staff"), survey, "", "")
    labels = [label for _value, label in response.context["form"].fields["raekker"].choices]
    assert labels == [
        "Størrelse på foreningen",
        "Har brug for hjælp til rekruttering",
        "Tilfredshed",
        "Den svarende organisations type",
    ]


def test_the_same_question_twice_is_a_form_error(personas, client_for):
    survey, size, _needs, _happy = build(personas)
    response = crosstab(client_for("centre_staff"), survey, size.pk, size.pk)
    assert response.status_code == 200
    assert "Vælg to forskellige spørgsmål." in visible_text(response)
    assert response.context["table"] is None


def test_organisation_kind_against_a_scale_with_dont_know(personas, client_for):
    survey, _size, _needs, happy = build(personas)
    club = make_organisation(personas.tenant, kind="association")
    firm = make_organisation(personas.tenant, kind="business")
    respond(survey, {happy: 5}, organisation=club)
    respond(survey, {happy: "x"}, organisation=club)
    respond(survey, {happy: 2}, organisation=firm)

    text = visible_text(crosstab(client_for("centre_staff"), survey, "kind", happy.pk))

    assert "Forening 0 (0,0 %) 0 (0,0 %) 0 (0,0 %) 0 (0,0 %) 1 (50,0 %) 1 (50,0 %) 2" in text
    assert "Virksomhed 0 (0,0 %) 1 (100,0 %)" in text


def test_anonymous_survey_has_no_organisation_kind_dimension(personas, client_for):
    survey, *_questions = build(personas, is_anonymous=True)
    response = crosstab(client_for("centre_staff"), survey, "kind", "")
    values = [value for value, _label in response.context["form"].fields["raekker"].choices]
    assert "kind" not in values


def test_anonymous_table_is_hidden_under_the_minimum(personas, client_for):
    survey, size, needs, _happy = build(personas, is_anonymous=True)
    small, _medium, _big = choices_of(size)
    for _number in range(4):
        respond(survey, {size: small, needs: True})
    text = visible_text(crosstab(client_for("centre_staff"), survey, size.pk, needs.pk))
    assert HIDDEN in text
    assert "I alt" not in text


def test_anonymous_cells_and_rows_under_the_minimum_are_hidden(personas, client_for):
    survey, size, needs, _happy = build(personas, is_anonymous=True)
    small, _medium, big = choices_of(size)
    for number in range(12):
        respond(survey, {size: small if number < 6 else big, needs: number < 5 or number >= 11})

    text = visible_text(crosstab(client_for("centre_staff"), survey, size.pk, needs.pk))

    # Lille: 5 yes and 1 no: the yes cell's rest in its row is 1, so both are hidden; the row of 6 is shown
    # (its rest, 6, is enough). Mellem has nobody: hidden. Stor: 1 yes, 5 no: hidden alike.
    assert f"Lille {HIDDEN} {HIDDEN} 6" in text
    assert f"Mellem {HIDDEN} {HIDDEN} {HIDDEN}" in text
    assert f"Stor {HIDDEN} {HIDDEN} 6" in text
    assert "I alt 6 6 12" in text
