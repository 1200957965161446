"""Indicators: the numbers a plan's targets are measured by, each computed from one app's data for a tenant and a
period, together with the records it counted so that a person can check the number.

Each app registers its own in its `indicators.py` as `INDICATORS = [Indicator(...), ...]`; core.registry finds
them, and the strategy app reads them through `indicators()` without importing any domain app. Adding an
indicator is one function and one entry in that list:

    def organisations_attending(*, tenant, starts_on, ends_on, kind="", theme=None) -> Measurement:
        ...
        return Measurement(value=len(records), records=records, moments=[...])

    INDICATORS = [
        Indicator(
            key="events.organisations_attended",
            label_da="Foreninger, der deltog i arrangementer",
            label_en="Associations that attended events",
            compute=organisations_attending,
            params=(Param("kind", ParamKind.CHOICE, "Slags arrangement", "Kind of event", choices=kinds),),
        )
    ]

`compute` is called with the tenant's scope open, keyword arguments only: `tenant`, `starts_on` and `ends_on`
(dates, both included, in Danish time: an event at 23:30 on 31 December counts in that year), and the parameters
by name, already converted to their kind (`Param.convert`). It must work on a tenant without any data (a test
computes every registered indicator on an empty tenant) and return a `Measurement`.

A page that shows only the number (a plan's dashboard) asks for it without the records: `compute` is then called
with `records=False` if it takes a `records` keyword. It may then leave the records out and count in the database
(a count over a million applications instead of a million rows read); the value and the moments must be the same.
An indicator without the keyword is simply called as usual and its records are dropped by the caller.

Labels are written in both languages in the registration itself (not through the catalogue), because a
published status report keeps the definitions it was computed with, in both languages, for good."""

from __future__ import annotations

import enum
import functools
import inspect
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import get_language

from frivillig.core.registry import collect


class ParamKind(enum.StrEnum):
    """What a parameter holds, and so which field the plan editor shows for it."""

    CHOICE = "choice"  # one of fixed or tenant-made choices (an event kind, a tag, a survey, a question): a string
    NUMBER = "number"  # a number (a threshold, a scale point): a Decimal
    TEXT = "text"  # a few words (a source's name): a string
    FLAG = "flag"  # yes or no: a bool


class Shape(enum.StrEnum):
    """How the indicator's number behaves over a period, and so which status rules fit a target on it."""

    COUNT = "count"  # grows as things happen (associations that took part): reached by a date
    LEVEL = "level"  # a level that may go up and down (a mean rating, a fill rate): held
    MANUAL = "manual"  # entered by hand with its evidence


def _text(danish: str, english: str) -> str:
    return english if (get_language() or "da").startswith("en") else danish


@dataclass(frozen=True)
class Param:
    """A typed parameter of an indicator. `choices(tenant)` lists (value, label) pairs in the current language
    for a CHOICE (its values are strings: a tag's or a survey's primary key is given as text)."""

    name: str
    kind: ParamKind
    label_da: str
    label_en: str
    required: bool = True
    choices: Callable[[Any], Sequence[tuple[str, str]]] | None = None
    help_da: str = ""
    help_en: str = ""
    # False: not shown in the plan editor; the strategy fills it in (the manual indicator's target).
    editable: bool = True

    @property
    def label(self) -> str:
        return _text(self.label_da, self.label_en)

    @property
    def help_text(self) -> str:
        return _text(self.help_da, self.help_en)

    def convert(self, raw: Any) -> Any:
        """The stored value as the compute function takes it; None when it is not given."""
        if raw is None or raw == "":
            return False if self.kind == ParamKind.FLAG else None
        if self.kind == ParamKind.NUMBER:
            try:
                return Decimal(str(raw))
            except InvalidOperation as error:
                raise ValueError(f"{self.name}: {raw!r} is not a number") from error
        if self.kind == ParamKind.FLAG:
            return raw in (True, "true", "on", "1", 1)
        return str(raw)


@dataclass(frozen=True)
class CountedRecord:
    """One record behind a number: a stable key ("events.registration:12") that a published report keeps, the
    name a person recognises, and the staff page that shows it (empty when there is none)."""

    key: str
    label: str
    url: str = ""
    detail: str = ""


@dataclass(frozen=True)
class Measurement:
    """An indicator's number for a period and the records it counted. `value` None means no data (a mean of no
    answers), which is not the same as 0. `moments` are the dates on which the counted work happens or is planned
    in the period (the days of the courses counted): a target's pace follows them instead of a straight line."""

    value: Decimal | None
    records: list[CountedRecord] = field(default_factory=list)
    moments: list[date] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.value is not None and not isinstance(self.value, Decimal):
            object.__setattr__(self, "value", Decimal(str(self.value)))


@dataclass(frozen=True)
class Indicator:
    key: str
    label_da: str
    label_en: str
    compute: Callable[..., Measurement]
    params: tuple[Param, ...] = ()
    shape: Shape = Shape.COUNT
    unit_da: str = ""
    unit_en: str = ""
    description_da: str = ""
    description_en: str = ""

    @property
    def label(self) -> str:
        return _text(self.label_da, self.label_en)

    @property
    def unit(self) -> str:
        return _text(self.unit_da, self.unit_en)

    @property
    def description(self) -> str:
        return _text(self.description_da, self.description_en)

    def param(self, name: str) -> Param | None:
        return next((param for param in self.params if param.name == name), None)

    def arguments(self, stored: dict | None) -> dict[str, Any]:
        """The compute function's parameters from their stored form (a target's JSON), each converted."""
        stored = stored or {}
        return {param.name: param.convert(stored.get(param.name)) for param in self.params}

    def measure(
        self, *, tenant, starts_on: date, ends_on: date, params: dict | None = None, records: bool = True
    ) -> Measurement:
        """The number for the tenant and period; with `records=False` the records may be left out (see above)."""
        arguments = self.arguments(params)
        if not records and _takes_records(self.compute):
            arguments["records"] = False
        measurement = self.compute(tenant=tenant, starts_on=starts_on, ends_on=ends_on, **arguments)
        if not isinstance(measurement, Measurement):
            raise TypeError(f"Indicator {self.key} returned {type(measurement).__name__}, not a Measurement")
        return measurement

    def definition(self, params: dict | None = None) -> dict:
        """What a published report keeps of the indicator: its key, labels in both languages and parameters."""
        return {
            "key": self.key,
            "label_da": self.label_da,
            "label_en": self.label_en,
            "shape": str(self.shape),
            "unit_da": self.unit_da,
            "unit_en": self.unit_en,
            "params": dict(params or {}),
        }


@functools.cache
def _takes_records(compute: Callable[..., Measurement]) -> bool:
    return "records" in inspect.signature(compute).parameters


def indicators() -> dict[str, Indicator]:
    """Every registered indicator by key, in the apps' order (INSTALLED_APPS) and each app's own order."""
    found: dict[str, Indicator] = {}
    for indicator in collect("indicators", "INDICATORS"):
        if not isinstance(indicator, Indicator):
            raise TypeError(f"INDICATORS holds {indicator!r}, not an Indicator")
        if indicator.key in found:
            raise ValueError(f"Two indicators are registered as {indicator.key!r}")
        found[indicator.key] = indicator
    return found


def indicator(key: str) -> Indicator | None:
    return indicators().get(key)
