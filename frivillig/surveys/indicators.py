"""The surveys' indicators for the strategy's targets: responses to surveys, the organisations whose answer to a
question meets a condition, and the mean of a scale question.

The period. A response carries no time (an anonymous one must not: issue 13), so a survey's responses belong to the
survey's date: its closing time, or its opening time when it has none, or the day it was made when it has neither
(`selectors_results.surveys_dated_in`). Drafts count nowhere. A survey chosen for a target whose date falls outside
the period counts nothing there (and a level has no data).

Anonymity. An anonymous survey never names anyone: its records are the survey itself, never a response; it never
yields organisations (`surveys.organisations_meeting` has no data for it); and its mean is shown only as the results
page shows it, when the responses and the answers to the question are not too few (the survey's smallest group).

The condition of `surveys.organisations_meeting` is one string (the `value` parameter):
- "yes" or "no": the answer to a yes/no question;
- "at_least:<n>" (or just "<n>"): a point on the scale of at least n;
- "choice:<pk>": the option with that id was chosen (a single- or multiple-choice question's own option).
A condition that does not fit the question's kind gives no data.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from frivillig.core.indicators import CountedRecord, Indicator, Measurement, Param, ParamKind, Shape
from frivillig.surveys.enums import NO, YES, QuestionKind, SurveyKind
from frivillig.surveys.models import Answer, Choice, Question, Response, Survey
from frivillig.surveys.results import group_hidden
from frivillig.surveys.selectors_results import (
    organisations_meeting_list,
    scale_mean,
    submitted_count,
    surveys_dated_in,
)

# The kinds of question whose answer can meet a condition, and those a mean is taken of.
CONDITION_QUESTION_KINDS = (
    QuestionKind.SCALE,
    QuestionKind.YES_NO,
    QuestionKind.SINGLE_CHOICE,
    QuestionKind.MULTIPLE_CHOICE,
)
MEAN_QUESTION_KINDS = (QuestionKind.SCALE,)
# The most points a scale has (SCALE_POINTS): the "at least" conditions offered.
HIGHEST_POINT = 7
AT_LEAST = "at_least:"
CHOSEN = "choice:"
# A question's text in a choice's label is cut to this many characters.
QUESTION_SHOWN = 90


# --- choices --------------------------------------------------------------------------------------------------


def survey_choices(tenant) -> list[tuple[str, str]]:
    """The tenant's surveys, newest first (drafts too: a target may be set before its survey goes out)."""
    surveys = Survey.objects.filter(tenant=tenant).order_by("-created_at", "-pk").only("pk", "title")
    return [(str(survey.pk), survey.title) for survey in surveys]


def survey_kind_choices(tenant) -> list[tuple[str, str]]:
    return [(str(value), str(label)) for value, label in SurveyKind.choices]


def _questions(tenant, kinds, *, named_only: bool = False):
    questions = Question.objects.filter(tenant=tenant, kind__in=kinds).select_related("section__survey")
    if named_only:
        questions = questions.filter(section__survey__is_anonymous=False)
    return questions.order_by("-section__survey__created_at", "-section__survey__pk", "section__position", "position")


def _question_label(question: Question) -> str:
    text = Truncator(question.text).chars(QUESTION_SHOWN)
    return f"{question.section.survey.title} – {text}"


def condition_question_choices(tenant) -> list[tuple[str, str]]:
    """Scale, yes/no and choice questions of the surveys that name their respondents."""
    return [
        (str(question.pk), _question_label(question))
        for question in _questions(tenant, CONDITION_QUESTION_KINDS, named_only=True)
    ]


def scale_question_choices(tenant) -> list[tuple[str, str]]:
    return [(str(question.pk), _question_label(question)) for question in _questions(tenant, MEAN_QUESTION_KINDS)]


