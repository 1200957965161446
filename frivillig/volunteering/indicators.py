"""Volunteering's indicators for the strategy's targets: applications received, applications that became
volunteers, open places and the share of places filled.

What a counted record shows: the opportunity and its association, never the applicant. The records are read by
staff who follow a plan (municipal staff among them) and who may not see applications, and a published report
keeps them; the record's key (`volunteering.application:<pk>`) still lets the centre find the one application
behind it, and its link leads to the opportunity's applications, where only those allowed see who applied.

Where an application came from: the application itself records nothing about it (no campaign, no referrer), so
the `source` parameter offers what the apps above can honestly tell. An app offers a kind of source by listing
`ApplicationSource`s as `APPLICATION_SOURCES` in its own `indicators.py` (found through core.registry, so this
app imports none of them); a campaign, for instance, can say "applications to the opportunities it promoted,
made while it ran". Its values are stored as "<prefix>:<value>" ("campaign:12").
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Case, Count, F, IntegerField, OuterRef, Q, Subquery, Sum, When
from django.db.models.functions import Coalesce, Least
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language

from frivillig.core.indicators import CountedRecord, Indicator, Measurement, Param, ParamKind, Shape
from frivillig.core.registry import collect
from frivillig.volunteering.enums import ApplicationStatus, OpportunityStatus
from frivillig.volunteering.models import Application, Opportunity


@dataclass(frozen=True)
class ApplicationSource:
    """A kind of place applications can come from, offered by an app that knows it.

    `choices(tenant)` lists (value, label) pairs in the current language; `condition(tenant, value)` is the
    condition on Application that picks the applications from that source, or None when the value names nothing
    any more (a deleted campaign): the indicator then has no data rather than a misleading 0."""

    prefix: str
    choices: Callable[[Any], Sequence[tuple[str, str]]]
    condition: Callable[[Any, str], Q | None]


def application_sources() -> dict[str, ApplicationSource]:
    found: dict[str, ApplicationSource] = {}
    for source in collect("indicators", "APPLICATION_SOURCES"):
        if not isinstance(source, ApplicationSource):
            raise TypeError(f"APPLICATION_SOURCES holds {source!r}, not an ApplicationSource")
        if source.prefix in found:
            raise ValueError(f"Two application sources are registered as {source.prefix!r}")
        found[source.prefix] = source
    return found


def source_choices(tenant) -> list[tuple[str, str]]:
    return [
        (f"{source.prefix}:{value}", label)
        for source in application_sources().values()
        for value, label in source.choices(tenant)
    ]


def _source_condition(tenant, source: str | None) -> Q | None:
    """Q() for every source; None when the stored source is not known (any more)."""
    if not source:
        return Q()
    prefix, _separator, value = source.partition(":")
    found = application_sources().get(prefix)
    if found is None or not value:
        return None
    return found.condition(tenant, value)


# --- periods --------------------------------------------------------------------------------------------------


def day_bounds(starts_on: date, ends_on: date) -> tuple[datetime, datetime]:
    """The period as instants: from the start of its first Danish day to the start of the day after its last."""
    zone = timezone.get_default_timezone()
    first = datetime.combine(starts_on, time.min, tzinfo=zone)
    after = datetime.combine(ends_on + timedelta(days=1), time.min, tzinfo=zone)
    return first, after


def _level_day(ends_on: date) -> date:
    """A level is read as of the period's last day, or today while the period is still running."""
    return min(ends_on, timezone.localdate())


def _local_date(moment: datetime) -> date:
    return timezone.localtime(moment, timezone.get_default_timezone()).date()


def _text(danish: str, english: str) -> str:
    # A record's words are fixed when the indicator is computed (a published report keeps them), in the language
    # of the moment, as the indicators' own labels are: written here in both languages, not in the catalogue.
    return english if (get_language() or "da").startswith("en") else danish


def _day(value: date) -> str:
    return value.strftime("%d.%m.%Y")


