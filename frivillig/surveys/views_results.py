"""A survey's results for the centre's staff: the results page with its filter, the cross-tabulation, the raw
exports, the report (HTML and PDF) and the summary placed at its top.

Every view applies the anonymity rule of results.py (`group_hidden`) to what it shows or hands out."""

from __future__ import annotations

import random

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import path
from django.utils import formats
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from frivillig.core.charts import BarRow, bar_chart
from frivillig.core.exports import EXPORT_FORMATS, table_response
from frivillig.core.pdf import pdf_response
from frivillig.core.permissions import view_permission
from frivillig.surveys.answering import yes_no_label
from frivillig.surveys.caching import results_body
from frivillig.surveys.enums import NO, YES, QuestionKind
from frivillig.surveys.forms_results import CrosstabForm, ResultFilterForm, SummaryForm
from frivillig.surveys.models import Survey
from frivillig.surveys.results import group_hidden, options_of, percent, question_result, shown_percent
from frivillig.surveys.selectors import survey_for_staff
from frivillig.surveys.selectors_results import (
    TEXTS_ON_PAGE,
    ResultFilter,
    answered_counts,
    crosstab_counts,
    daily_tallies,
    dimension_values,
    export_rows,
    filter_tags,
    filtered_responses,
    question_figures,
    response_counts,
    response_rate,
    result_questions,
    submitted_responses,
)
from frivillig.surveys.services_results import survey_summary_save

PERMISSION = "surveys.manage_surveys"


def _survey(request, pk: int) -> Survey:
    return get_object_or_404(survey_for_staff(request.tenant), pk=pk)


def _tally_chart(survey: Survey):
    tallies = daily_tallies(survey)
    rows, total = [], 0
    for day, count in tallies:
        total += count
        rows.append(
            BarRow(
                formats.date_format(day, "SHORT_DATE_FORMAT"),
                count,
                _("%(count)s (%(total)s in all)") % {"count": count, "total": total},
            )
        )
    return bar_chart(
        caption=_("Responses per day"),
        rows=rows,
        label_heading=_("Day"),
        value_heading=_("Responses (in all)"),
        chart_id="svar-pr-dag",
    )


def survey_results_context(survey: Survey, criteria: ResultFilter, questions, *, texts_per_question) -> dict:
    """What the results page and the report show: the response rate and each question's results within the
    (filtered) group, with the anonymity rule applied to the whole, the group and each question."""
    total, not_submitted = response_counts(survey)
    if criteria.active:
        responses = filtered_responses(survey, criteria)
        group = responses.count()
        hidden = group_hidden(survey, total) or group_hidden(survey, group, whole=total)
    else:
        # Every response submitted (as they always are today): every answer to the questions counts, and the
        # figures are read without looking at the responses.
        responses = submitted_responses(survey) if not_submitted else None
        group = total
        hidden = group_hidden(survey, total)
    results = []
    if not hidden and group:
        figures = question_figures(questions, responses, texts_per_question=texts_per_question)
        # Anonymous and filtered: the question's answers outside the group must be a group of their own too.
        by_all = (
            answered_counts(questions, submitted_responses(survey)) if criteria.active and survey.is_anonymous else {}
        )
        results = [
            question_result(
                survey,
                question,
                figures[question.pk],
                number=number,
                group=group,
                answered_by_all=by_all.get(question.pk, 0) if by_all else None,
            )
            for number, question in enumerate(questions, start=1)
        ]
    return {
        "survey": survey,
        "rate": response_rate(survey, responses=total),
        "tally_chart": _tally_chart(survey),
        "total": total,
        "group": group,
        "group_hidden": hidden,
        "results": results,
        "filtered": criteria.active,
    }


def _filter_selects(form) -> list[tuple]:
    """Each field of the filter with its options written out (the answer filter of a long survey has a hundred, and
    a template loop would resolve each option's parts one by one)."""
    selects = []
    for field in form:
        value = field.value()
        current = "" if value is None else str(value)
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (str(option), mark_safe(" selected") if str(option) == current else "", label)
                for option, label in field.field.choices
            ),
        )
        selects.append((field, options))
    return selects


