"""What the needs overview's export holds: one row per line of each of its tables, the columns once (core.exports
turns them into XLSX or CSV)."""

from collections.abc import Iterator
from typing import Any, NamedTuple

from django.utils.translation import gettext_lazy as _

from frivillig.core.exports import Column
from frivillig.volunteering.selectors.needs import NeedsOverview


class NeedsLine(NamedTuple):
    table: str
    row: Any
    median_days_open: float | None


def needs_lines(overview: NeedsOverview) -> Iterator[NeedsLine]:
    """The overview's tables one after the other; the median time open is known only for the total."""
    tables = [
        (_("Total"), [overview.totals]),
        (_("Target group"), overview.by_target_group),
        (_("Activity area"), overview.by_activity_area),
        (_("Association"), overview.by_association or []),
        (_("Area"), overview.by_area),
    ]
    for table, rows in tables:
        for row in rows:
            yield NeedsLine(str(table), row, overview.median_days_open if row is overview.totals else None)


def _per_opportunity(line: NeedsLine) -> float | None:
    value = line.row.applications_per_opportunity
    return round(value, 1) if value is not None else None


def _fill_rate_percent(line: NeedsLine) -> int | None:
    return round(line.row.fill_rate * 100) if line.row.fill_rate is not None else None


NEEDS = (
    Column(_("Table"), lambda line: line.table),
    Column(_("Name"), lambda line: line.row.label or line.table),
    Column(_("Opportunities"), lambda line: line.row.opportunities),
    Column(_("Volunteers still wanted"), lambda line: line.row.open_places),
    Column(_("Places never filled"), lambda line: line.row.unfilled_places),
    Column(_("Applications"), lambda line: line.row.applications),
    Column(_("Became volunteers"), lambda line: line.row.started),
    Column(_("Applications per opportunity"), _per_opportunity),
    Column(_("Fill rate (%)"), _fill_rate_percent),
    Column(_("Median days open"), lambda line: line.median_days_open),
)
