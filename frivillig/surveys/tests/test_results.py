"""The results page: the response rate and its course, each question's figures with chart and table, free texts
(naming the organisation only for a named survey), the filter, and the page's cost in queries."""

import datetime

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from frivillig.crm.models import Tag
from frivillig.surveys.enums import QuestionKind
from frivillig.surveys.models import ResponseTally
from frivillig.surveys.tests.helpers import (
    choices_of,
    make_invitation,
    make_question,
    make_section,
    make_survey,
    respond,
    url,
    visible_text,
)
from frivillig.tenants.enums import Role
from frivillig.testing import TenantFactory, UserFactory, assert_rows_rendered, grant, make_organisation


def build(tenant, **fields):
    survey = make_survey(tenant, **fields)
    section = make_section(survey)
    questions = {
        "size": make_question(
            section, QuestionKind.SINGLE_CHOICE, text="Hvor stor er foreningen?", choices=["Lille", "Stor"]
        ),
        "help": make_question(section, QuestionKind.YES_NO, text="Har I brug for hjælp til rekruttering?"),
        "happy": make_question(
            section, QuestionKind.SCALE, text="Hvor tilfredse er I?", scale_points=5, allow_dont_know=True
        ),
        "count": make_question(
            section, QuestionKind.NUMBER, text="Hvor mange frivillige har I?", number_unit="frivillige"
        ),
        "ways": make_question(
            section,
            QuestionKind.MULTIPLE_CHOICE,
            text="Hvordan rekrutterer I?",
            choices=["Opslag", "Netværk"],
            allow_other=True,
        ),
        "org": make_question(section, QuestionKind.ORGANISATION, text="Hvem samarbejder I mest med?"),
        "say": make_question(section, QuestionKind.LONG_TEXT, text="Hvad kan centret gøre bedre?"),
    }
    return survey, questions


def test_results_show_every_kind_of_question(personas, client_for):
    survey, q = build(personas.tenant)
    small, big = choices_of(q["size"])
    posts, network = choices_of(q["ways"])
    partner = make_organisation(personas.tenant, name="Sorø Bibliotek")
    club = make_organisation(personas.tenant, name="Sorø Roklub")
    respond(
        survey,
        {
            q["size"]: small,
            q["help"]: True,
            q["happy"]: 4,
            q["count"]: 10,
            q["ways"]: [posts, network],
            q["org"]: partner,
            q["say"]: "Flere kurser",
        },
        organisation=club,
    )
    respond(
        survey,
        {
            q["size"]: small,
            q["help"]: True,
            q["happy"]: 5,
            q["count"]: 30,
            q["ways"]: [posts, "Facebook"],
            q["org"]: partner,
        },
    )
    respond(survey, {q["size"]: big, q["help"]: False, q["happy"]: "x", q["count"]: 20, q["ways"]: [network]})
    respond(survey, {q["size"]: big, q["help"]: True})

    response = client_for("centre_staff").get(url("survey_results", pk=survey.pk))

    assert response.status_code == 200
    text = visible_text(response)
    assert "Resultater: Behovsanalyse 2017" in text
    # Single choice: counts and percentages of those who answered, in a table beside the chart.
    assert "Lille 2 (50,0 %)" in text and "Stor 2 (50,0 %)" in text
    assert "Ja 3 (75,0 %)" in text and "Nej 1 (25,0 %)" in text
    # Scale: the mean without "don't know", which is counted apart.
    assert "Gennemsnit: 4,5 på skalaen fra 1 til 5 (2 svar; “ved ikke” tæller ikke med)." in text
    assert "Ved ikke 1 (33,3 %)" in text
    # Number: count, mean, smallest and largest, with the unit.
    assert "Gennemsnit 20 frivillige" in text and "Mindste 10 frivillige" in text and "Største 30 frivillige" in text
    # Multiple choice: shares of the respondents (they add up to more than 100 %), "other" and its texts.
    assert "Opslag 2 (66,7 %)" in text and "Netværk 2 (66,7 %)" in text and "Andet 1 (33,3 %)" in text
    assert "Facebook" in text
    assert "Sorø Bibliotek 2 (100,0 %)" in text
    # A named survey's free texts name the organisation that wrote them.
    assert "Flere kurser – Sorø Roklub" in text
    content = response.content.decode()
    assert content.count('<svg class="svg-bar-chart"') == 5
    assert f'aria-labelledby="resultat-{q["size"].pk}-graf-titel"' in content


