"""Where volunteers are lacking: open places by target group, activity area, association and area, for a period.

Definitions (the pages say them in words too):

- The opportunities of a period are those that were open at some time in it: published before the period
  ended, and not closed before it began. Drafts never count.
- Open places: on opportunities that are open now, the volunteers needed minus the applications that became
  volunteers ("started"), never below zero.
- Unfilled places: the same, on opportunities that were closed or expired without getting everyone they
  needed. (An opportunity its association marked as filled has no unfilled places.)
- Applications: confirmed applications only; a guest's unconfirmed application is invisible to the association.
- Days open: from publishing to closing (filled, closed, expired), or to today if still open; the median of them.
- Fill rate: applications that became volunteers ÷ applications.

Every figure is one aggregate query (GROUP BY in the database), so the number of queries does not grow with the
data; only the median reads one row (two dates) per opportunity, as SQLite has no median.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from django.db.models import (
    Case,
    CharField,
    Count,
    F,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from frivillig.volunteering.enums import ApplicationStatus, OpportunityStatus
from frivillig.volunteering.models import Application, Opportunity

if TYPE_CHECKING:
    from frivillig.tenants.models import Tenant

ENDED_UNFILLED = [OpportunityStatus.CLOSED, OpportunityStatus.EXPIRED]


@dataclass(frozen=True)
class Period:
    start: date
    end: date

    @classmethod
    def last_twelve_months(cls, today: date) -> Period:
        try:
            year_ago = today.replace(year=today.year - 1)
        except ValueError:  # 29 February
            year_ago = today.replace(year=today.year - 1, day=28)
        return cls(start=year_ago + timedelta(days=1), end=today)

    def bounds(self) -> tuple[datetime, datetime]:
        """The period as aware datetimes, [start of the first day, start of the day after the last)."""
        zone = timezone.get_current_timezone()
        first = datetime.combine(self.start, time.min, tzinfo=zone)
        after = datetime.combine(self.end + timedelta(days=1), time.min, tzinfo=zone)
        return first, after


@dataclass
class NeedsRow:
    label: str
    opportunities: int = 0
    open_places: int = 0
    unfilled_places: int = 0
    applications: int = 0
    started: int = 0

    @property
    def fill_rate(self) -> float | None:
        return self.started / self.applications if self.applications else None

    @property
    def applications_per_opportunity(self) -> float | None:
        return self.applications / self.opportunities if self.opportunities else None


@dataclass
class NeedsOverview:
    period: Period
    totals: NeedsRow
    median_days_open: float | None
    by_target_group: list[NeedsRow] = field(default_factory=list)
    by_activity_area: list[NeedsRow] = field(default_factory=list)
    by_area: list[NeedsRow] = field(default_factory=list)
    by_association: list[NeedsRow] | None = None  # only for the staff's version

    @property
    def applications_per_opportunity(self) -> float | None:
        return self.totals.applications_per_opportunity

    @property
    def fill_rate(self) -> float | None:
        return self.totals.fill_rate


def opportunities_in_period(tenant: Tenant, period: Period) -> QuerySet[Opportunity]:
    first, after = period.bounds()
    return Opportunity.objects.filter(tenant=tenant, published_at__isnull=False, published_at__lt=after).filter(
        ~Q(status=OpportunityStatus.DRAFT), Q(closed_at__isnull=True) | Q(closed_at__gte=first)
    )


def _applications(ref: str, **filters) -> Coalesce:
    """The number of confirmed applications of the opportunity whose id is at `ref` in the outer query."""
    counted = (
        Application.objects.filter(opportunity=OuterRef(ref), email_confirmed_at__isnull=False, **filters)
        .order_by()
        .values("opportunity")
        .annotate(number=Count("pk"))
        .values("number")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def place_measures(prefix: str, ref: str) -> dict:
    """The aggregates of one table row; `prefix` leads from the grouped model to the opportunity, `ref` is the
    opportunity's id seen from there."""
    started = _applications(ref, status=ApplicationStatus.STARTED)
    missing = Greatest(F(f"{prefix}volunteers_needed") - started, Value(0), output_field=IntegerField())

    def places_when(condition: Q):
        return Sum(Case(When(condition, then=missing), default=Value(0), output_field=IntegerField()))

    return {
        "opportunities": Count(ref, distinct=True),
        "open_places": places_when(Q(**{f"{prefix}status": OpportunityStatus.PUBLISHED})),
        "unfilled_places": places_when(Q(**{f"{prefix}status__in": ENDED_UNFILLED})),
        "applications": Sum(_applications(ref)),
        "started": Sum(started),
    }


MEASURES = ("opportunities", "open_places", "unfilled_places", "applications", "started")


def _row(label: str, values: dict) -> NeedsRow:
    return NeedsRow(label=label, **{name: values.get(name) or 0 for name in MEASURES})


def _tag_label(values: dict) -> str:
    english = (get_language() or "da").startswith("en")
    return (values["tag__label_en"] if english and values["tag__label_en"] else values["tag__label_da"]) or ""


def _by_tags(opportunities: QuerySet[Opportunity], field_name: str) -> list[NeedsRow]:
    through = getattr(Opportunity, field_name).through
    rows = (
        through.objects.filter(opportunity__in=opportunities.values("pk"))
        .values("tag_id", "tag__label_da", "tag__label_en")
        .annotate(**place_measures("opportunity__", "opportunity_id"))
        .order_by("-open_places", "tag__label_da", "tag_id")
    )
    return [_row(_tag_label(values), values) for values in rows]


def _by_area(opportunities: QuerySet[Opportunity]) -> list[NeedsRow]:
    area = Case(When(is_remote=True, then=Value("")), default=F("postcode"), output_field=CharField())
    rows = (
        opportunities.annotate(area=area)
        .values("area")
        .annotate(town=Max("town"), **place_measures("", "pk"))
        .order_by("-open_places", "area")
    )
    return [
        _row(
            f"{values['area']} {values['town'] or ''}".strip() if values["area"] else _("From home, or no place given"),
            values,
        )
        for values in rows
    ]


def _by_association(opportunities: QuerySet[Opportunity]) -> list[NeedsRow]:
    rows = (
        opportunities.values("organisation_id", "organisation__name")
        .annotate(**place_measures("", "pk"))
        .order_by("-open_places", "organisation__name", "organisation_id")
    )
    return [_row(values["organisation__name"], values) for values in rows]


def _median_days_open(opportunities: QuerySet[Opportunity], today: date) -> float | None:
    days = []
    for status, published_at, closed_at, updated_at in opportunities.values_list(
        "status", "published_at", "closed_at", "updated_at"
    ):
        ended = today if status == OpportunityStatus.PUBLISHED else timezone.localdate(closed_at or updated_at)
        days.append(max((ended - timezone.localdate(published_at)).days, 0))
    return statistics.median(days) if days else None


def needs_overview(tenant: Tenant, period: Period, *, today: date, with_associations: bool) -> NeedsOverview:
    opportunities = opportunities_in_period(tenant, period)
    totals = opportunities.aggregate(**place_measures("", "pk"))
    return NeedsOverview(
        period=period,
        totals=_row("", totals),
        median_days_open=_median_days_open(opportunities, today),
        by_target_group=_by_tags(opportunities, "target_groups"),
        by_activity_area=_by_tags(opportunities, "activity_areas"),
        by_area=_by_area(opportunities),
        by_association=_by_association(opportunities) if with_associations else None,
    )
