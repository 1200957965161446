"""Answering a survey, one section at a time: the form that shows a section's questions and validates its answers.

The preview uses it now (nothing is stored); the respondent's own form will use the same class. Field names are
`q<question id>` (and `q<id>_other` for "other, namely …"). Every field is optional to Django: whether a question
must be answered depends on its "show only if" condition, which `clean` evaluates against all the answers given
so far (this section's and the earlier sections' carried along), so a hidden question's required flag is never
enforced and its value is dropped."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from frivillig.surveys.enums import DONT_KNOW, LONG_TEXT_MAX, NO, SHORT_TEXT_MAX, YES, QuestionKind
from frivillig.surveys.models import Question, Section

REQUIRED = _("Answer this question.")
UNKNOWN_CHOICE = _("Choose one of the answers shown.")


def field_name(question: Question) -> str:
    return f"q{question.pk}"


def other_name(question: Question) -> str:
    return f"q{question.pk}_other"


def _values(data: Mapping, name: str) -> list[str]:
    if hasattr(data, "getlist"):
        return [value for value in data.getlist(name) if value != ""]
    value = data.get(name)
    if value in (None, ""):
        return []
    return [str(item) for item in value] if isinstance(value, list | tuple) else [str(value)]


def is_shown(question: Question, data: Mapping, questions: Mapping[int, Question]) -> bool:
    """Whether the question applies, given the answers in `data`: its condition's question must itself apply and
    have been answered with the condition's value."""
    seen: set[int] = set()
    while question.show_if_question_id is not None and question.pk not in seen:
        seen.add(question.pk)
        condition = questions.get(question.show_if_question_id)
        if condition is None:
            return True
        if question.show_if_value not in _values(data, field_name(condition)):
            return False
        question = condition
    return True


def yes_no_label(value: str) -> str:
    return str(_("Yes")) if value == YES else str(_("No"))


def condition_answer_label(question: Question, questions: Mapping[int, Question]) -> str:
    """The answer a conditional question waits for, as the respondent reads it."""
    condition = questions.get(question.show_if_question_id) if question.show_if_question_id else None
    if condition is None:
        return ""
    if condition.kind == QuestionKind.YES_NO:
        return yes_no_label(question.show_if_value)
    return next((choice.label for choice in condition.choices.all() if str(choice.pk) == question.show_if_value), "")


class NumberAnswerField(forms.IntegerField):
    widget = forms.TextInput(attrs={"inputmode": "numeric"})


def _field_for(question: Question, organisations: Iterable[tuple[str, str]]) -> forms.Field:
    common: dict[str, Any] = {"label": question.text, "required": False, "help_text": question.help_text}
    invalid_choice = {"invalid_choice": UNKNOWN_CHOICE}
    kind = question.kind
    if kind == QuestionKind.SINGLE_CHOICE:
        choices = [(str(choice.pk), choice.label) for choice in question.choices.all()]
        return forms.ChoiceField(choices=choices, widget=forms.RadioSelect, error_messages=invalid_choice, **common)
    if kind == QuestionKind.MULTIPLE_CHOICE:
        choices = [(str(choice.pk), choice.label) for choice in question.choices.all()]
        return forms.MultipleChoiceField(
            choices=choices, widget=forms.CheckboxSelectMultiple, error_messages=invalid_choice, **common
        )
    if kind == QuestionKind.SCALE:
        points = question.scale_points or 5
        choices = [(str(point), str(point)) for point in range(1, points + 1)]
        if question.allow_dont_know:
            choices.append((DONT_KNOW, str(_("Don't know"))))
        return forms.ChoiceField(choices=choices, widget=forms.RadioSelect, error_messages=invalid_choice, **common)
    if kind == QuestionKind.YES_NO:
        return forms.ChoiceField(
            choices=[(YES, _("Yes")), (NO, _("No"))],
            widget=forms.RadioSelect,
            error_messages=invalid_choice,
            **common,
        )
    if kind == QuestionKind.NUMBER:
        return NumberAnswerField(error_messages={"invalid": _("Write a whole number.")}, **common)
    if kind == QuestionKind.SHORT_TEXT:
        return forms.CharField(max_length=SHORT_TEXT_MAX, widget=forms.TextInput, **common)
    if kind == QuestionKind.LONG_TEXT:
        return forms.CharField(max_length=LONG_TEXT_MAX, widget=forms.Textarea(attrs={"rows": 5}), **common)
    if kind == QuestionKind.ORGANISATION:
        return forms.ChoiceField(
            choices=[("", _("Choose the association")), *organisations], error_messages=invalid_choice, **common
        )
    raise ValueError(f"Unknown kind of question: {kind!r}")


