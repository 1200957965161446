"""Reads for a survey's results, cross-tabulation, exports and report, and the selectors the strategy's
indicators call.

Every figure is aggregated by the database (Count/Avg/Min/Max grouped by question and choice): a page costs the same
number of queries whatever the number of responses, and no Python loop walks the answers (except the raw export,
which is one row per response by nature, and the free texts, which are listed and capped on the page).

Strategy selectors (issue 13 "For the strategy issue"; the strategy app's indicators call these):
- `submitted_count(survey=...)` or `submitted_count(tenant=..., kind=..., closing_from=..., closing_to=...)`:
  the number of submitted responses to one survey, or to all surveys of a kind closing in a period.
- `organisations_meeting(question=..., at_least=N | yes=True/False | choice=...)`: the number of distinct
  organisations whose answer to the question meets the condition. Named surveys only: for an anonymous survey it
  returns None (the answer would count identifiable respondents, and a small count would name them).
- `scale_mean(questions=...)`: the mean of the answers to one or more scale questions ("don't know" left out),
  None when nobody answered. Questions are passed in, not matched by their text: a year's survey is usually a copy
  of last year's, and the indicator names the questions it follows (`scale_questions(...)` finds the scale
  questions of all surveys of a kind closing in a period whose text is the given one, for an indicator that wants
  exactly that).
- `surveys_dated_in(tenant, starts_on=..., ends_on=...)`: the surveys a period's indicators read (by the survey's
  date, since responses carry no time), and `organisations_meeting_list(...)`: the organisations counted, by name.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import (
    Avg,
    Case,
    Count,
    F,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
    Window,
)
from django.db.models.functions import Coalesce, RowNumber
from django.utils import timezone

from frivillig.crm.enums import OrganisationKind
from frivillig.crm.models import Organisation, Tag
from frivillig.surveys.enums import NO, YES, QuestionKind, SurveyStatus
from frivillig.surveys.models import (
    Answer,
    Choice,
    Invitation,
    Question,
    Response,
    ResponseTally,
    Survey,
    survey_ended_at,
)
from frivillig.surveys.results import TEXT_KINDS, Figures, options_of, shown_percent

# Free texts listed per question on the results page; the report and the exports have them all.
TEXTS_ON_PAGE = 20
# The pseudo-question "the respondent organisation's kind" in a cross-tabulation (named surveys).
ORGANISATION_KIND = "kind"


@dataclass(frozen=True)
class ResultFilter:
    """Which responses the results are about: all, or those of an organisation kind, of a tag's organisations,
    or of those who gave an answer (`answer` is "<question id>:<choice id | yes | no>")."""

    kind: str = ""
    tag: int | None = None
    answer: str = ""

    @property
    def active(self) -> bool:
        return bool(self.kind or self.tag or self.answer)


def submitted_responses(survey: Survey) -> QuerySet[Response]:
    return Response.objects.filter(survey=survey, submitted=True)


def filtered_responses(survey: Survey, criteria: ResultFilter) -> QuerySet[Response]:
    responses = submitted_responses(survey)
    if criteria.kind and not survey.is_anonymous:
        responses = responses.filter(organisation__kind=criteria.kind)
    if criteria.tag and not survey.is_anonymous:
        responses = responses.filter(
            Q(organisation__target_groups=criteria.tag) | Q(organisation__activity_areas=criteria.tag)
        ).distinct()
    if criteria.answer:
        question_pk, _, value = criteria.answer.partition(":")
        if not question_pk.isdigit():
            return responses.none()
        answers = Answer.objects.filter(question_id=int(question_pk), question__section__survey=survey)
        if value == YES:
            answers = answers.filter(number=1)
        elif value == NO:
            answers = answers.filter(number=0)
        elif value.isdigit():
            answers = answers.filter(choice_id=int(value))
        else:
            return responses.none()
        responses = responses.filter(pk__in=answers.values("response_id"))
    return responses


def result_questions(survey: Survey) -> list[Question]:
    """The survey's questions in the respondents' order, each with its options: two queries. The options are read
    in one query and handed out by hand (results.options_of finds them): prefetch_related would build a queryset
    for every question."""
    questions = list(
        Question.objects.filter(section__survey=survey).order_by("section__position", "section__pk", "position", "pk")
    )
    options: dict[int, list[Choice]] = {question.pk: [] for question in questions}
    for choice in Choice.objects.filter(question__in=list(options)).order_by("question", "position", "pk"):
        options[choice.question_id].append(choice)
    for question in questions:
        question.option_list = options[question.pk]  # type: ignore[attr-defined]
    return questions


def answered_counts(questions: list[Question], responses: QuerySet[Response]) -> dict[int, int]:
    """How many of `responses` answered each question: one query."""
    rows = (
        Answer.objects.filter(question__in=[question.pk for question in questions], response__in=responses)
        .values("question")
        .annotate(n=Count("response", distinct=True))
        .order_by()
    )
    return {row["question"]: row["n"] for row in rows}


def response_counts(survey: Survey) -> tuple[int, int]:
    """The survey's submitted responses, and those not submitted: one query."""
    counted = Response.objects.filter(survey=survey).aggregate(
        done=Count("pk", filter=Q(submitted=True)), not_done=Count("pk", filter=Q(submitted=False))
    )
    return counted["done"], counted["not_done"]


