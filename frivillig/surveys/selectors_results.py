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
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Avg, Count, F, IntegerField, Max, Min, OuterRef, Q, QuerySet, Subquery, Value, Window
from django.db.models.functions import Coalesce, RowNumber

from frivillig.crm.enums import OrganisationKind
from frivillig.crm.models import Tag
from frivillig.surveys.enums import NO, YES, QuestionKind, SurveyStatus
from frivillig.surveys.models import Answer, Choice, Invitation, Question, Response, ResponseTally, Survey
from frivillig.surveys.results import TEXT_KINDS, Figures, options_of

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
    """The survey's questions in the respondents' order, each with its options: two queries."""
    questions = (
        Question.objects.filter(section__survey=survey)
        .prefetch_related("choices")
        .order_by("section__position", "section__pk", "position", "pk")
    )
    questions = list(questions)
    for question in questions:
        options_of(question)
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


def question_figures(
    questions: list[Question], responses: QuerySet[Response], *, texts_per_question: int | None = TEXTS_ON_PAGE
) -> dict[int, Figures]:
    """The aggregated answers of each question within `responses`: six queries whatever their number."""
    figures = {question.pk: Figures() for question in questions}
    kinds = {question.pk: question.kind for question in questions}
    answers = Answer.objects.filter(question__in=list(figures), response__in=responses)

    # Who answered: a response has one answer row per question, except for multiple choice (a row per option
    # chosen), whose respondents are counted distinctly here; the other questions' numbers are the sums of their
    # rows counted below (a distinct count over every answer would sort them all).
    multiple = answers.filter(question__kind=QuestionKind.MULTIPLE_CHOICE)
    for row in multiple.values("question").annotate(n=Count("response", distinct=True)).order_by():
        figures[row["question"]].answered = row["n"]
    counted_rows: dict[int, int] = {}

    # Options chosen (single and multiple choice), "other" texts, yes/no and scale points, "don't know".
    closed = answers.filter(
        question__kind__in=[
            QuestionKind.SINGLE_CHOICE,
            QuestionKind.MULTIPLE_CHOICE,
            QuestionKind.YES_NO,
            QuestionKind.SCALE,
        ]
    )
    for row in closed.values("question", "choice", "number", "dont_know").annotate(n=Count("id")).order_by():
        item = figures[row["question"]]
        counted_rows[row["question"]] = counted_rows.get(row["question"], 0) + row["n"]
        if row["dont_know"]:
            item.dont_know += row["n"]
        elif row["choice"] is not None:
            item.counts[row["choice"]] = item.counts.get(row["choice"], 0) + row["n"]
        elif kinds[row["question"]] == QuestionKind.MULTIPLE_CHOICE:
            item.counts["other"] = item.counts.get("other", 0) + row["n"]
        elif row["number"] is not None:
            item.counts[row["number"]] = item.counts.get(row["number"], 0) + row["n"]

    numeric = answers.filter(
        question__kind__in=[QuestionKind.NUMBER, QuestionKind.SCALE], dont_know=False, number__isnull=False
    )
    for row in (
        numeric.values("question")
        .annotate(n=Count("id"), mean=Avg("number"), low=Min("number"), high=Max("number"))
        .order_by()
    ):
        item = figures[row["question"]]
        item.number_count, item.mean, item.minimum, item.maximum = row["n"], row["mean"], row["low"], row["high"]
        if kinds[row["question"]] == QuestionKind.NUMBER:
            counted_rows[row["question"]] = row["n"]

    chosen = answers.filter(question__kind=QuestionKind.ORGANISATION)
    for row in chosen.values("question", "organisation__name").annotate(n=Count("id")).order_by():
        item = figures[row["question"]]
        name = row["organisation__name"] or ""
        item.counts[name] = item.counts.get(name, 0) + row["n"]
        counted_rows[row["question"]] = counted_rows.get(row["question"], 0) + row["n"]

    # Free texts, and the "other, namely …" texts of multiple choice; on the page only the first ones of each.
    texts = answers.filter(
        Q(question__kind__in=list(TEXT_KINDS)) | Q(question__kind=QuestionKind.MULTIPLE_CHOICE, choice=None)
    ).exclude(text="")
    total_texts = {row["question"]: row["n"] for row in texts.values("question").annotate(n=Count("id")).order_by()}
    listed = texts.values("question", "text", "response__organisation__name")
    if texts_per_question is not None:
        listed = listed.annotate(
            rank=Window(RowNumber(), partition_by=[F("question")], order_by=[F("id").asc()])
        ).filter(rank__lte=texts_per_question)
    for row in listed.order_by("question", "id"):
        figures[row["question"]].texts.append((row["text"], row["response__organisation__name"] or ""))
    for question_pk, total in total_texts.items():
        figures[question_pk].more_texts = max(total - len(figures[question_pk].texts), 0)
        if kinds[question_pk] in TEXT_KINDS:
            counted_rows[question_pk] = total
    for question_pk, rows in counted_rows.items():
        if kinds[question_pk] != QuestionKind.MULTIPLE_CHOICE:
            figures[question_pk].answered = rows
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
    """The tenant's surveys of a kind that close within [closing_from, closing_to)."""
    return Survey.objects.filter(
        tenant=tenant, kind=kind, closes_at__gte=closing_from, closes_at__lt=closing_to
    ).exclude(status=SurveyStatus.DRAFT)


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
    answers = Answer.objects.filter(question=question, response__submitted=True, response__organisation__isnull=False)
    if at_least is not None:
        answers = answers.filter(number__gte=at_least, dont_know=False)
    elif yes is not None:
        answers = answers.filter(number=1 if yes else 0)
    elif choice is not None:
        answers = answers.filter(choice=choice)
    else:
        raise ValueError("Give one condition: at_least, yes or choice.")
    return answers.aggregate(n=Count("response__organisation", distinct=True))["n"]


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