# --- records --------------------------------------------------------------------------------------------------


def _opportunity_label(opportunity: Opportunity) -> str:
    return f"{opportunity.title} – {opportunity.organisation.name}"


def _opportunity_url(tenant, opportunity_id: int) -> str:
    return reverse("volunteering:pipeline", kwargs={"tenant_slug": tenant.slug, "pk": opportunity_id})


def _application_records(tenant, applications, moment: str, detail_da: str, detail_en: str) -> list[CountedRecord]:
    records = []
    for application in applications:
        day = _local_date(getattr(application, moment))
        records.append(
            CountedRecord(
                key=f"volunteering.application:{application.pk}",
                label=_opportunity_label(application.opportunity),
                url=_opportunity_url(tenant, application.opportunity_id),
                detail=_text(detail_da, detail_en) % {"date": _day(day)},
            )
        )
    return records


# --- the indicators -------------------------------------------------------------------------------------------


def applications_received(
    *, tenant, starts_on: date, ends_on: date, source: str | None = None, records: bool = True
) -> Measurement:
    """Confirmed applications, counted on the day the association received them: when the e-mail address was
    confirmed (at once for a logged-in person; a renewed sign-up after withdrawing counts from its renewal). A
    guest's sign-up that was never confirmed never reached the association and does not count."""
    condition = _source_condition(tenant, source)
    if condition is None:
        return Measurement(value=None)
    first, after = day_bounds(starts_on, ends_on)
    received = Application.objects.filter(
        tenant=tenant, email_confirmed_at__gte=first, email_confirmed_at__lt=after
    ).filter(condition)
    if not records:
        return Measurement(value=received.count())
    applications = list(
        received.select_related("opportunity__organisation")
        .only("pk", "email_confirmed_at", "opportunity__title", "opportunity__organisation__name")
        .order_by("email_confirmed_at", "pk")
    )
    counted = _application_records(tenant, applications, "email_confirmed_at", "Modtaget %(date)s", "Received %(date)s")
    return Measurement(value=len(counted), records=counted)


def became_volunteers(
    *, tenant, starts_on: date, ends_on: date, source: str | None = None, records: bool = True
) -> Measurement:
    """Applications that reached "became a volunteer" in the period, by the time of that step. An application
    whose step was undone is no longer a volunteer and does not count (nothing leaves "started" but an undo)."""
    condition = _source_condition(tenant, source)
    if condition is None:
        return Measurement(value=None)
    first, after = day_bounds(starts_on, ends_on)
    started = Application.objects.filter(
        tenant=tenant,
        status=ApplicationStatus.STARTED,
        email_confirmed_at__isnull=False,
        status_changed_at__gte=first,
        status_changed_at__lt=after,
    ).filter(condition)
    if not records:
        return Measurement(value=started.count())
    applications = list(
        started.select_related("opportunity__organisation")
        .only("pk", "status_changed_at", "opportunity__title", "opportunity__organisation__name")
        .order_by("status_changed_at", "pk")
    )
    counted = _application_records(
        tenant, applications, "status_changed_at", "Blev frivillig %(date)s", "Became a volunteer %(date)s"
    )
    return Measurement(value=len(counted), records=counted)


@dataclass(frozen=True)
class _Places:
    opportunity: Opportunity
    needed: int
    filled: int

    @property
    def open(self) -> int:
        return max(self.needed - self.filled, 0)


def _volunteers_by_opportunity(tenant, as_of_after: datetime, **opportunity):
    """The number of applications that had become volunteers before the instant, per opportunity (`number`), for
    the opportunities the condition picks."""
    return (
        Application.objects.filter(
            tenant=tenant,
            status=ApplicationStatus.STARTED,
            email_confirmed_at__isnull=False,
            status_changed_at__lt=as_of_after,
            **opportunity,
        )
        .order_by()
        .values("opportunity")
        .annotate(number=Count("pk"))
    )


