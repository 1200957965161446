"""The surveys' indicators against hand-made surveys: responses, the associations whose answer meets a
condition, and a scale's mean; a survey's responses belong to the survey's date (they carry no time), and an
anonymous survey names nobody."""

import datetime
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django_scopes import scope

from frivillig.core.indicators import Shape, indicator
from frivillig.events.tests.helpers import danish_time
from frivillig.surveys.enums import QuestionKind, SurveyKind, SurveyStatus
from frivillig.surveys.tests.helpers import choices_of, make_question, make_section, make_survey, respond
from frivillig.testing import make_organisation, measure_both_ways

YEAR_2017 = {"starts_on": date(2017, 1, 1), "ends_on": date(2017, 12, 31)}
YEAR_2018 = {"starts_on": date(2018, 1, 1), "ends_on": date(2018, 12, 31)}


def measure(tenant, key: str, *, params=None, period=YEAR_2017):
    with scope(tenant=tenant), translation.override("da"):
        return measure_both_ways(indicator(key), tenant=tenant, params=params or {}, **period)


def labels(measurement) -> list[str]:
    return [record.label for record in measurement.records]


def evaluation(tenant, *, title="Evaluering af rekrutteringskurset", anonymous=False, **fields):
    fields.setdefault("closes_at", danish_time(2017, 11, 30, 12))
    fields.setdefault("status", SurveyStatus.CLOSED)
    survey = make_survey(tenant, title=title, kind=SurveyKind.EVALUATION, is_anonymous=anonymous, **fields)
    section = make_section(survey)
    equipped = make_question(
        section, QuestionKind.SCALE, text="Føler I jer bedre rustet?", scale_points=5, allow_dont_know=True
    )
    again = make_question(section, QuestionKind.YES_NO, text="Vil I deltage igen?")
    topic = make_question(section, QuestionKind.SINGLE_CHOICE, text="Bedste emne", choices=["Opslag", "Samtale"])
    return survey, equipped, again, topic


@pytest.fixture
def named(personas):
    """A named evaluation closing in November 2017: Ask answered twice (5 and 4, yes, "Opslag"), Bøg 4 and no,
    Eg 3 and yes, Hyld "don't know", one response without an association, and one not submitted."""
    survey, equipped, again, topic = evaluation(personas.tenant)
    posts, _talk = choices_of(topic)
    org = {name: make_organisation(personas.tenant, name=name) for name in ["Ask", "Bøg", "Eg", "Hyld"]}
    respond(survey, {equipped: 5, again: True, topic: posts}, organisation=org["Ask"])
    respond(survey, {equipped: 4, again: True}, organisation=org["Ask"])
    respond(survey, {equipped: 4, again: False}, organisation=org["Bøg"])
    respond(survey, {equipped: 3, again: True}, organisation=org["Eg"])
    respond(survey, {equipped: "x"}, organisation=org["Hyld"])
    respond(survey, {equipped: 5, again: True})
    respond(survey, {equipped: 1}, organisation=org["Hyld"], submitted=False)
    return {"survey": survey, "equipped": equipped, "again": again, "topic": topic, "posts": posts, "org": org}


def test_responses_of_the_surveys_of_a_period(personas, named):
    tenant = personas.tenant
    # On either side of New Year's midnight, Danish time (00:30 on 1 January is 23:30 UTC the evening before).
    eve, eve_scale, _a, _t = evaluation(tenant, title="Nytårsaften", closes_at=danish_time(2017, 12, 31, 23, 30))
    respond(eve, {eve_scale: 3})
    night, night_scale, _a, _t = evaluation(tenant, title="Nytårsnat", closes_at=danish_time(2018, 1, 1, 0, 30))
    respond(night, {night_scale: 3})
    respond(night, {night_scale: 4})
    # No closing time: its opening time dates it.
    opened, opened_scale, _a, _t = evaluation(
        tenant, title="Behovsanalyse", closes_at=None, opens_at=danish_time(2017, 3, 1, 9)
    )
    respond(opened, {opened_scale: 2})
    # Not counted: a draft, another tenant's survey.
    draft, draft_scale, _a, _t = evaluation(tenant, title="Kladde", status=SurveyStatus.DRAFT)
    respond(draft, {draft_scale: 2})
    foreign, foreign_scale, _a, _t = evaluation(personas.other_tenant, title="Charlie")
    respond(foreign, {foreign_scale: 2})

    in_2017 = measure(tenant, "surveys.responses")
    assert in_2017.value == Decimal(8)
    assert in_2017.moments == [date(2017, 3, 1), date(2017, 11, 30), date(2017, 12, 31)]
    in_2018 = measure(tenant, "surveys.responses", period=YEAR_2018)
    assert in_2018.value == Decimal(2)
    assert in_2018.moments == [date(2018, 1, 1)]

    one = measure(tenant, "surveys.responses", params={"survey": str(named["survey"].pk)})
    assert one.value == Decimal(6)
    assert labels(one) == ["Ask", "Ask", "Bøg", "Eg", "Hyld", "Besvarelse uden navn"]
    ask = one.records[0]
    assert ask.key.startswith("surveys.response:")
    assert ask.url == reverse("crm:organisation_detail", kwargs={"tenant_slug": "alfa", "pk": named["org"]["Ask"].pk})
    assert ask.detail == "Evaluering af rekrutteringskurset"
    # The survey chosen closed in 2017: nothing of it in 2018.
    assert measure(tenant, "surveys.responses", params={"survey": str(named["survey"].pk)}, period=YEAR_2018).value == 0
    assert measure(tenant, "surveys.responses", params={"kind": SurveyKind.NEEDS_ANALYSIS.value}).value == 0


