"""What the national front page shows of volunteering: the figures and where volunteers are lacking nationally."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Max, Q
from django.utils.translation import get_language

from frivillig.core.scoping import unscoped
from frivillig.volunteering.models import Opportunity
from frivillig.volunteering.selectors.board import TAG_FILTERS, visible_opportunities
from frivillig.volunteering.selectors.needs import place_measures

SHORTAGES_SHOWN = 5


@dataclass(frozen=True)
class Shortage:
    """One word (a target group or an activity area) and the open places of the opportunities that carry it."""

    parameter: str  # the national board's filter parameter, e.g. "maalgruppe"
    key: str  # the word's key, the same in every tenant
    label: str
    open_places: int
    opportunities: int


def open_opportunity_count() -> int:
    return visible_opportunities(None).count()


def national_shortages(parameter: str, *, limit: int = SHORTAGES_SHOWN) -> list[Shortage]:
    """The words of one board filter (`maalgruppe`, `omraade`) whose published opportunities have the most open
    places across every active tenant, grouped by the word's key (tenants' own labels may differ a little; the
    Danish or English label shown is one of them)."""
    relation = TAG_FILTERS[parameter][0]
    through = getattr(Opportunity, relation).through
    with unscoped("the national front page sums the open places of the published opportunities of every active tenant"):
        rows = list(
            through.objects.filter(opportunity__in=visible_opportunities(None).values("pk"), tag__is_active=True)
            .values("tag__slug")
            .annotate(
                label_da=Max("tag__label_da"),
                label_en=Max("tag__label_en"),
                **place_measures("opportunity__", "opportunity_id"),
            )
            .filter(~Q(open_places=0))
            .order_by("-open_places", "tag__slug")[:limit]
        )
    english = (get_language() or "da").startswith("en")
    return [
        Shortage(
            parameter=parameter,
            key=row["tag__slug"],
            label=(row["label_en"] if english and row["label_en"] else row["label_da"]) or row["tag__slug"],
            open_places=row["open_places"] or 0,
            opportunities=row["opportunities"] or 0,
        )
        for row in rows
    ]