@never_cache
@view_permission(PERMISSION)
def survey_results(request, tenant_slug: str, pk: int):
    survey = _survey(request, pk)

    def body() -> str:
        questions = result_questions(survey)
        tags = [] if survey.is_anonymous else filter_tags(request.tenant)
        filter_form = ResultFilterForm(request.GET or None, survey=survey, questions=questions, tags=tags)
        context = survey_results_context(survey, filter_form.criteria(), questions, texts_per_question=TEXTS_ON_PAGE)
        context["filter_form"] = filter_form
        context["filter_selects"] = _filter_selects(filter_form)
        context["tenant"] = request.tenant
        # Without the request: nothing in the body may depend on who reads it (it is kept for every reader).
        return render_to_string("surveys/survey_results_body.html", context)

    return render(
        request, "surveys/survey_results.html", {"survey": survey, "body": results_body(survey, request.GET, body)}
    )


# --- cross-tabulation ----------------------------------------------------------------------------------------


def crosstab_table(survey: Survey, rows_question, columns_question) -> dict:
    """The counts of the responses that answered both, with row percentages and totals; for an anonymous survey
    the whole table is hidden under the minimum, a row whose group is too small (or whose rest is), and a cell
    likewise within its row."""
    responses = submitted_responses(survey)
    counts = crosstab_counts(responses, rows_question, columns_question)
    row_values = dimension_values(rows_question)
    column_values = dimension_values(columns_question)
    total = sum(counts.values())
    table = {"total": total, "hidden": group_hidden(survey, total), "columns": [], "rows": []}
    if table["hidden"]:
        return table
    for value, label in column_values:
        count = sum(counts.get((row, value), 0) for row, _label in row_values)
        table["columns"].append({"label": label, "total": count, "hidden": group_hidden(survey, count, whole=total)})
    for value, label in row_values:
        row_total = sum(counts.get((value, column), 0) for column, _label in column_values)
        row_hidden = group_hidden(survey, row_total, whole=total)
        cells = []
        for column, _label in column_values:
            count = counts.get((value, column), 0)
            cells.append(
                {
                    "count": count,
                    "percent": shown_percent(percent(count, row_total)),
                    "hidden": row_hidden or group_hidden(survey, count, whole=row_total),
                }
            )
        table["rows"].append({"label": label, "total": row_total, "hidden": row_hidden, "cells": cells})
    return table


@never_cache
@view_permission(PERMISSION)
def survey_crosstab(request, tenant_slug: str, pk: int):
    survey = _survey(request, pk)
    questions = result_questions(survey)
    form = CrosstabForm(request.GET or None, survey=survey, questions=questions)
    table = None
    if form.is_bound and form.is_valid():
        rows_question, columns_question = form.dimension("raekker"), form.dimension("kolonner")
        table = crosstab_table(survey, rows_question, columns_question)
        table["rows_label"] = rows_question.text if rows_question else _("The respondent organisation's kind")
        table["columns_label"] = columns_question.text if columns_question else _("The respondent organisation's kind")
    return render(request, "surveys/survey_crosstab.html", {"survey": survey, "form": form, "table": table})


# --- exports ------------------------------------------------------------------------------------------------


def _question_columns(question, hidden: bool):
    """(heading, value of a response's answers to the question) for each of the question's columns."""
    kind = question.kind

    def first(answers):
        return answers[0] if answers else None

    if hidden:
        return [(question.text, lambda answers: "")]
    if kind == QuestionKind.MULTIPLE_CHOICE:
        columns = [
            (
                f"{question.text}: {choice.label}",
                lambda answers, pk=choice.pk: (1 if any(a.choice_id == pk for a in answers) else 0) if answers else "",
            )
            for choice in options_of(question)
        ]
        if question.allow_other:
            columns.append(
                (
                    f"{question.text}: {_('Other')}",
                    lambda answers: next((a.text for a in answers if a.choice_id is None), ""),
                )
            )
        return columns
    labels = {choice.pk: choice.label for choice in options_of(question)}

    def value(answers):
        answer = first(answers)
        if answer is None:
            return ""
        if kind == QuestionKind.SINGLE_CHOICE:
            return labels.get(answer.choice_id, "")
        if kind == QuestionKind.YES_NO:
            return yes_no_label(YES if answer.number == 1 else NO) if answer.number is not None else ""
        if kind == QuestionKind.SCALE:
            return _("Don't know") if answer.dont_know else answer.number
        if kind == QuestionKind.NUMBER:
            return answer.number
        if kind == QuestionKind.ORGANISATION:
            return answer.organisation.name if answer.organisation_id and answer.organisation else ""
        return answer.text

    return [(question.text, value)]