def _places(tenant, opportunities, as_of_after: datetime) -> list[_Places]:
    """Each opportunity's places and how many were filled as of the instant: the applications that had become
    volunteers by then, never more than the places; all of them when the association had marked it filled."""
    opportunities = list(
        opportunities.select_related("organisation")
        .only("pk", "title", "status", "closed_at", "volunteers_needed", "organisation__name", "published_at")
        .order_by("title", "pk")
    )
    started = dict(
        _volunteers_by_opportunity(
            tenant, as_of_after, opportunity__in=[opportunity.pk for opportunity in opportunities]
        ).values_list("opportunity", "number")
    )
    result = []
    for opportunity in opportunities:
        needed = opportunity.volunteers_needed
        marked_filled = (
            opportunity.status == OpportunityStatus.FILLED
            and opportunity.closed_at is not None
            and opportunity.closed_at < as_of_after
        )
        filled = needed if marked_filled else min(started.get(opportunity.pk, 0), needed)
        result.append(_Places(opportunity, needed, filled))
    return result


def _place_totals(tenant, opportunities, as_of_after: datetime) -> tuple[int, int, int]:
    """The places needed, filled and still open over the opportunities as `_places` counts them, summed in the
    database (the numbers alone, for a page that shows no records)."""
    started = _volunteers_by_opportunity(tenant, as_of_after, opportunity=OuterRef("pk")).values("number")
    marked_filled = Q(status=OpportunityStatus.FILLED, closed_at__isnull=False, closed_at__lt=as_of_after)
    filled = Case(
        When(marked_filled, then=F("volunteers_needed")),
        default=Least(Coalesce(Subquery(started, output_field=IntegerField()), 0), F("volunteers_needed")),
        output_field=IntegerField(),
    )
    totals = opportunities.order_by().aggregate(
        needed=Coalesce(Sum("volunteers_needed"), 0), filled=Coalesce(Sum(filled), 0)
    )
    # An opportunity's filled places never exceed its needed ones, so the open places are the difference.
    return totals["needed"], totals["filled"], totals["needed"] - totals["filled"]


def _published_before(tenant, after: datetime):
    return Opportunity.objects.filter(tenant=tenant, published_at__isnull=False, published_at__lt=after).exclude(
        status=OpportunityStatus.DRAFT
    )


def open_places(*, tenant, starts_on: date, ends_on: date, records: bool = True) -> Measurement:
    """The places still to fill on the opportunities that were open on the period's last day (today while the
    period runs): published by then and not yet closed, filled or expired; the volunteers needed minus the
    applications that had become volunteers, never below zero."""
    as_of = _level_day(ends_on)
    _first, after = day_bounds(as_of, as_of)
    opportunities = _published_before(tenant, after).filter(Q(closed_at__isnull=True) | Q(closed_at__gte=after))
    if not records:
        _needed, _filled, still_open = _place_totals(tenant, opportunities, after)
        return Measurement(value=still_open)
    places = [row for row in _places(tenant, opportunities, after) if row.open]
    counted = [
        CountedRecord(
            key=f"volunteering.opportunity:{row.opportunity.pk}",
            label=_opportunity_label(row.opportunity),
            url=_opportunity_url(tenant, row.opportunity.pk),
            detail=_text("%(open)s af %(needed)s pladser ledige", "%(open)s of %(needed)s places open")
            % {"open": row.open, "needed": row.needed},
        )
        for row in places
    ]
    return Measurement(value=sum(row.open for row in places), records=counted)