@dataclass(frozen=True)
class Item:
    """One question as the page shows it: the question, its field (and the "other" field), and how it applies."""

    question: Question
    field: forms.BoundField
    other: forms.BoundField | None
    # Shown with a note that it applies only after a given answer on this same page (no JavaScript hides it).
    condition_on_page: bool
    condition_question: Question | None
    condition_answer: str


class SectionAnswerForm(forms.Form):
    """A section's questions. `questions` holds every question of the survey (by id) so that conditions on
    earlier sections' questions can be evaluated from `data`, which carries their answers."""

    def __init__(
        self,
        data=None,
        *,
        section: Section,
        questions: Mapping[int, Question],
        organisations: Iterable[tuple[str, str]] = (),
        initial: Mapping | None = None,
    ) -> None:
        super().__init__(data, initial=initial)
        self.section = section
        self.all_questions = questions
        self.answers_so_far: Mapping = data if data is not None else (initial or {})
        organisations = list(organisations)
        self.questions = [
            question
            for question in section.questions.all()
            if question.show_if_question_id is None
            or self._condition_in_section(question)
            or is_shown(question, self.answers_so_far, questions)
        ]
        for question in self.questions:
            self.fields[field_name(question)] = _field_for(question, organisations)
            if question.kind == QuestionKind.MULTIPLE_CHOICE and question.allow_other:
                self.fields[other_name(question)] = forms.CharField(
                    label=_("Other, namely"), required=False, max_length=SHORT_TEXT_MAX
                )

    def _condition_in_section(self, question: Question) -> bool:
        condition = self.all_questions.get(question.show_if_question_id)
        return condition is not None and condition.section_id == self.section.pk

    def clean(self):
        cleaned = super().clean()
        for question in self.questions:
            name = field_name(question)
            if not is_shown(question, self.data, self.all_questions):
                # Not asked after the answer given: neither required nor kept.
                self._errors.pop(name, None)
                cleaned.pop(name, None)
                if question.kind == QuestionKind.MULTIPLE_CHOICE:
                    self._errors.pop(other_name(question), None)
                    cleaned.pop(other_name(question), None)
                continue
            if name in self._errors:
                continue
            value = cleaned.get(name)
            if question.kind == QuestionKind.NUMBER and value is not None:
                self._check_range(question, name, value)
            other = cleaned.get(other_name(question), "") if question.allow_other else ""
            if question.required and value in (None, "", []) and not other:
                self.add_error(name, REQUIRED)
        return cleaned

    def _check_range(self, question: Question, name: str, value: int) -> None:
        low, high = question.number_min, question.number_max
        if (low is not None and value < low) or (high is not None and value > high):
            if low is not None and high is not None:
                message = _("Write a number from %(low)s to %(high)s.")
            elif low is not None:
                message = _("Write a number of at least %(low)s.")
            else:
                message = _("Write a number of at most %(high)s.")
            self.add_error(name, message % {"low": low, "high": high})

    def items(self) -> list[Item]:
        result = []
        for question in self.questions:
            other = other_name(question)
            on_page = question.show_if_question_id is not None and self._condition_in_section(question)
            result.append(
                Item(
                    question=question,
                    field=self[field_name(question)],
                    other=self[other] if other in self.fields else None,
                    condition_on_page=on_page,
                    condition_question=self.all_questions.get(question.show_if_question_id) if on_page else None,
                    condition_answer=condition_answer_label(question, self.all_questions) if on_page else "",
                )
            )
        return result

    def field_names(self) -> set[str]:
        return set(self.fields)


def initial_from(data: Mapping, questions: Iterable[Question]) -> dict[str, Any]:
    """What was typed, as an unbound form's initial values (going back a step shows the answers, no errors)."""
    initial: dict[str, Any] = {}
    for question in questions:
        name = field_name(question)
        values = _values(data, name)
        initial[name] = values if question.kind == QuestionKind.MULTIPLE_CHOICE else (values[0] if values else "")
        other = _values(data, other_name(question))
        if other:
            initial[other_name(question)] = other[0]
    return initial


def carried_answers(data: Mapping, keep_out: set[str], questions: Mapping[int, Question]) -> list[tuple[str, str]]:
    """The answers of the other sections, as hidden inputs: the preview stores nothing, so they travel along."""
    names = {field_name(question) for question in questions.values()} | {
        other_name(question) for question in questions.values()
    }
    if not hasattr(data, "getlist"):
        return []
    return [(name, value) for name in data if name in names and name not in keep_out for value in data.getlist(name)]