def condition_choices(tenant) -> list[tuple[str, str]]:
    """Yes, no, each point of a scale, and each option of the named surveys' choice questions."""
    choices = [(YES, _("Answered yes")), (NO, _("Answered no"))]
    choices += [
        (f"{AT_LEAST}{point}", _("At least %(point)s on the scale") % {"point": point})
        for point in range(1, HIGHEST_POINT + 1)
    ]
    options = (
        Choice.objects.filter(
            tenant=tenant,
            question__kind__in=(QuestionKind.SINGLE_CHOICE, QuestionKind.MULTIPLE_CHOICE),
            question__section__survey__is_anonymous=False,
        )
        .select_related("question__section__survey")
        .order_by(
            "-question__section__survey__created_at",
            "-question__section__survey__pk",
            "question__section__position",
            "question__position",
            "position",
            "pk",
        )
    )
    choices += [
        (
            f"{CHOSEN}{option.pk}",
            _("Chose “%(option)s” (%(question)s)")
            % {"option": option.label, "question": _question_label(option.question)},
        )
        for option in options
    ]
    return choices


# --- the measurements -----------------------------------------------------------------------------------------


def _results_url(tenant, survey_pk: int) -> str:
    return reverse("surveys:survey_results", kwargs={"tenant_slug": tenant.slug, "pk": survey_pk})


def _moments(surveys) -> list[date]:
    return sorted(timezone.localdate(survey.dated_at) for survey in surveys)


def _survey_record(tenant, survey: Survey, detail: str) -> CountedRecord:
    return CountedRecord(
        key=f"surveys.survey:{survey.pk}", label=survey.title, url=_results_url(tenant, survey.pk), detail=detail
    )


def _respondent(response: Response) -> str:
    if response.organisation is not None:
        return response.organisation.name
    if response.person is not None:
        return response.person.full_name
    return _("Response without a name")


def _response_record(tenant, response: Response, detail: str) -> CountedRecord:
    url = _results_url(tenant, response.survey_id)
    if response.organisation_id:
        url = reverse("crm:organisation_detail", kwargs={"tenant_slug": tenant.slug, "pk": response.organisation_id})
    return CountedRecord(key=f"surveys.response:{response.pk}", label=_respondent(response), url=url, detail=detail)


def _by_respondent(records: list[CountedRecord]) -> list[CountedRecord]:
    """By the respondent's name, those without one last (sorted here: the databases put NULL apart differently)."""
    unnamed = _("Response without a name")
    return sorted(records, key=lambda record: (record.label == unnamed, record.label.casefold(), record.key))


def _dated_question(tenant, pk: str | None, *, starts_on: date, ends_on: date, kinds) -> tuple[Question | None, list]:
    """The question chosen, when it is of one of `kinds` and its survey's date falls in the period; and the moments
    (the survey's date) either way it is in the period."""
    if not pk or not pk.isdigit():
        return None, []
    question = Question.objects.filter(tenant=tenant, pk=int(pk), kind__in=kinds).select_related("section").first()
    if question is None:
        return None, []
    survey = (
        surveys_dated_in(tenant, starts_on=starts_on, ends_on=ends_on).filter(pk=question.section.survey_id).first()
    )
    if survey is None:
        return None, []
    question.section.survey = survey
    return question, _moments([survey])


def measure_responses(
    *, tenant, starts_on: date, ends_on: date, survey=None, kind=None, records: bool = True
) -> Measurement:
    """The submitted responses to the surveys of the period (one survey, or those of a kind, or all). A named
    survey's records are its responses, by whom they are from; an anonymous survey's is the survey alone."""
    dated = surveys_dated_in(tenant, starts_on=starts_on, ends_on=ends_on)
    if survey:
        dated = dated.filter(pk=int(survey)) if survey.isdigit() else dated.none()
    if kind:
        dated = dated.filter(kind=kind)
    surveys = list(
        dated.annotate(submitted=Count("responses", filter=Q(responses__submitted=True))).order_by("dated_at", "pk")
    )
    value = Decimal(sum(item.submitted for item in surveys))
    if not records:
        return Measurement(value=value, moments=_moments(surveys))
    named = [item.pk for item in surveys if not item.is_anonymous]
    responses: dict[int, list[Response]] = {}
    if named:
        for response in (
            Response.objects.filter(tenant=tenant, survey__in=named, submitted=True)
            .select_related("organisation", "person")
            .order_by("pk")
        ):
            responses.setdefault(response.survey_id, []).append(response)
    listed = []
    for item in surveys:
        if item.is_anonymous:
            count = ngettext("%(count)s response", "%(count)s responses", item.submitted) % {"count": item.submitted}
            listed.append(_survey_record(tenant, item, _("Anonymous: %(count)s") % {"count": count}))
        else:
            listed += _by_respondent(
                [_response_record(tenant, response, item.title) for response in responses.get(item.pk, [])]
            )
    return Measurement(value=value, records=listed, moments=_moments(surveys))