def test_a_survey_without_dates_belongs_to_the_day_it_was_made(personas):
    survey, scale, _again, _topic = evaluation(personas.tenant, closes_at=None, status=SurveyStatus.OPEN)
    respond(survey, {scale: 4})
    today = timezone.localdate()
    this_year = {"starts_on": date(today.year, 1, 1), "ends_on": date(today.year, 12, 31)}
    counted = measure(personas.tenant, "surveys.responses", period=this_year)
    assert (counted.value, counted.moments) == (Decimal(1), [today])


def test_an_anonymous_survey_is_one_record_and_names_nobody(personas):
    survey, scale, _again, _topic = evaluation(personas.tenant, title="Anonym evaluering", anonymous=True)
    clubs = [make_organisation(personas.tenant, name=f"Forening {number}") for number in range(3)]
    for club in clubs:
        respond(survey, {scale: 4}, organisation=club)
    counted = measure(personas.tenant, "surveys.responses")
    assert counted.value == Decimal(3)
    assert len(counted.records) == 1
    record = counted.records[0]
    assert record.key == f"surveys.survey:{survey.pk}"
    assert (record.label, record.detail) == ("Anonym evaluering", "Anonym: 3 besvarelser")
    assert record.url == reverse("surveys:survey_results", kwargs={"tenant_slug": "alfa", "pk": survey.pk})
    assert not any("Forening" in text for text in (record.label, record.detail))


@pytest.mark.parametrize(
    ("condition", "expected"),
    [
        ({"question": "equipped", "value": "at_least:4"}, ["Ask", "Bøg"]),
        ({"question": "equipped", "value": "4"}, ["Ask", "Bøg"]),
        ({"question": "equipped", "value": "at_least:5"}, ["Ask"]),
        ({"question": "again", "value": "yes"}, ["Ask", "Eg"]),
        ({"question": "again", "value": "no"}, ["Bøg"]),
        ({"question": "topic", "value": "posts"}, ["Ask"]),
    ],
)
def test_organisations_whose_answer_meets_a_condition(personas, named, condition, expected):
    value = condition["value"]
    if value == "posts":
        value = f"choice:{named['posts'].pk}"
    params = {"question": str(named[condition["question"]].pk), "value": value}
    counted = measure(personas.tenant, "surveys.organisations_meeting", params=params)
    assert counted.value == Decimal(len(expected))
    assert labels(counted) == expected
    first = named["org"][expected[0]]
    assert counted.records[0].key == f"crm.organisation:{first.pk}"
    assert counted.records[0].detail == "Evaluering af rekrutteringskurset"
    assert counted.moments == [date(2017, 11, 30)]


def test_organisations_meeting_outside_the_period_a_mismatch_and_an_anonymous_survey(personas, named):
    tenant = personas.tenant
    equipped = str(named["equipped"].pk)
    later = measure(
        tenant, "surveys.organisations_meeting", params={"question": equipped, "value": "at_least:4"}, period=YEAR_2018
    )
    assert (later.value, later.records, later.moments) == (Decimal(0), [], [])
    # "yes" does not fit a scale, nor another question's option: no data rather than a wrong zero.
    for value in ("yes", f"choice:{named['posts'].pk}", "nonsense"):
        mismatch = measure(tenant, "surveys.organisations_meeting", params={"question": equipped, "value": value})
        assert mismatch.value is None
    anonymous, scale, _again, _topic = evaluation(tenant, title="Anonym", anonymous=True)
    respond(anonymous, {scale: 5}, organisation=named["org"]["Ask"])
    hidden = measure(tenant, "surveys.organisations_meeting", params={"question": str(scale.pk), "value": "at_least:4"})
    assert (hidden.value, hidden.records) == (None, [])