def question_figures(
    questions: list[Question], responses: QuerySet[Response] | None, *, texts_per_question: int | None = TEXTS_ON_PAGE
) -> dict[int, Figures]:
    """The aggregated answers of each question within `responses`: at most four queries whatever their number
    (fewer when the survey has no question of a kind). `responses` None means every answer to the questions: the
    caller knows that all of the survey's responses are submitted and wants them all, and the answers are then
    read without looking at their responses.

    One pass groups the answers by question, option, number and "don't know" (a number question's answers by
    question only, its statistics aggregated within the group); the options chosen, the scale points, the number
    statistics, the texts' count and who answered (except for multiple choice) all come from its rows, whose
    number depends on the questions' options and scales, not on the responses."""
    figures = {question.pk: Figures() for question in questions}
    kinds = {question.pk: question.kind for question in questions}

    def of_kind(*wanted) -> list[int]:
        return [pk for pk, kind in kinds.items() if kind in wanted]

    answers = Answer.objects.filter(question__in=list(figures))
    if responses is not None:
        answers = answers.filter(response__in=responses)
    multiple = of_kind(QuestionKind.MULTIPLE_CHOICE)
    numbers = of_kind(QuestionKind.NUMBER)
    texts_kinds = of_kind(*TEXT_KINDS)
    chosen = of_kind(QuestionKind.ORGANISATION)

    # Who answered a multiple-choice question (a row per option chosen): its responses counted distinctly.
    if multiple:
        for row in (
            answers.filter(question__in=multiple)
            .values("question")
            .annotate(n=Count("response", distinct=True))
            .order_by()
        ):
            figures[row["question"]].answered = row["n"]

    # The one pass. A number question's numbers are not a key (they would make a row per value): its group holds
    # its count, sum, smallest and largest.
    point = Case(When(question__in=numbers + texts_kinds + chosen, then=Value(None)), default=F("number"))
    grouped = (
        answers.values("question", "choice", "dont_know")
        .annotate(
            point=point,
            n=Count("id"),
            texts=Count("id", filter=~Q(text="")),
            numbers=Count("number"),
            total=Sum("number"),
            low=Min("number"),
            high=Max("number"),
        )
        .values("question", "choice", "point", "dont_know", "n", "texts", "numbers", "total", "low", "high")
        .order_by()
    )
    total_texts: dict[int, int] = {}
    scale_sums: dict[int, list[int]] = {}
    for row in grouped:
        question_pk, n = row["question"], row["n"]
        kind = kinds[question_pk]
        item = figures[question_pk]
        if kind in TEXT_KINDS:
            total_texts[question_pk] = total_texts.get(question_pk, 0) + row["texts"]
            item.answered += row["texts"]
        elif kind == QuestionKind.NUMBER:
            if not row["dont_know"] and row["numbers"]:
                item.number_count += row["numbers"]
                item.answered += row["numbers"]
                item.mean = row["total"] / row["numbers"]
                item.minimum, item.maximum = row["low"], row["high"]
        elif kind == QuestionKind.ORGANISATION:
            item.answered += n
        else:
            if kind != QuestionKind.MULTIPLE_CHOICE:
                item.answered += n
            if row["dont_know"]:
                item.dont_know += n
            elif row["choice"] is not None:
                item.counts[row["choice"]] = item.counts.get(row["choice"], 0) + n
            elif kind == QuestionKind.MULTIPLE_CHOICE:
                item.counts["other"] = item.counts.get("other", 0) + n
                total_texts[question_pk] = total_texts.get(question_pk, 0) + row["texts"]
            elif row["point"] is not None:
                item.counts[row["point"]] = item.counts.get(row["point"], 0) + n
                if kind == QuestionKind.SCALE:
                    sums = scale_sums.setdefault(question_pk, [0, 0])
                    sums[0] += row["point"] * n
                    sums[1] += n
                    item.number_count += n
                    item.minimum = row["point"] if item.minimum is None else min(item.minimum, row["point"])
                    item.maximum = row["point"] if item.maximum is None else max(item.maximum, row["point"])
    for question_pk, (summed, counted) in scale_sums.items():
        figures[question_pk].mean = summed / counted if counted else None

    # The associations chosen, by name.
    if chosen:
        for row in (
            answers.filter(question__in=chosen)
            .values("question", "organisation__name")
            .annotate(n=Count("id"))
            .order_by()
        ):
            item = figures[row["question"]]
            name = row["organisation__name"] or ""
            item.counts[name] = item.counts.get(name, 0) + row["n"]

    # Free texts, and the "other, namely …" texts of multiple choice; on the page only the first ones of each.
    if texts_kinds or multiple:
        texts = answers.filter(Q(question__in=texts_kinds) | Q(question__in=multiple, choice=None)).exclude(text="")
        listed: QuerySet[Any, Any] = texts.values("question", "text", "response__organisation__name")
        if texts_per_question is not None:
            listed = listed.annotate(
                rank=Window(RowNumber(), partition_by=[F("question")], order_by=[F("id").asc()])
            ).filter(rank__lte=texts_per_question)
        for row in listed.order_by("question", "id"):
            figures[row["question"]].texts.append((row["text"], row["response__organisation__name"] or ""))
    for question_pk, total in total_texts.items():
        figures[question_pk].more_texts = max(total - len(figures[question_pk].texts), 0)
    return figures