def _condition(question: Question, value: str | None) -> dict | None:
    """The selector's condition from the stored string, or None when it does not fit the question."""
    value = (value or "").strip()
    if value in (YES, NO):
        return {"yes": value == YES} if question.kind == QuestionKind.YES_NO else None
    point = value.removeprefix(AT_LEAST)
    if point.isdigit():
        return {"at_least": int(point)} if question.kind == QuestionKind.SCALE else None
    if value.startswith(CHOSEN) and value.removeprefix(CHOSEN).isdigit():
        option = Choice.objects.filter(question=question, pk=int(value.removeprefix(CHOSEN))).first()
        return {"choice": option} if option is not None else None
    return None


def measure_organisations_meeting(*, tenant, starts_on: date, ends_on: date, question=None, value=None) -> Measurement:
    """The organisations whose answer meets the condition, each once; no data for an anonymous survey or a
    condition that does not fit the question."""
    found, moments = _dated_question(
        tenant, question, starts_on=starts_on, ends_on=ends_on, kinds=CONDITION_QUESTION_KINDS
    )
    if found is None:
        return Measurement(value=Decimal(0))
    condition = _condition(found, value)
    if condition is None or found.section.survey.is_anonymous:
        return Measurement(value=None, moments=moments)
    organisations = organisations_meeting_list(question=found, **condition) or []
    records = [
        CountedRecord(
            key=f"crm.organisation:{organisation.pk}",
            label=organisation.name,
            url=reverse("crm:organisation_detail", kwargs={"tenant_slug": tenant.slug, "pk": organisation.pk}),
            detail=found.section.survey.title,
        )
        for organisation in organisations
    ]
    return Measurement(value=Decimal(len(records)), records=records, moments=moments)