def test_scale_mean_of_a_named_survey_with_its_answers(personas, named):
    mean = measure(personas.tenant, "surveys.scale_mean", params={"question": str(named["equipped"].pk)})
    # 5, 4, 4, 3 and 5; "don't know" and the response not submitted left out.
    assert mean.value == Decimal("4.20")
    assert labels(mean) == ["Ask", "Ask", "Bøg", "Eg", "Besvarelse uden navn"]
    assert mean.records[2].detail == "4 på en skala fra 1 til 5"
    assert mean.moments == [date(2017, 11, 30)]
    assert indicator("surveys.scale_mean").shape == Shape.LEVEL
    later = measure(
        personas.tenant, "surveys.scale_mean", params={"question": str(named["equipped"].pk)}, period=YEAR_2018
    )
    assert (later.value, later.records) == (None, [])


def test_scale_mean_without_answers_is_no_data(personas):
    _survey, scale, _again, _topic = evaluation(personas.tenant)
    assert measure(personas.tenant, "surveys.scale_mean", params={"question": str(scale.pk)}).value is None
    assert measure(personas.tenant, "surveys.scale_mean", params={"question": "999999"}).value is None


def test_scale_mean_of_an_anonymous_survey_keeps_its_smallest_group(personas):
    survey, scale, _again, _topic = evaluation(personas.tenant, title="Anonym evaluering", anonymous=True)
    for point in (5, 4, 4, 3):
        respond(survey, {scale: point})
    params = {"question": str(scale.pk)}
    too_few = measure(personas.tenant, "surveys.scale_mean", params=params)
    assert too_few.value is None
    assert [(record.key, record.detail) for record in too_few.records] == [
        (f"surveys.survey:{survey.pk}", "For få svar til at vise.")
    ]
    respond(survey, {scale: 2})
    enough = measure(personas.tenant, "surveys.scale_mean", params=params)
    assert enough.value == Decimal("3.60")
    assert [(record.label, record.detail) for record in enough.records] == [("Anonym evaluering", "Anonym: 5 svar")]


def test_the_choices_offer_the_questions_that_fit(personas, named):
    tenant = personas.tenant
    _anonymous, anonymous_scale, _again, _topic = evaluation(tenant, title="Anonym", anonymous=True)
    make_question(make_section(named["survey"]), QuestionKind.LONG_TEXT, text="Hvad savnede I?")
    meeting = indicator("surveys.organisations_meeting")
    mean = indicator("surveys.scale_mean")
    with scope(tenant=tenant), translation.override("da"):
        questions = dict(meeting.param("question").choices(tenant))
        conditions = dict(meeting.param("value").choices(tenant))
        scales = dict(mean.param("question").choices(tenant))
        surveys = dict(indicator("surveys.responses").param("survey").choices(tenant))
    assert list(questions.values()) == [
        "Evaluering af rekrutteringskurset – Føler I jer bedre rustet?",
        "Evaluering af rekrutteringskurset – Vil I deltage igen?",
        "Evaluering af rekrutteringskurset – Bedste emne",
    ]
    assert conditions["yes"] == "Svarede ja"
    assert conditions["at_least:4"] == "Mindst 4 på skalaen"
    assert conditions[f"choice:{named['posts'].pk}"] == (
        "Valgte “Opslag” (Evaluering af rekrutteringskurset – Bedste emne)"
    )
    assert set(scales) == {str(named["equipped"].pk), str(anonymous_scale.pk)}
    assert list(surveys.values()) == ["Anonym", "Evaluering af rekrutteringskurset"]


def test_a_period_edge_in_danish_time(personas):
    # 23:30 on 31 December 2017 in Copenhagen is 22:30 UTC: 2017.
    survey, scale, _again, _topic = evaluation(
        personas.tenant, closes_at=datetime.datetime(2017, 12, 31, 22, 30, tzinfo=datetime.UTC)
    )
    respond(survey, {scale: 4})
    assert measure(personas.tenant, "surveys.responses").value == 1
    assert measure(personas.tenant, "surveys.responses", period=YEAR_2018).value == 0