def _rate(filled: int, needed: int) -> Decimal | None:
    if not needed:
        return None
    return (Decimal(100) * filled / needed).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def fill_rate(*, tenant, starts_on: date, ends_on: date, records: bool = True) -> Measurement:
    """The share of places filled, in per cent, on the opportunities that were open at some time in the period
    (published before it ended, not closed before it began), as of its last day (today while it runs). No
    opportunities: no data."""
    as_of = _level_day(ends_on)
    first, _after = day_bounds(starts_on, ends_on)
    _as_of_first, as_of_after = day_bounds(as_of, as_of)
    opportunities = _published_before(tenant, as_of_after).filter(Q(closed_at__isnull=True) | Q(closed_at__gte=first))
    if not records:
        needed, filled, _open = _place_totals(tenant, opportunities, as_of_after)
        return Measurement(value=_rate(filled, needed))
    places = _places(tenant, opportunities, as_of_after)
    needed = sum(row.needed for row in places)
    filled = sum(row.filled for row in places)
    value = _rate(filled, needed)
    if value is None:
        return Measurement(value=None)
    counted = [
        CountedRecord(
            key=f"volunteering.opportunity:{row.opportunity.pk}",
            label=_opportunity_label(row.opportunity),
            url=_opportunity_url(tenant, row.opportunity.pk),
            detail=_text("%(filled)s af %(needed)s pladser besat", "%(filled)s of %(needed)s places filled")
            % {"filled": row.filled, "needed": row.needed},
        )
        for row in places
    ]
    return Measurement(value=value, records=counted)


SOURCE = Param(
    "source",
    ParamKind.CHOICE,
    "Kilde",
    "Source",
    required=False,
    choices=source_choices,
    help_da="Kun ansøgninger fra denne kilde, fx en kampagne. Tom: alle ansøgninger.",
    help_en="Only applications from this source, e.g. a campaign. Empty: every application.",
)

INDICATORS = [
    Indicator(
        key="volunteering.applications",
        label_da="Ansøgninger til frivilligjob",
        label_en="Applications to volunteer opportunities",
        compute=applications_received,
        params=(SOURCE,),
        unit_da="ansøgninger",
        unit_en="applications",
        description_da=(
            "Ansøgninger, som foreningen har modtaget i perioden. En gæst, der aldrig bekræftede sin e-mailadresse, "
            "tæller ikke med."
        ),
        description_en=(
            "Applications the association received in the period. A guest who never confirmed their e-mail address "
            "is not counted."
        ),
    ),
    Indicator(
        key="volunteering.became_volunteers",
        label_da="Ansøgere, der blev frivillige",
        label_en="Applicants who became volunteers",
        compute=became_volunteers,
        params=(SOURCE,),
        unit_da="frivillige",
        unit_en="volunteers",
        description_da="Ansøgninger, der fik status »Blev frivillig« i perioden.",
        description_en="Applications that reached the status “Became a volunteer” in the period.",
    ),
    Indicator(
        key="volunteering.open_places",
        label_da="Ledige pladser i frivilligjob",
        label_en="Open places in volunteer opportunities",
        compute=open_places,
        shape=Shape.LEVEL,
        unit_da="pladser",
        unit_en="places",
        description_da=(
            "De pladser, der endnu mangler en frivillig, i de frivilligjob, der var slået op på periodens sidste dag "
            "(i dag, mens perioden løber)."
        ),
        description_en=(
            "The places still without a volunteer in the opportunities that were published on the period's last day "
            "(today while the period runs)."
        ),
    ),
    Indicator(
        key="volunteering.fill_rate",
        label_da="Andel besatte pladser i frivilligjob",
        label_en="Share of places filled in volunteer opportunities",
        compute=fill_rate,
        shape=Shape.LEVEL,
        unit_da="%",
        unit_en="%",
        description_da=(
            "Besatte pladser i procent af alle pladser i de frivilligjob, der var slået op i perioden. En plads er "
            "besat, når en ansøger er blevet frivillig, eller når foreningen har meldt jobbet besat."
        ),
        description_en=(
            "Places filled as a percentage of all places in the opportunities published in the period. A place is "
            "filled when an applicant has become a volunteer, or when the association has marked the opportunity "
            "filled."
        ),
    ),
]
