"""The plan's dashboard: every target's value, goal value, deadline, status with its rule, the pace, the old-value
flag, the history; read as of a day; kept in the cache and computed again on request."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from django.utils.translation import override
from django_scopes import scopes_disabled

from frivillig.strategy.enums import TargetKind, TargetStatus
from frivillig.strategy.models import ManualValue, TargetSnapshot
from frivillig.strategy.tests.helpers import make_goal, make_initiative, make_plan, make_target, url
from frivillig.testing import assert_rows_rendered


def shown(status: TargetStatus) -> str:
    """The status's words on a Danish page (the enums' Danish is the catalogue's)."""
    with override("da"):
        return f">{status.label}<"


def _value(target, value, measured_on):
    with scopes_disabled():
        return ManualValue.objects.create(
            tenant=target.tenant, target=target, value=Decimal(value), measured_on=measured_on, note="Optalt"
        )


@pytest.fixture
def plan(personas):
    return make_plan(personas.tenant, starts_on=date(2017, 1, 1), ends_on=date(2018, 12, 31))


def test_dashboard_shows_each_target_with_its_status_rule_and_history(personas, client_for, plan):
    goal = make_goal(plan, title="Gode rammer for foreningerne")
    initiative = make_initiative(goal, title="Kursus i rekruttering")
    reached = make_target(goal, initiative=initiative, title="Mindst 8 foreninger på kursus")
    _value(reached, 9, date(2017, 11, 1))
    behind = make_target(goal, title="Mindst 20 nye frivillige", target_value=Decimal(20))
    _value(behind, 2, date(2017, 6, 30))
    with scopes_disabled():
        for day, value in ((date(2017, 6, 1), 1), (date(2017, 7, 1), 2)):
            TargetSnapshot.objects.create(
                tenant=plan.tenant, target=behind, definition_version=1, taken_on=day, value=value, status="at_risk"
            )
    response = client_for("centre_staff").get(url("plan_dashboard", pk=plan.pk), {"dato": "2017-12-31"})
    text = response.content.decode()
    assert response.status_code == 200
    assert "Gode rammer for foreningerne" in text and "Kursus i rekruttering" in text
    assert url("target_detail", pk=reached.pk) in text
    assert shown(TargetStatus.ACHIEVED) in text and shown(TargetStatus.AT_RISK) in text  # words, not colour alone
    assert "Sådan vurderes status" in text
    assert "Tempoet forventer" in text  # halfway through the period: about 10 of 20
    assert "Fra 1 den 01.06.2017 til 2 den 01.07.2017" in text  # the sparkline's text alternative
    assert 'role="img"' in text


def test_dashboard_flags_an_old_value_entered_by_hand(personas, client_for, plan):
    goal = make_goal(plan)
    target = make_target(goal, title="Mindst 5 netværksmøder", target_value=Decimal(5))
    _value(target, 1, date(2017, 1, 10))
    text = client_for("centre_staff").get(url("plan_dashboard", pk=plan.pk), {"dato": "2017-12-31"}).content.decode()
    assert "Gammel værdi" in text


def test_dashboard_of_an_empty_plan_says_so(personas, client_for, plan):
    text = client_for("municipal_staff").get(url("plan_dashboard", pk=plan.pk)).content.decode()
    assert "Planen har ingen mål endnu" in text


def test_dashboard_keeps_its_figures_until_they_are_computed_again(personas, client_for, plan):
    goal = make_goal(plan)
    target = make_target(
        goal, title="Mindst 3 dialogmøder", kind=TargetKind.REACH, target_value=Decimal(3), deadline=date(2030, 1, 1)
    )
    client = client_for("centre_staff")
    assert shown(TargetStatus.NO_DATA) in client.get(url("plan_dashboard", pk=plan.pk)).content.decode()
    _value(target, 3, timezone.localdate() - timedelta(days=1))  # written past the service: the cache holds
    assert shown(TargetStatus.ACHIEVED) not in client.get(url("plan_dashboard", pk=plan.pk)).content.decode()
    response = client.post(url("dashboard_refresh", pk=plan.pk), follow=True)
    text = response.content.decode()
    assert "Tallene er beregnet igen" in text
    assert shown(TargetStatus.ACHIEVED) in text


def _plan_with_targets(tenant, count: int):
    plan = make_plan(tenant, title=f"Plan med {count} succeskriterier")
    goal = make_goal(plan)
    initiative = make_initiative(goal)
    targets = []
    for number in range(count):
        target = make_target(goal, initiative=initiative if number % 2 else None, title=f"Succeskriterium nr. {number}")
        _value(target, number, date(2017, 3, 1))
        with scopes_disabled():
            TargetSnapshot.objects.create(
                tenant=tenant,
                target=target,
                definition_version=1,
                taken_on=date(2017, 3, 2),
                value=number,
                status=TargetStatus.ON_TRACK,
            )
        targets.append(target)
    return plan, targets


@pytest.mark.parametrize("size", [2, 6])
def test_dashboard_query_count_is_constant(personas, client_for, django_assert_num_queries, size):
    plan, targets = _plan_with_targets(personas.tenant, size)
    client = client_for("centre_staff")
    client.get(url("plan_dashboard", pk=plan.pk))  # the cache warmed
    with django_assert_num_queries(12):
        response = client.get(url("plan_dashboard", pk=plan.pk))
    assert_rows_rendered(response, [target.title for target in targets])


def test_another_tenants_plan_answers_404(personas, client_for):
    foreign = make_plan(personas.other_tenant)
    assert client_for("centre_staff").get(url("plan_dashboard", pk=foreign.pk)).status_code == 404
    assert client_for("centre_staff").post(url("dashboard_refresh", pk=foreign.pk)).status_code == 404


def test_dashboard_refuses_other_roles(personas, client_for, plan):
    assert client_for("citizen").get(url("plan_dashboard", pk=plan.pk)).status_code == 403