def measure_scale_mean(*, tenant, starts_on: date, ends_on: date, question=None, records: bool = True) -> Measurement:
    """The mean of the answers ("don't know" left out), to two decimals; no data without answers, and for an
    anonymous survey when the responses or the answers are fewer than its smallest group."""
    found, moments = _dated_question(tenant, question, starts_on=starts_on, ends_on=ends_on, kinds=MEAN_QUESTION_KINDS)
    if found is None:
        return Measurement(value=None)
    survey = found.section.survey
    mean = scale_mean(questions=[found])
    points = found.scale_points or 5
    if survey.is_anonymous:
        total = submitted_count(survey=survey)
        answered = Answer.objects.filter(question=found, response__submitted=True).count()
        if group_hidden(survey, total) or group_hidden(survey, answered, whole=total):
            return Measurement(
                value=None, records=[_survey_record(tenant, survey, _("Too few answers to show."))], moments=moments
            )
        listed = []
        if mean is not None:
            count = ngettext("%(count)s answer", "%(count)s answers", answered) % {"count": answered}
            listed.append(_survey_record(tenant, survey, _("Anonymous: %(count)s") % {"count": count}))
    elif not records:
        listed = []
    else:
        answers = (
            Answer.objects.filter(question=found, response__submitted=True, dont_know=False, number__isnull=False)
            .select_related("response__organisation", "response__person")
            .order_by("pk")
        )
        listed = _by_respondent(
            [
                _response_record(
                    tenant,
                    answer.response,
                    _("%(point)s on a scale from 1 to %(points)s") % {"point": answer.number, "points": points},
                )
                for answer in answers
            ]
        )
    value = None if mean is None else Decimal(str(mean)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return Measurement(value=value, records=listed, moments=moments)


# --- the registrations ----------------------------------------------------------------------------------------

_PERIOD_DA = (
    " Svar har intet tidspunkt, så de hører til undersøgelsens dato: dens lukketidspunkt, ellers dens"
    " åbningstidspunkt, ellers den dag, den blev oprettet. Kladder tæller ikke."
)
_PERIOD_EN = (
    " Responses carry no time, so they belong to their survey's date: its closing time, else its opening time,"
    " else the day it was made. Drafts do not count."
)

INDICATORS = [
    Indicator(
        key="surveys.responses",
        label_da="Besvarelser af spørgeundersøgelser",
        label_en="Responses to surveys",
        compute=measure_responses,
        params=(
            Param(
                "survey",
                ParamKind.CHOICE,
                "Spørgeundersøgelse",
                "Survey",
                required=False,
                choices=survey_choices,
                help_da="Tomt: alle undersøgelser i perioden.",
                help_en="Empty: every survey of the period.",
            ),
            Param(
                "kind",
                ParamKind.CHOICE,
                "Slags undersøgelse",
                "Kind of survey",
                required=False,
                choices=survey_kind_choices,
                help_da="Tomt: alle slags undersøgelser.",
                help_en="Empty: surveys of every kind.",
            ),
        ),
        unit_da="besvarelser",
        unit_en="responses",
        description_da=(
            "Antal indsendte besvarelser. En anonym undersøgelse vises som én linje med sit antal, aldrig som"
            " de enkelte svar." + _PERIOD_DA
        ),
        description_en=(
            "The number of responses submitted. An anonymous survey is shown as one line with its number, never as"
            " its single responses." + _PERIOD_EN
        ),
    ),
    Indicator(
        key="surveys.organisations_meeting",
        label_da="Foreninger, hvis svar opfylder en betingelse",
        label_en="Associations whose answer meets a condition",
        compute=measure_organisations_meeting,
        params=(
            Param(
                "question",
                ParamKind.CHOICE,
                "Spørgsmål",
                "Question",
                choices=condition_question_choices,
                help_da="Et skala-, ja/nej- eller valgspørgsmål i en undersøgelse, der ikke er anonym.",
                help_en="A scale, yes/no or choice question in a survey that is not anonymous.",
            ),
            Param(
                "value",
                ParamKind.CHOICE,
                "Svaret skal være",
                "The answer must be",
                choices=condition_choices,
                help_da=(
                    "Ja eller nej til et ja/nej-spørgsmål, et mindste punkt til et skalaspørgsmål, eller en af"
                    " spørgsmålets egne svarmuligheder."
                ),
                help_en=(
                    "Yes or no for a yes/no question, a lowest point for a scale question, or one of the question's"
                    " own options."
                ),
            ),
        ),
        unit_da="foreninger",
        unit_en="associations",
        description_da=(
            "Antal forskellige foreninger, der har svaret på vegne af sig selv, og hvis svar opfylder betingelsen"
            " (f.eks. mindst 4 på skalaen). En anonym undersøgelse giver aldrig foreninger: her er der ingen data."
            + _PERIOD_DA
        ),
        description_en=(
            "The number of different associations that answered on their own behalf and whose answer meets the"
            " condition (e.g. at least 4 on the scale). An anonymous survey never yields associations: it gives no"
            " data." + _PERIOD_EN
        ),
    ),
    Indicator(
        key="surveys.scale_mean",
        label_da="Gennemsnit af et skalaspørgsmål",
        label_en="Mean of a scale question",
        compute=measure_scale_mean,
        params=(
            Param(
                "question",
                ParamKind.CHOICE,
                "Skalaspørgsmål",
                "Scale question",
                choices=scale_question_choices,
            ),
        ),
        shape=Shape.LEVEL,
        description_da=(
            "Gennemsnittet af svarene på skalaen; “ved ikke” tæller ikke med. Ingen data uden svar, og for en"
            " anonym undersøgelse heller ikke, når der er færre svar end undersøgelsens mindste gruppe." + _PERIOD_DA
        ),
        description_en=(
            "The mean of the answers on the scale; “don't know” is left out. No data without answers, nor for an"
            " anonymous survey with fewer answers than its smallest group." + _PERIOD_EN
        ),
    ),
]
