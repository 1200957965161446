"""The one chart component: horizontal bars drawn as SVG by the server, for pages and PDFs alike.

A chart is never the only way to read its numbers: the template puts the data table beside it, and the table is
what assistive technology reads. No JavaScript and no style attributes (the strict CSP holds, and WeasyPrint draws
the same markup into a PDF). Bars and their value labels are placed in percentages of the chart's width, so the
chart fits any width down to 320 px without scaling its text; each bar's label and value share the line above it
(the label from the left, cut short if long; the value at the right end).

The whole component (the table and the drawing) is written here, not by a template: a results page shows forty
charts, and a template resolves each of their parts one by one. `chart_id` makes the ids unique on a page.

    chart = bar_chart(caption="Answers", rows=[BarRow("Ja", 12, "60 %"), BarRow("Nej", 8, "40 %")], chart_id="svar")
    {{ chart.html }}
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

from django.utils.html import conditional_escape, escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

# Where the longest bar ends, as a share of the width.
LONGEST_BAR = 100.0
# The vertical rhythm of one bar, in pixels: its label line, the bar, and the space below.
LABEL_HEIGHT = 18
BAR_HEIGHT = 16
ROW_GAP = 10
ROW_HEIGHT = LABEL_HEIGHT + BAR_HEIGHT + ROW_GAP
# DKFDS's text colour and its primary blue on a light track: contrast above 4.5:1 for the texts.
TEXT_COLOUR = "#1a1a1a"
BAR_COLOUR = "#0059b3"
TRACK_COLOUR = "#f0f0f0"
# Labels longer than this are cut in the drawing (the table beside it has them whole): with the value at the end of
# the same line, they fit 320 px.
LABEL_LENGTH = 32


@dataclass(frozen=True)
class BarRow:
    """One bar: its label, the value that sets its length, and the value as shown (e.g. "12 (60 %)")."""

    label: str
    value: float
    shown: str = ""


@dataclass(frozen=True)
class DrawnBar:
    name: str  # the whole label, for the table
    label: str  # as drawn
    shown: str
    width: float  # per cent of the chart's width
    label_y: int
    bar_y: int


@dataclass(frozen=True)
class BarChart:
    caption: str
    headings: tuple[str, str]
    rows: tuple[BarRow, ...]
    bars: tuple[DrawnBar, ...] = field(default=())
    height: int = 0
    chart_id: str = ""

    @cached_property
    def drawing(self) -> SafeString:
        """The bars' SVG elements, written here rather than by a template loop: a results page draws forty
        charts, and a template would resolve each of their hundreds of attributes one by one."""
        parts = []
        text = f'font-size="13" fill="{TEXT_COLOUR}"'
        track = f'width="{LONGEST_BAR:g}%" height="{BAR_HEIGHT}" fill="{TRACK_COLOUR}"'
        for bar in self.bars:
            parts += [
                f'<text x="0" y="{bar.label_y}" {text}>{escape(bar.label)}</text>',
                f'<rect x="0" y="{bar.bar_y}" {track}></rect>',
                f'<rect x="0" y="{bar.bar_y}" width="{bar.width:g}%" height="{BAR_HEIGHT}" fill="{BAR_COLOUR}"></rect>',
                f'<text x="100%" y="{bar.label_y}" text-anchor="end" {text}>{escape(bar.shown)}</text>',
            ]
        return mark_safe("".join(parts))  # noqa: S308 - every text in it is escaped above

    @cached_property
    def html(self) -> SafeString:
        """The chart and the same numbers as a table beside it. The drawing is a picture of the table: assistive
        technology reads the table (the SVG names itself and points to it)."""
        rows = format_html_join(
            "",
            '<tr><th scope="row">{}</th><td class="align-text-right">{}</td></tr>',
            ((bar.name, bar.shown) for bar in self.bars),
        )
        table = format_html(
            '<div class="table-wrapper">\n<table class="table table--compact" id="{}-tabel">\n<caption>{}</caption>\n'
            '<thead><tr><th scope="col">{}</th><th scope="col" class="align-text-right">{}</th></tr></thead>\n'
            "<tbody>{}</tbody>\n</table>\n</div>",
            self.chart_id,
            self.caption,
            self.headings[0] or _("Answer"),
            self.headings[1] or _("Count"),
            rows,
        )
        drawing = ""
        if self.bars:
            title = _("Bar chart: %(caption)s. The numbers are in the table.") % {
                "caption": conditional_escape(self.caption)
            }
            drawing = format_html(
                '\n<svg class="svg-bar-chart" width="100%" height="{}" role="img" aria-labelledby="{}-titel" '
                'xmlns="http://www.w3.org/2000/svg">\n<title id="{}-titel">{}</title>\n{}\n</svg>',
                self.height,
                self.chart_id,
                self.chart_id,
                mark_safe(title),  # noqa: S308 - the caption in it is escaped, the rest is the catalogue's
                self.drawing,
            )
        return format_html('<div class="chart-and-table">\n{}{}\n</div>', table, drawing)


def _cut(label: str) -> str:
    label = str(label)
    return label if len(label) <= LABEL_LENGTH else label[: LABEL_LENGTH - 1].rstrip() + "…"


def bar_chart(
    *,
    caption: str,
    rows: Sequence[BarRow],
    label_heading: str = "",
    value_heading: str = "",
    maximum: float = 0,
    chart_id: str = "",
) -> BarChart:
    """A chart of `rows` (in their order). `maximum` fixes the scale (100 for shares in per cent); by default the
    largest value fills the bar's room. `label_heading` and `value_heading` head the table's two columns; `chart_id`
    is the start of the ids of its table and drawing."""
    rows = tuple(rows)
    top = max([maximum, *(float(row.value) for row in rows)]) or 1.0
    bars = []
    for index, row in enumerate(rows):
        width = round(max(float(row.value), 0.0) / top * LONGEST_BAR, 2)
        y = index * ROW_HEIGHT
        bars.append(
            DrawnBar(
                name=str(row.label),
                label=_cut(row.label),
                shown=row.shown or _number(row.value),
                width=width,
                label_y=y + LABEL_HEIGHT - 5,
                bar_y=y + LABEL_HEIGHT,
            )
        )
    return BarChart(
        caption=caption,
        headings=(label_heading, value_heading),
        rows=rows,
        bars=tuple(bars),
        height=max(len(rows) * ROW_HEIGHT - ROW_GAP, 0),
        chart_id=chart_id,
    )


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


# A sparkline's drawing: small enough to sit in a table cell, wide enough to show a year of snapshots.
SPARKLINE_WIDTH = 120
SPARKLINE_HEIGHT = 28
SPARKLINE_MARGIN = 3


@dataclass(frozen=True)
class Sparkline:
    """A small line of a history, with its text alternative (`description`): the first and the latest value."""

    points: tuple[tuple[float, float], ...]
    description: str
    chart_id: str = ""

    @cached_property
    def html(self) -> SafeString:
        """The SVG, naming itself by its text alternative; a history of fewer than two values draws nothing and
        says so in words."""
        if len(self.points) < 2:
            return format_html('<span class="sparkline-text">{}</span>', self.description)
        line = " ".join(f"{x:g},{y:g}" for x, y in self.points)
        last_x, last_y = self.points[-1]
        return format_html(
            '<svg class="sparkline" width="{}" height="{}" viewBox="0 0 {} {}" role="img" aria-labelledby="{}-titel" '
            'xmlns="http://www.w3.org/2000/svg"><title id="{}-titel">{}</title>'
            '<polyline points="{}" fill="none" stroke="{}" stroke-width="2"></polyline>'
            '<circle cx="{}" cy="{}" r="2.5" fill="{}"></circle></svg>',
            SPARKLINE_WIDTH,
            SPARKLINE_HEIGHT,
            SPARKLINE_WIDTH,
            SPARKLINE_HEIGHT,
            self.chart_id,
            self.chart_id,
            self.description,
            line,
            BAR_COLOUR,
            f"{last_x:g}",
            f"{last_y:g}",
            BAR_COLOUR,
        )


def sparkline(*, values: Sequence[float | None], description: str, chart_id: str) -> Sparkline:
    """A line through `values` in their order (None: no value that day, left out), scaled to the drawing's height
    between the smallest and the largest value. `description` is what a screen reader reads instead, e.g. "From 2
    to 7 since 1 March"; `chart_id` makes its title's id unique on a page."""
    known = [(index, float(value)) for index, value in enumerate(values) if value is not None]
    points: list[tuple[float, float]] = []
    if len(known) >= 2:
        low = min(value for _index, value in known)
        high = max(value for _index, value in known)
        span = high - low
        last = max(len(values) - 1, 1)
        inner_width = SPARKLINE_WIDTH - 2 * SPARKLINE_MARGIN
        inner_height = SPARKLINE_HEIGHT - 2 * SPARKLINE_MARGIN
        for index, value in known:
            x = SPARKLINE_MARGIN + inner_width * index / last
            # A flat history is drawn along the middle; otherwise the largest value at the top.
            share = 0.5 if span == 0 else (value - low) / span
            y = SPARKLINE_MARGIN + inner_height * (1 - share)
            points.append((round(x, 1), round(y, 1)))
    return Sparkline(points=tuple(points), description=description, chart_id=chart_id)
