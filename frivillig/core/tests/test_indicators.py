"""Every registered indicator is complete (labels in both languages, typed parameters, choices for a choice) and
computes on a tenant without data; and the registry's own parts: parameters converted from their stored form."""

from datetime import date
from decimal import Decimal

import pytest
from django_scopes import scope

from frivillig.core.indicators import (
    Indicator,
    Measurement,
    Param,
    ParamKind,
    Shape,
    indicators,
)
from frivillig.core.registry import app_modules
from frivillig.testing import TenantFactory

REGISTERED = list(indicators().values())
PERIODS = [
    {"starts_on": date(2017, 1, 1), "ends_on": date(2017, 12, 31)},
    {"starts_on": date(2018, 1, 1), "ends_on": date(2018, 12, 31)},
]


def test_the_domain_apps_register_their_indicators():
    keys = {item.key for item in REGISTERED}
    assert {
        "events.events_held",
        "events.organisations_attended",
        "events.attendance_rate",
        "surveys.responses",
        "surveys.organisations_meeting",
        "surveys.scale_mean",
        "strategy.manual",
    } <= keys


def test_keys_are_unique_and_named_after_their_app():
    seen: list[str] = []
    for config, module in app_modules("indicators"):
        for item in getattr(module, "INDICATORS", ()):
            assert item.key.startswith(f"{config.label}."), (config.label, item.key)
            assert item.key.removeprefix(f"{config.label}.").replace("_", "").isalnum(), item.key
            seen.append(item.key)
    assert len(seen) == len(set(seen))
    assert sorted(seen) == sorted(item.key for item in REGISTERED)


@pytest.mark.parametrize("item", REGISTERED, ids=lambda item: item.key)
def test_an_indicator_is_labelled_in_danish_and_english(item):
    for label in (item.label_da, item.label_en):
        assert label.strip(), item.key
        assert label != item.key
    assert item.label_da != item.label_en, "the Danish label is the English one"
    assert isinstance(item.shape, Shape)
    assert (item.description_da == "") == (item.description_en == "")
    assert (item.unit_da == "") == (item.unit_en == "")
    names = [param.name for param in item.params]
    assert len(names) == len(set(names))
    for param in item.params:
        assert isinstance(param.kind, ParamKind)
        assert param.label_da.strip() and param.label_en.strip(), (item.key, param.name)
        assert (param.help_da == "") == (param.help_en == ""), (item.key, param.name)
        if param.kind == ParamKind.CHOICE:
            assert param.choices is not None, f"{item.key}: the choice {param.name} offers no choices"


@pytest.mark.parametrize("item", REGISTERED, ids=lambda item: item.key)
def test_an_indicator_computes_on_a_tenant_without_data(db, item):
    tenant = TenantFactory()
    with scope(tenant=tenant):
        offered = {
            param.name: list(param.choices(tenant))
            for param in item.params
            if param.kind == ParamKind.CHOICE and param.choices is not None
        }
        for name, choices in offered.items():
            assert all(isinstance(value, str) and isinstance(label, str) for value, label in choices), name
        # Without parameters, and with the first of each choice offered (an event's kind needs no data).
        first = {name: choices[0][0] for name, choices in offered.items() if choices}
        for params in ({}, first):
            for period in PERIODS:
                measurement = item.measure(tenant=tenant, params=params, **period)
                assert isinstance(measurement, Measurement)
                assert measurement.value is None or measurement.value == 0, (item.key, params, measurement.value)
                assert measurement.records == []
                number_only = item.measure(tenant=tenant, params=params, records=False, **period)
                assert (number_only.value, number_only.moments) == (measurement.value, measurement.moments)


def test_param_convert_from_the_stored_form():
    number = Param("at_least", ParamKind.NUMBER, "Mindst", "At least")
    assert number.convert("4") == Decimal("4")
    assert number.convert(2.5) == Decimal("2.5")
    assert number.convert("") is None
    assert number.convert(None) is None
    with pytest.raises(ValueError):
        number.convert("fire")

    flag = Param("municipal_only", ParamKind.FLAG, "Kun kommunale", "Municipal only")
    assert flag.convert(None) is False
    assert flag.convert("") is False
    assert [flag.convert(raw) for raw in (True, "true", "on", "1", 1)] == [True] * 5
    assert [flag.convert(raw) for raw in (False, "false", "0", 0)] == [False] * 4

    choice = Param("theme", ParamKind.CHOICE, "Tema", "Theme", choices=lambda tenant: [])
    assert choice.convert(12) == "12"
    assert choice.convert("course") == "course"
    assert choice.convert("") is None

    text = Param("source", ParamKind.TEXT, "Kilde", "Source")
    assert text.convert("Frivillig Fredag") == "Frivillig Fredag"


def _echo(*, tenant, starts_on, ends_on, **arguments) -> Measurement:
    return Measurement(value=len([value for value in arguments.values() if value not in (None, False)]))


def test_arguments_convert_each_parameter_and_leave_the_rest():
    item = Indicator(
        key="tests.echo",
        label_da="Ekko",
        label_en="Echo",
        compute=_echo,
        params=(
            Param("kind", ParamKind.CHOICE, "Slags", "Kind", required=False, choices=lambda tenant: []),
            Param("at_least", ParamKind.NUMBER, "Mindst", "At least"),
            Param("flag", ParamKind.FLAG, "Flag", "Flag"),
        ),
    )
    assert item.arguments({"kind": "course", "at_least": "4", "flag": "on", "unknown": "x"}) == {
        "kind": "course",
        "at_least": Decimal("4"),
        "flag": True,
    }
    assert item.arguments(None) == {"kind": None, "at_least": None, "flag": False}
    measured = item.measure(tenant=None, starts_on=date(2018, 1, 1), ends_on=date(2018, 12, 31), params={"kind": 3})
    # A whole number becomes a Decimal.
    assert measured.value == Decimal(1) and isinstance(measured.value, Decimal)


def test_measure_refuses_what_is_not_a_measurement():
    item = Indicator(key="tests.wrong", label_da="Forkert", label_en="Wrong", compute=lambda **_: 3)
    with pytest.raises(TypeError):
        item.measure(tenant=None, starts_on=date(2018, 1, 1), ends_on=date(2018, 12, 31))


def test_records_false_reaches_only_the_indicators_that_take_it():
    calls = []

    def counting(*, tenant, starts_on, ends_on, records=True) -> Measurement:
        calls.append(records)
        return Measurement(value=1)

    def plain(*, tenant, starts_on, ends_on) -> Measurement:
        calls.append("plain")
        return Measurement(value=2)

    period = {"tenant": None, "starts_on": date(2017, 1, 1), "ends_on": date(2017, 12, 31)}
    assert Indicator("x.counting", "Tæller", "Counts", counting).measure(records=False, **period).value == 1
    assert Indicator("x.counting", "Tæller", "Counts", counting).measure(**period).value == 1
    assert Indicator("x.plain", "Enkel", "Plain", plain).measure(records=False, **period).value == 2
    assert calls == [False, True, "plain"]
