"""What a survey's results show, and what they hide: the anonymity rule and the figures per question.

The rule (issue 13, "Anonymity that holds") lives here once, in `group_hidden`, and the results page, the filters,
the cross-tabulation, the exports, the report and its PDF all ask it. A named survey hides nothing. An anonymous
survey shows a group's numbers only when the group has at least `survey.minimum_group_size` responses, and a group
cut out of a larger one (a filter, a row of a cross-tabulation) also only when the rest of the larger one has at
least that many, so that two views cannot be subtracted to reveal a small group. A group that is the whole (the
rest is empty) reveals nothing by subtraction and is shown.

Everything here is plain Python over figures the database has already aggregated (selectors_results)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from frivillig.core.charts import BarChart, BarRow, bar_chart
from frivillig.surveys.enums import QuestionKind
from frivillig.surveys.models import Question, Survey

TEXT_KINDS = frozenset({QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT})
# Questions whose answers can be counted into a chart and cross-tabulated.
CLOSED_KINDS = frozenset(
    {QuestionKind.SINGLE_CHOICE, QuestionKind.MULTIPLE_CHOICE, QuestionKind.YES_NO, QuestionKind.SCALE}
)


def options_of(question: Question) -> list:
    """The question's answer options, read once (selectors_results.result_questions keeps them on the question): a
    page of 40 questions would otherwise build a queryset for each look at them."""
    if "option_list" not in question.__dict__:
        question.option_list = list(question.choices.all())
    return question.option_list


def group_hidden(survey: Survey, size: int, *, whole: int | None = None) -> bool:
    """Whether a group of `size` responses must not be shown. `whole` is the group it was cut from (for the
    complement rule); None for the survey's responses as a whole."""
    if not survey.is_anonymous:
        return False
    minimum = survey.minimum_group_size
    if size < minimum:
        return True
    if whole is not None:
        rest = whole - size
        if 0 < rest < minimum:
            return True
    return False


def percent(part: int | float, whole: int | float) -> float | None:
    return round(100.0 * part / whole, 1) if whole else None


# Between a share and its per cent sign: a no-break space, so "48,0 %" never breaks apart on a narrow screen.
PERCENT_SUFFIX = "\u00a0%"


def shown_percent(value: float | None) -> str:
    """A share as every survey page, report and chart shows it: one decimal (a comma in Danish) and " %" joined
    to the number by a no-break space."""
    if value is None:
        return "–"
    number = f"{value:.1f}"
    return (number.replace(".", ",") if _decimal_comma() else number) + PERCENT_SUFFIX


def shown_number(value: float | None) -> str:
    if value is None:
        return "–"
    text = f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"
    return text.replace(".", ",") if _decimal_comma() else text


def _decimal_comma() -> bool:
    from django.utils.translation import get_language

    return (get_language() or "da").startswith("da")


@dataclass
class Figures:
    """The aggregated answers of one question within one group of responses (from selectors_results)."""

    answered: int = 0
    # choice id (or "other") / number / organisation name -> count
    counts: dict = field(default_factory=dict)
    dont_know: int = 0
    mean: float | None = None
    minimum: float | None = None
    maximum: float | None = None
    number_count: int = 0
    texts: list = field(default_factory=list)  # (text, organisation name or "")
    more_texts: int = 0


@dataclass
class QuestionResult:
    question: Question
    number: int
    answered: int
    hidden: bool
    chart: BarChart | None = None
    dont_know: int = 0
    stats: dict | None = None
    texts: list = field(default_factory=list)
    more_texts: int = 0

    @property
    def chart_id(self) -> str:
        return f"resultat-{self.question.pk}-graf"

    @property
    def is_text(self) -> bool:
        return self.question.kind in TEXT_KINDS


def _rows(question: Question, figures: Figures) -> list[BarRow]:
    answered = figures.answered
    kind = question.kind

    def row(label, count):
        return BarRow(str(label), count, f"{count} ({shown_percent(percent(count, answered))})")

    if kind in (QuestionKind.SINGLE_CHOICE, QuestionKind.MULTIPLE_CHOICE):
        rows = [row(choice.label, figures.counts.get(choice.pk, 0)) for choice in options_of(question)]
        if question.allow_other or figures.counts.get("other"):
            rows.append(row(_("Other"), figures.counts.get("other", 0)))
        return rows
    if kind == QuestionKind.YES_NO:
        return [row(_("Yes"), figures.counts.get(1, 0)), row(_("No"), figures.counts.get(0, 0))]
    if kind == QuestionKind.SCALE:
        points = question.scale_points or 5
        rows = []
        for point in range(1, points + 1):
            label = str(point)
            if point == 1 and question.scale_low_label:
                label = f"1 – {question.scale_low_label}"
            elif point == points and question.scale_high_label:
                label = f"{points} – {question.scale_high_label}"
            rows.append(row(label, figures.counts.get(point, 0)))
        if question.allow_dont_know:
            rows.append(row(_("Don't know"), figures.dont_know))
        return rows
    if kind == QuestionKind.ORGANISATION:
        ordered = sorted(figures.counts.items(), key=lambda item: (-item[1], str(item[0])))
        return [row(name or _("(no longer in the register)"), count) for name, count in ordered]
    return []


def question_result(
    survey: Survey, question: Question, figures: Figures, *, number: int, group: int, answered_by_all: int | None = None
) -> QuestionResult:
    """One question's results within a group of `group` responses. Hidden when the number who answered it is a
    group too small to show (the complement being those of the group who did not answer it). In a filtered group,
    `answered_by_all` is the number of all responses that answered it: hidden too when those outside the group who
    answered it are too few, since the unfiltered page minus this one would show their answers."""
    hidden = group_hidden(survey, figures.answered, whole=group)
    if answered_by_all is not None and not hidden:
        hidden = group_hidden(survey, figures.answered, whole=answered_by_all)
    result = QuestionResult(question=question, number=number, answered=figures.answered, hidden=hidden)
    if hidden:
        return result
    kind = question.kind
    if kind in TEXT_KINDS:
        result.texts = figures.texts
        result.more_texts = figures.more_texts
        return result
    if kind == QuestionKind.NUMBER:
        unit = f" {question.number_unit}" if question.number_unit else ""
        result.stats = {
            "count": figures.number_count,
            "mean": shown_number(figures.mean) + (unit if figures.mean is not None else ""),
            "minimum": shown_number(figures.minimum) + (unit if figures.minimum is not None else ""),
            "maximum": shown_number(figures.maximum) + (unit if figures.maximum is not None else ""),
        }
        return result
    if kind == QuestionKind.SCALE:
        result.stats = {"count": figures.number_count, "mean": shown_number(figures.mean)}
        result.dont_know = figures.dont_know
    if kind == QuestionKind.MULTIPLE_CHOICE:
        # The "other" texts are listed like free texts.
        result.texts = figures.texts
        result.more_texts = figures.more_texts
    caption = question.text
    heading = _("Share of respondents") if kind == QuestionKind.MULTIPLE_CHOICE else _("Answers (share)")
    result.chart = bar_chart(
        caption=caption,
        rows=_rows(question, figures),
        label_heading=_("Answer"),
        value_heading=heading,
        maximum=0,
        chart_id=result.chart_id,
    )
    return result