@dataclass(frozen=True)
class ResponseRate:
    invited: int
    answered_invitations: int
    responses: int
    by_open_link: int

    @property
    def rate(self) -> float | None:
        return round(100.0 * self.answered_invitations / self.invited, 1) if self.invited else None

    @property
    def shown_rate(self) -> str:
        return shown_percent(self.rate)


def response_rate(survey: Survey, *, responses: int | None = None) -> ResponseRate:
    """Invitations sent and answered, and the responses in all (those beyond the answered invitations came by the
    open link). Two queries, or one when the number of submitted responses is given."""
    invited = Invitation.objects.filter(survey=survey).aggregate(
        sent=Count("pk", filter=Q(sent_at__isnull=False)), answered=Count("pk", filter=Q(responded=True))
    )
    if responses is None:
        responses = submitted_responses(survey).count()
    return ResponseRate(
        invited=invited["sent"],
        answered_invitations=invited["answered"],
        responses=responses,
        by_open_link=max(responses - invited["answered"], 0),
    )


def daily_tallies(survey: Survey) -> list[tuple]:
    return list(ResponseTally.objects.filter(survey=survey).order_by("day").values_list("day", "count"))


def filter_tags(tenant) -> list[Tag]:
    return list(Tag.objects.filter(tenant=tenant, is_active=True).order_by("vocabulary", "position", "label_da"))


# --- cross-tabulation -----------------------------------------------------------------------------------------

CROSSTAB_KINDS = (QuestionKind.SINGLE_CHOICE, QuestionKind.YES_NO, QuestionKind.SCALE)
# The value of "don't know" in a cross-tabulation's scale dimension.
DONT_KNOW_VALUE = -1


def _dimension(question: Question | None):
    """The expression giving each response's value in a dimension: its answer to a question, or (None) the kind
    of its organisation."""
    if question is None:
        return F("organisation__kind")
    answers = Answer.objects.filter(response=OuterRef("pk"), question=question)
    if question.kind == QuestionKind.SINGLE_CHOICE:
        return Subquery(answers.values("choice_id")[:1], output_field=IntegerField())
    value = Subquery(
        answers.annotate(value=Coalesce("number", Value(DONT_KNOW_VALUE), output_field=IntegerField())).values("value")[
            :1
        ],
        output_field=IntegerField(),
    )
    return value