def test_anonymous_survey_texts_never_name_an_organisation(personas, client_for):
    survey, q = build(personas.tenant, is_anonymous=True)
    club = make_organisation(personas.tenant, name="Sorø Roklub")
    for number in range(5):
        respond(survey, {q["say"]: f"Forslag nummer {number}"}, organisation=club if number == 0 else None)
    text = visible_text(client_for("centre_staff").get(url("survey_results", pk=survey.pk)))
    assert "Forslag nummer 0" in text
    assert "Sorø Roklub" not in text


def test_response_rate_and_its_course_from_the_daily_tally(personas, client_for):
    survey, q = build(personas.tenant)
    now = datetime.datetime(2017, 10, 2, tzinfo=datetime.UTC)
    for number in range(4):
        make_invitation(survey, email=f"person{number}@example.org", sent_at=now, responded=number < 3)
    make_invitation(survey, email="ikke-sendt@example.org")
    for _ in range(4):
        respond(survey, {q["help"]: True})
    with scopes_disabled():
        ResponseTally.objects.create(tenant=survey.tenant, survey=survey, day=datetime.date(2017, 10, 2), count=2)
        ResponseTally.objects.create(tenant=survey.tenant, survey=survey, day=datetime.date(2017, 10, 4), count=2)

    text = visible_text(client_for("centre_staff").get(url("survey_results", pk=survey.pk)))

    assert "Modtagne besvarelser 4" in text
    assert "Sendte invitationer 4" in text
    assert "Besvarede invitationer 3 (75,0 %)" in text
    assert "Besvarelser via det åbne link 1" in text
    assert "Besvarelser over tid" in text
    assert "2. oktober 2017 2 (2 i alt)" in text and "4. oktober 2017 2 (4 i alt)" in text


def test_filter_by_organisation_kind_and_tag(personas, client_for):
    survey, q = build(personas.tenant)
    small, big = choices_of(q["size"])
    with scopes_disabled():
        sport = Tag.objects.create(
            tenant=personas.tenant,
            vocabulary="activity_area",
            slug="idraet-test",
            label_da="Idræt og leg",
            label_en="Sport and play",
        )
    club = make_organisation(personas.tenant, name="Roklubben", kind="association")
    club.activity_areas.add(sport)
    firm = make_organisation(personas.tenant, name="Firmaet", kind="business")
    respond(survey, {q["size"]: small}, organisation=club)
    respond(survey, {q["size"]: big}, organisation=firm)
    respond(survey, {q["size"]: big}, organisation=firm)
    staff = client_for("centre_staff")

    by_kind = visible_text(staff.get(url("survey_results", pk=survey.pk) + "?type=business"))
    by_tag = visible_text(staff.get(url("survey_results", pk=survey.pk) + f"?emne={sport.pk}"))
    by_answer = visible_text(staff.get(url("survey_results", pk=survey.pk) + f"?svar={q['size'].pk}:{small.pk}"))

    assert "Resultaterne herunder er for 2 besvarelser, der passer til filteret." in by_kind
    assert "Lille 0 (0,0 %)" in by_kind and "Stor 2 (100,0 %)" in by_kind
    assert "Lille 1 (100,0 %)" in by_tag
    assert "Resultaterne herunder er for 1 besvarelse, der passer til filteret." in by_answer


def test_a_filter_value_that_does_not_exist_is_ignored(personas, client_for):
    survey, q = build(personas.tenant)
    respond(survey, {q["help"]: True})
    response = client_for("centre_staff").get(url("survey_results", pk=survey.pk) + "?type=nonsense&svar=abc&emne=x")
    assert response.status_code == 200
    assert "Ja 1 (100,0 %)" in visible_text(response)


def test_anonymous_survey_offers_no_organisation_filter(personas, client_for):
    survey, _q = build(personas.tenant, is_anonymous=True)
    response = client_for("centre_staff").get(url("survey_results", pk=survey.pk))
    form = response.context["filter_form"]
    assert set(form.fields) == {"svar"}


