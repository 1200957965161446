"""The public strategy pages: the published plans with their goals, initiatives and targets' status and numbers,
and the status reports published for them. Only numbers are public: never the records counted."""

from datetime import date
from decimal import Decimal

import pytest
from django_scopes import scopes_disabled

from frivillig.core.tests.helpers import english, pdf_titles
from frivillig.strategy.models import ManualValue
from frivillig.strategy.services_reports import report_create, report_publish
from frivillig.strategy.tests.helpers import make_goal, make_initiative, make_plan, make_target, url
from frivillig.testing import assert_rows_rendered

RECORD = "Referat fra netværksmødet hos Karen Jensen"


@pytest.fixture
def public_plan(personas):
    plan = make_plan(personas.tenant, title="Frivilligstrategi 2017-2018", is_public=True, vision="Alle kan være med.")
    goal = make_goal(plan, title="Stærke foreninger")
    initiative = make_initiative(
        goal,
        title="Netværk for foreninger",
        background="Foreningerne kender ikke hinanden.",
        actions="Vi holder møder.",
    )
    target = make_target(goal, initiative=initiative, title="Mindst 4 netværksmøder holdt", target_value=Decimal(4))
    with scopes_disabled():
        ManualValue.objects.create(
            tenant=plan.tenant, target=target, value=Decimal(3), measured_on=date(2017, 9, 1), note=RECORD
        )
    return plan


def test_public_plans_lists_only_the_tenants_published_plans(personas, client):
    make_plan(personas.tenant, title="Alfas offentlige plan", is_public=True)
    make_plan(personas.tenant, title="Alfas interne plan")
    make_plan(personas.other_tenant, title="Charlies offentlige plan", is_public=True)

    page = english(client).get(url("public_plans")).content.decode()

    assert "Alfas offentlige plan" in page
    assert "Alfas interne plan" not in page and "Charlies offentlige plan" not in page


def test_public_plans_says_so_when_nothing_is_published(personas, client):
    page = english(client).get(url("public_plans")).content.decode()
    assert "No plans have been published yet." in page


def test_public_plan_shows_goals_initiatives_status_and_numbers_but_never_the_records(personas, client, public_plan):
    response = english(client).get(url("public_plan", pk=public_plan.pk))

    page = response.content.decode()
    assert response.status_code == 200
    for shown in (
        "Alle kan være med.",
        "1. Stærke foreninger",
        "Netværk for foreninger",
        "Foreningerne kender ikke hinanden.",
        "Vi holder møder.",
        "Mindst 4 netværksmøder holdt",
        "at least 4",
        ">3<",
    ):
        assert shown in page, shown
    assert RECORD not in page
    assert "/strategi/planer/" not in page and "/strategi/succeskriterier/" not in page  # no staff links


def test_plan_that_is_not_public_or_of_another_tenant_is_not_found(personas, client):
    internal = make_plan(personas.tenant, title="Intern plan")
    foreign = make_plan(personas.other_tenant, title="Charlies plan", is_public=True)
    assert client.get(url("public_plan", pk=internal.pk)).status_code == 404
    assert client.get(url("public_plan", pk=foreign.pk)).status_code == 404


def test_published_versions_are_listed_and_readable_without_records(personas, client, public_plan):
    with scopes_disabled():
        report = report_create(plan=public_plan, year=2017, actor=None)
        report_publish(report=report, note="Til udvalgsmødet", actor=None)
        draft_only = report_create(plan=public_plan, year=2018, actor=None)
    visitor = english(client)

    page = visitor.get(url("public_plan", pk=public_plan.pk)).content.decode()
    assert "Status 2017, version 1" in page and "Til udvalgsmødet" in page
    assert "Status 2018" not in page  # a report never published is not public
    version_url = url("public_report_version", pk=public_plan.pk, year=2017, number=1)
    assert version_url in page

    version = visitor.get(version_url).content.decode()
    assert "Mindst 4 netværksmøder holdt" in version and "How the status is judged:" in version
    assert RECORD not in version
    pdf = visitor.get(url("public_report_version_pdf", pk=public_plan.pk, year=2017, number=1))
    assert pdf.status_code == 200 and "Mindst 4 netværksmøder holdt" in pdf_titles(pdf.content)
    assert visitor.get(url("public_report_version", pk=public_plan.pk, year=2018, number=1)).status_code == 404
    assert draft_only.pk


def test_published_version_of_a_plan_no_longer_public_is_not_found(personas, client, public_plan):
    with scopes_disabled():
        report_publish(report=report_create(plan=public_plan, year=2017, actor=None), note="", actor=None)
        public_plan.is_public = False
        public_plan.save()
    assert client.get(url("public_report_version", pk=public_plan.pk, year=2017, number=1)).status_code == 404


@pytest.mark.parametrize("size", [1, 3])
def test_public_plans_query_count_is_constant(size, personas, client, django_assert_num_queries):
    for number in range(size):
        make_plan(personas.tenant, title=f"Offentlig plan nummer {number}", is_public=True)
    client.get(url("public_plans"))

    with django_assert_num_queries(3):
        response = client.get(url("public_plans"))

    assert_rows_rendered(response, [f"Offentlig plan nummer {number}" for number in range(size)])


@pytest.mark.parametrize("size", [2, 6])
def test_public_plan_query_count_is_constant_as_targets_grow(size, personas, client, django_assert_num_queries):
    plan = make_plan(personas.tenant, title="Plan med mange mål", is_public=True)
    goal = make_goal(plan, title="Et mål")
    initiative = make_initiative(goal, title="En indsats")
    for number in range(size):
        make_target(goal, initiative=initiative if number % 2 else None, title=f"Succeskriterium nummer {number}")
    with scopes_disabled():
        report_publish(report=report_create(plan=plan, year=2017, actor=None), note="", actor=None)
    client.get(url("public_plan", pk=plan.pk))  # the readings are computed once and kept for a while

    with django_assert_num_queries(7):
        response = client.get(url("public_plan", pk=plan.pk))

    assert_rows_rendered(response, [f"Succeskriterium nummer {number}" for number in range(size)])