def crosstab_counts(responses: QuerySet[Response], rows: Question | None, columns: Question | None) -> dict:
    """{(row value, column value): count} over the responses that answered both: one query."""
    counted = (
        responses.annotate(row_value=_dimension(rows), column_value=_dimension(columns))
        .filter(row_value__isnull=False, column_value__isnull=False)
        .values("row_value", "column_value")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {(row["row_value"], row["column_value"]): row["n"] for row in counted}


def dimension_values(question: Question | None) -> list[tuple]:
    """(value, label) of a dimension, in its order."""
    from django.utils.translation import gettext as _

    if question is None:
        return list(OrganisationKind.choices)
    if question.kind == QuestionKind.SINGLE_CHOICE:
        return [(choice.pk, choice.label) for choice in options_of(question)]
    if question.kind == QuestionKind.YES_NO:
        return [(1, _("Yes")), (0, _("No"))]
    values = [(point, str(point)) for point in range(1, (question.scale_points or 5) + 1)]
    if question.allow_dont_know:
        values.append((DONT_KNOW_VALUE, _("Don't know")))
    return values


# --- exports --------------------------------------------------------------------------------------------------


def export_rows(survey: Survey) -> tuple[list[Response], dict]:
    """The submitted responses (with organisation and person) and their answers by response: two queries."""
    responses = list(submitted_responses(survey).select_related("organisation", "person"))
    answers: dict = {}
    for answer in (
        Answer.objects.filter(response__survey=survey, response__submitted=True)
        .select_related("organisation")
        .only("response_id", "question_id", "choice_id", "number", "dont_know", "text", "organisation__name")
    ):
        answers.setdefault(answer.response_id, []).append(answer)
    return responses, answers


# --- for the strategy's indicators -----------------------------------------------------------------------------


def surveys_closing(tenant, *, kind: str, closing_from: datetime, closing_to: datetime) -> QuerySet[Survey]:
    """The tenant's surveys of a kind that close within [closing_from, closing_to): by their closing time, or when
    the centre closed them by hand if that came first."""
    return (
        Survey.objects.filter(tenant=tenant, kind=kind)
        .exclude(status=SurveyStatus.DRAFT)
        .alias(ended_at=survey_ended_at())
        .filter(ended_at__gte=closing_from, ended_at__lt=closing_to)
    )


def submitted_count(
    *,
    survey: Survey | None = None,
    tenant=None,
    kind: str = "",
    closing_from: datetime | None = None,
    closing_to: datetime | None = None,
) -> int:
    """The number of submitted responses to one survey, or to the tenant's surveys of `kind` closing in a period."""
    if survey is not None:
        return submitted_responses(survey).count()
    if closing_from is None or closing_to is None:
        raise ValueError("submitted_count: give a survey, or the period in which the surveys close")
    surveys = surveys_closing(tenant, kind=kind, closing_from=closing_from, closing_to=closing_to)
    return Response.objects.filter(survey__in=surveys, submitted=True).count()


def organisations_meeting(
    *, question: Question, at_least: int | None = None, yes: bool | None = None, choice: Choice | None = None
) -> int | None:
    """The number of distinct organisations whose submitted answer to `question` meets the one condition given:
    a scale point of at least `at_least`, yes (`yes=True`) or no (`yes=False`), or the option `choice`. None for an
    anonymous survey. The organisation is the response's (the association the respondent answered for)."""
    survey = question.section.survey
    if survey.is_anonymous:
        return None
    answers = _answers_meeting(question=question, at_least=at_least, yes=yes, choice=choice)
    return answers.aggregate(n=Count("response__organisation", distinct=True))["n"]


def _answers_meeting(
    *, question: Question, at_least: int | None, yes: bool | None, choice: Choice | None
) -> QuerySet[Answer]:
    answers = Answer.objects.filter(question=question, response__submitted=True, response__organisation__isnull=False)
    if at_least is not None:
        return answers.filter(number__gte=at_least, dont_know=False)
    if yes is not None:
        return answers.filter(number=1 if yes else 0)
    if choice is not None:
        return answers.filter(choice=choice)
    raise ValueError("Give one condition: at_least, yes or choice.")


def organisations_meeting_list(
    *, question: Question, at_least: int | None = None, yes: bool | None = None, choice: Choice | None = None
) -> list[Organisation] | None:
    """The organisations `organisations_meeting` counts, by name; None for an anonymous survey."""
    if question.section.survey.is_anonymous:
        return None
    answers = _answers_meeting(question=question, at_least=at_least, yes=yes, choice=choice)
    return list(Organisation.objects.filter(pk__in=answers.values("response__organisation")).order_by("name", "pk"))


def surveys_dated_in(tenant, *, starts_on: date, ends_on: date) -> QuerySet[Survey]:
    """The tenant's surveys (drafts left out) whose date falls in the period (Danish dates, both days included).

    A response carries no time (an anonymous one must not: issue 13), so the responses belong to their survey's
    date: its closing time, or its opening time when it has none, or the day it was made when it has neither.
    Each survey is annotated with that moment as `dated_at`."""
    zone = timezone.get_default_timezone()
    start = datetime.combine(starts_on, time.min, tzinfo=zone)
    end = datetime.combine(ends_on + timedelta(days=1), time.min, tzinfo=zone)
    return (
        Survey.objects.filter(tenant=tenant)
        .exclude(status=SurveyStatus.DRAFT)
        .annotate(dated_at=Coalesce("closes_at", "opens_at", "created_at"))
        .filter(dated_at__gte=start, dated_at__lt=end)
    )


def scale_questions(tenant, *, text: str, kind: str, closing_from: datetime, closing_to: datetime) -> list[Question]:
    """The scale questions worded `text` in the tenant's surveys of `kind` closing in the period."""
    surveys = surveys_closing(tenant, kind=kind, closing_from=closing_from, closing_to=closing_to)
    return list(Question.objects.filter(section__survey__in=surveys, kind=QuestionKind.SCALE, text=text))


def scale_mean(*, questions) -> float | None:
    """The mean answer to the scale question(s), over submitted responses, "don't know" left out."""
    return Answer.objects.filter(
        question__in=list(questions),
        question__kind=QuestionKind.SCALE,
        response__submitted=True,
        dont_know=False,
        number__isnull=False,
    ).aggregate(mean=Avg("number"))["mean"]


# --- the headline figures (another page's summary of a survey) ---------------------------------------------------


@dataclass(frozen=True)
class Headline:
    """One closed question's result in a line: its text, how many answered it and the figure to read."""

    question: str
    answered: int
    figure: str


@dataclass(frozen=True)
class Headlines:
    """A survey's results in brief: the submitted responses, whether they are too few to show (an anonymous
    survey's rule), and a line for each question whose answers can be summed up in one figure."""

    responses: int
    hidden: bool
    minimum: int
    lines: list[Headline]


def _headline_figure(question: Question, figures: Figures) -> str | None:
    from django.utils.translation import gettext as _

    from frivillig.surveys.results import percent, shown_number

    kind = question.kind
    if kind == QuestionKind.SCALE and figures.mean is not None:
        return _("average %(mean)s on a scale from 1 to %(points)s") % {
            "mean": shown_number(figures.mean),
            "points": question.scale_points or 5,
        }
    if kind == QuestionKind.YES_NO:
        return _("yes: %(share)s") % {"share": shown_percent(percent(figures.counts.get(1, 0), figures.answered))}
    if kind == QuestionKind.NUMBER and figures.mean is not None:
        unit = f" {question.number_unit}" if question.number_unit else ""
        return _("average %(mean)s") % {"mean": shown_number(figures.mean) + unit}
    if kind in (QuestionKind.SINGLE_CHOICE, QuestionKind.MULTIPLE_CHOICE):
        counted = [(figures.counts.get(choice.pk, 0), choice.label) for choice in options_of(question)]
        count, label = max(counted, key=lambda pair: pair[0], default=(0, ""))
        if count:
            return _("most chosen: “%(label)s” (%(share)s)") % {
                "label": label,
                "share": shown_percent(percent(count, figures.answered)),
            }
    return None


def survey_headlines(survey: Survey) -> Headlines:
    """The figure of each closed or number question, with the anonymity rule applied to the whole and to each
    question (as the results page does); free texts and organisations are left to the results page. A handful of
    queries whatever the number of responses."""
    from frivillig.surveys.results import group_hidden

    total, _not_submitted = response_counts(survey)
    hidden = group_hidden(survey, total)
    lines: list[Headline] = []
    if total and not hidden:
        questions = [question for question in result_questions(survey) if question.kind not in TEXT_KINDS]
        figures = question_figures(questions, submitted_responses(survey), texts_per_question=0)
        for question in questions:
            counted = figures[question.pk]
            if not counted.answered or group_hidden(survey, counted.answered, whole=total):
                continue
            figure = _headline_figure(question, counted)
            if figure:
                lines.append(Headline(question=question.text, answered=counted.answered, figure=figure))
    return Headlines(responses=total, hidden=hidden, minimum=survey.minimum_group_size, lines=lines)