def test_survey_page_links_to_results_crosstab_exports_and_report(personas, client_for):
    survey, _q = build(personas.tenant)
    content = client_for("centre_staff").get(url("survey_detail", pk=survey.pk)).content.decode()
    for name, extra in [
        ("survey_results", {}),
        ("survey_crosstab", {}),
        ("survey_export", {"fmt": "xlsx"}),
        ("survey_export", {"fmt": "csv"}),
        ("survey_report", {}),
        ("survey_report_pdf", {}),
        ("survey_summary", {}),
    ]:
        assert f'href="{url(name, pk=survey.pk, **extra)}"' in content


def test_another_tenants_survey_is_not_found(personas, client_for):
    with scopes_disabled():
        foreign = make_survey(personas.other_tenant, title="Charlies undersøgelse")
    address = url("survey_results", pk=foreign.pk)
    assert client_for("centre_staff").get(address).status_code == 404


def test_answers_of_a_response_not_submitted_are_not_counted(personas, client_for):
    """The page reads the answers without their responses only when every response is submitted: one that is
    not must not count, with or without a filter."""
    survey, q = build(personas.tenant)
    small, big = choices_of(q["size"])
    respond(survey, {q["size"]: small, q["count"]: 10, q["say"]: "Indsendt"})
    respond(survey, {q["size"]: big, q["count"]: 90, q["say"]: "Ikke indsendt"}, submitted=False)

    for query in ("", f"?svar={q['size'].pk}:{small.pk}"):
        text = visible_text(client_for("centre_staff").get(url("survey_results", pk=survey.pk) + query))
        assert "Lille 1 (100,0 %)" in text and "Stor 0 (0,0 %)" in text
        assert "Gennemsnit 10 frivillige" in text and "Største 10 frivillige" in text
        assert "Indsendt" in text and "Ikke indsendt" not in text


@pytest.mark.parametrize("size", [1, 3])
def test_results_page_query_count_is_constant(db, client, django_assert_num_queries, size):
    tenant = TenantFactory(slug="maaling")
    staff = UserFactory()
    grant(staff, tenant, Role.CENTRE_STAFF)
    survey, q = build(tenant)
    small, _big = choices_of(q["size"])
    posts, _network = choices_of(q["ways"])
    partner = make_organisation(tenant, name="Partneren")
    for number in range(size):
        respond(
            survey,
            {
                q["size"]: small,
                q["help"]: True,
                q["happy"]: 3,
                q["count"]: number,
                q["ways"]: [posts, "Andet"],
                q["org"]: partner,
                q["say"]: f"Tekst {number}",
            },
            organisation=partner,
        )
    with scopes_disabled():
        ResponseTally.objects.create(tenant=tenant, survey=survey, day=datetime.date(2017, 10, 2), count=size)
    client.force_login(staff)
    with django_assert_num_queries(15):
        response = client.get(reverse("surveys:survey_results", kwargs={"tenant_slug": tenant.slug, "pk": survey.pk}))
    assert response.status_code == 200
    assert f"Lille {size} (100,0 %)" in visible_text(response)
    assert_rows_rendered(response, [f"Tekst {size - 1}", "Partneren"])


def test_chart_draws_bars_to_scale_and_escapes_its_texts():
    from frivillig.core.charts import BarRow, bar_chart

    chart = bar_chart(caption="Svar", rows=[BarRow("<b>Ja</b>", 4, "4 (80 %)"), BarRow("Nej", 1, "1 (20 %)")])

    assert [bar.width for bar in chart.bars] == [100.0, 25.0]
    assert "&lt;b&gt;Ja&lt;/b&gt;" in chart.drawing and "<b>" not in chart.drawing
    assert chart.height == 2 * 44 - 10


def test_chart_component_writes_table_and_drawing_with_its_ids_and_escapes_the_caption():
    from frivillig.core.charts import BarRow, bar_chart

    chart = bar_chart(caption="<b>Svar</b>", rows=[BarRow("Ja", 4, "4 (80 %)")], chart_id="graf-1")

    assert 'id="graf-1-tabel"' in chart.html and 'aria-labelledby="graf-1-titel"' in chart.html
    assert "&lt;b&gt;Svar&lt;/b&gt;" in chart.html and "<b>" not in chart.html
    assert '<th scope="row">Ja</th><td class="align-text-right">4 (80 %)</td>' in chart.html
    # No bars, no drawing: the table alone.
    assert "<svg" not in bar_chart(caption="Tom", rows=[], chart_id="graf-2").html
