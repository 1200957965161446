"""The benchmark's plan (bench/strategy.py): 30 targets on indicators that exist, each computed on the generated
data without a problem, so that the dashboard the benchmark measures reads real numbers."""

from io import StringIO

import pytest
from django.core.management import call_command
from django_scopes import scopes_disabled

from bench.data import Command
from bench.strategy import TARGETS, strategy_plan
from frivillig.core.indicators import indicator
from frivillig.strategy.measure import read_plan
from frivillig.strategy.models import Target


@pytest.fixture
def bench_data(db):
    call_command(Command(), scale=0.001, stdout=StringIO())


def test_the_bench_plan_has_thirty_targets_on_every_apps_indicators(bench_data):
    with scopes_disabled():
        plan = strategy_plan()
        targets = list(Target.objects.filter(goal__plan=plan))
        assert len(targets) == TARGETS == 30
        apps = {target.indicator_key.split(".")[0] for target in targets}
        assert apps == {"events", "surveys", "volunteering", "crm", "strategy"}
        for target in targets:
            indicator(target.indicator_key).arguments(target.params)

        reading = read_plan(plan)

    assert [target.problem for target in reading.all_targets] == [""] * 30
    assert any(target.value for target in reading.all_targets if target.target.indicator_key.startswith("events."))
    assert any(target.value for target in reading.all_targets if target.target.indicator_key.startswith("surveys."))
