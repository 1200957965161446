"""The raw answers as XLSX and Danish CSV: a row per submitted response, a column per question (a column per
option for multiple choice, and "other"); named surveys say who answered, anonymous ones never, in random order."""

import csv
import io

from django_scopes import scopes_disabled

from frivillig.surveys.enums import QuestionKind
from frivillig.surveys.models import Response
from frivillig.surveys.tests.helpers import choices_of, make_question, make_section, make_survey, respond, url
from frivillig.testing import make_organisation, make_person, rendered_text


def build(personas, **fields):
    survey = make_survey(personas.tenant, title="Behovsanalyse 2017", **fields)
    section = make_section(survey)
    questions = [
        make_question(section, QuestionKind.SINGLE_CHOICE, text="Størrelse", choices=["Lille", "Stor"]),
        make_question(
            section, QuestionKind.MULTIPLE_CHOICE, text="Kanaler", choices=["Opslag", "Netværk"], allow_other=True
        ),
        make_question(section, QuestionKind.YES_NO, text="Brug for hjælp"),
        make_question(section, QuestionKind.SCALE, text="Tilfredshed", scale_points=5, allow_dont_know=True),
        make_question(section, QuestionKind.NUMBER, text="Frivillige"),
        make_question(section, QuestionKind.ORGANISATION, text="Samarbejdspartner"),
        make_question(section, QuestionKind.SHORT_TEXT, text="Ønske"),
    ]
    return survey, questions


def rows_of(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def test_named_csv_has_who_answered_and_a_column_per_option(personas, client_for):
    survey, (size, channels, helped, happy, volunteers, partner, wish) = build(personas)
    small, _big = choices_of(size)
    posts, network = choices_of(channels)
    club = make_organisation(personas.tenant, name="Sorø Roklub")
    library = make_organisation(personas.tenant, name="Sorø Bibliotek")
    person = make_person(personas.tenant, full_name="Dorte Dahl")
    respond(
        survey,
        {
            size: small,
            channels: [posts, "Facebook"],
            helped: True,
            happy: "x",
            volunteers: 12,
            partner: library,
            wish: "=Flere kurser",
        },
        organisation=club,
        person=person,
    )
    respond(survey, {helped: False}, submitted=False)  # a draft is not exported

    response = client_for("centre_staff").get(url("survey_export", pk=survey.pk, fmt="csv"))

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="behovsanalyse-2017-svar.csv"'
    header, *rows = rows_of(response)
    assert header == [
        "Organisation",
        "Person",
        "Størrelse",
        "Kanaler: Opslag",
        "Kanaler: Netværk",
        "Kanaler: Andet",
        "Brug for hjælp",
        "Tilfredshed",
        "Frivillige",
        "Samarbejdspartner",
        "Ønske",
    ]
    assert rows == [
        [
            "Sorø Roklub",
            "Dorte Dahl",
            "Lille",
            "1",
            "0",
            "Facebook",
            "Ja",
            "Ved ikke",
            "12",
            "Sorø Bibliotek",
            "'=Flere kurser",
        ]
    ]
    assert network  # an option nobody chose still has its column of zeros


def test_xlsx_has_the_same_table(personas, client_for):
    survey, (size, *_rest) = build(personas)
    small, _big = choices_of(size)
    respond(survey, {size: small}, organisation=make_organisation(personas.tenant, name="Sorø Roklub"))
    response = client_for("centre_staff").get(url("survey_export", pk=survey.pk, fmt="xlsx"))
    assert response.status_code == 200
    text = rendered_text(response)
    assert "Sorø Roklub" in text and "Lille" in text and "Kanaler: Opslag" in text


def test_anonymous_export_names_nobody_and_is_shuffled(personas, client_for):
    survey, (_size, _channels, _helped, _happy, volunteers, *_rest) = build(personas, is_anonymous=True)
    club = make_organisation(personas.tenant, name="Sorø Roklub")
    for number in range(30):
        respond(survey, {volunteers: number}, organisation=club)
    staff = client_for("centre_staff")
    with scopes_disabled():
        stored = [
            str(number)
            for number in Response.objects.filter(survey=survey)
            .order_by("id")
            .values_list("answers__number", flat=True)
        ]

    orders = []
    for _attempt in range(2):
        header, *rows = rows_of(staff.get(url("survey_export", pk=survey.pk, fmt="csv")))
        assert "Organisation" not in header and "Person" not in header
        assert "Sorø Roklub" not in str(rows)
        orders.append([row[header.index("Frivillige")] for row in rows])

    assert sorted(orders[0], key=int) == [str(number) for number in range(30)]
    # Neither the order they were given in, nor their ids' order, nor the same order twice.
    assert orders[0] != [str(number) for number in range(30)]
    assert orders[0] != stored
    assert orders[0] != orders[1]


def test_an_unknown_format_is_not_found(personas, client_for):
    survey, _questions = build(personas)
    assert client_for("centre_staff").get(url("survey_export", pk=survey.pk, fmt="pdf")).status_code == 404