@never_cache
@view_permission(PERMISSION)
def survey_export(request, tenant_slug: str, pk: int, fmt: str):
    if fmt not in EXPORT_FORMATS:
        raise Http404
    survey = _survey(request, pk)
    responses, answers = export_rows(survey)
    total = len(responses)
    if group_hidden(survey, total):
        messages.error(
            request,
            _(
                "The answers cannot be exported yet: the survey is anonymous, and it has fewer than %(minimum)s "
                "responses."
            )
            % {"minimum": survey.minimum_group_size},
        )
        return redirect("surveys:survey_results", tenant_slug=request.tenant.slug, pk=survey.pk)
    questions = result_questions(survey)
    by_question: dict = {}
    for response in responses:
        for answer in answers.get(response.pk, ()):
            by_question.setdefault((response.pk, answer.question_id), []).append(answer)
    answered = {}
    for _response, question_pk in by_question:
        answered[question_pk] = answered.get(question_pk, 0) + 1
    columns = []
    for question in questions:
        hidden = group_hidden(survey, answered.get(question.pk, 0), whole=total)
        columns += [(heading, value, question.pk) for heading, value in _question_columns(question, hidden)]
    header = [heading for heading, _value, _pk in columns]
    if survey.is_anonymous:
        # Neither the order of submission nor the random ids' order: shuffled anew for every export.
        random.SystemRandom().shuffle(responses)
    else:
        header = [_("Organisation"), _("Person"), *header]
        responses.sort(
            key=lambda response: ((response.organisation.name if response.organisation else ""), str(response.pk))
        )
    rows = []
    for response in responses:
        row = [value(by_question.get((response.pk, question_pk), [])) for _heading, value, question_pk in columns]
        if not survey.is_anonymous:
            row = [
                response.organisation.name if response.organisation else "",
                response.person.full_name if response.person else "",
                *row,
            ]
        rows.append(row)
    filename = f"{slugify(survey.title) or 'undersoegelse'}-svar"
    return table_response(fmt, filename=filename, header=header, rows=rows)


# --- the report --------------------------------------------------------------------------------------------


def _report_context(request, survey: Survey) -> dict:
    questions = result_questions(survey)
    context = survey_results_context(survey, ResultFilter(), questions, texts_per_question=None)
    context["title"] = _("Report: %(title)s") % {"title": survey.title}
    return context


@never_cache
@view_permission(PERMISSION)
def survey_report(request, tenant_slug: str, pk: int):
    survey = _survey(request, pk)
    context = _report_context(request, survey)
    context["on_screen"] = True
    return render(request, "surveys/survey_report.html", context)


@never_cache
@view_permission(PERMISSION)
def survey_report_pdf(request, tenant_slug: str, pk: int):
    survey = _survey(request, pk)
    context = _report_context(request, survey)
    filename = f"{slugify(survey.title) or 'undersoegelse'}-rapport"
    return pdf_response(request, "surveys/survey_report.html", context, filename=filename)


@view_permission(PERMISSION)
def survey_summary(request, tenant_slug: str, pk: int):
    survey = _survey(request, pk)
    form = SummaryForm(request.POST or None, instance=survey)
    if request.method == "POST" and form.is_valid():
        survey_summary_save(survey=_survey(request, pk), summary=form.cleaned_data["summary"], actor=request.user)
        messages.success(request, _("The summary has been saved. It is placed at the top of the report."))
        return redirect("surveys:survey_report", tenant_slug=request.tenant.slug, pk=survey.pk)
    return render(request, "surveys/survey_report_summary.html", {"survey": survey, "form": form})


urlpatterns = [
    path("undersoegelser/<int:pk>/resultater/", survey_results, name="survey_results"),
    path("undersoegelser/<int:pk>/krydstabel/", survey_crosstab, name="survey_crosstab"),
    path("undersoegelser/<int:pk>/eksport.<str:fmt>", survey_export, name="survey_export"),
    path("undersoegelser/<int:pk>/rapport/", survey_report, name="survey_report"),
    path("undersoegelser/<int:pk>/rapport.pdf", survey_report_pdf, name="survey_report_pdf"),
    path("undersoegelser/<int:pk>/sammenfatning/", survey_summary, name="survey_summary"),
]
