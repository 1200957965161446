"""Building a survey: its settings, sections, questions and answer options, their order, and copies.

Once a question has answers, a change that would corrupt them is refused with a SurveyEditRefused that says why
(removing the question or its section, changing its type or its scale, removing or reordering answered options);
adding questions and options and correcting texts stay possible."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import models, transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from frivillig.core.services import log_action
from frivillig.surveys.caching import results_changed
from frivillig.surveys.enums import CHOICE_KINDS, CONDITION_KINDS, NO, YES, QuestionKind, SurveyStatus
from frivillig.surveys.models import Answer, Choice, Question, Section, Survey

UP = "up"
DOWN = "down"


class SurveyEditRefused(Exception):
    """A change the survey's answers do not allow; the message says why, for the person who asked."""


# A chosen association can name the respondent (their own, or one only they would pick): named surveys only.
ANONYMOUS_ORGANISATION_REFUSED = gettext_lazy(
    "An anonymous survey cannot have a question whose answer is a choice of association: the answer could tell who "
    "the respondent is. Remove that question, or keep the survey named."
)


def _next_position(queryset: models.QuerySet) -> int:
    return (queryset.aggregate(last=Max("position"))["last"] or 0) + 1


def question_has_answers(question: Question) -> bool:
    return Answer.objects.filter(question=question).exists()


def survey_save(*, survey: Survey, actor, changed: Sequence[str] = ()) -> Survey:
    """Create or change a survey's settings. Anonymity and the smallest group cannot change once fixed."""
    creating = survey.pk is None
    with transaction.atomic():
        if not creating:
            saved = Survey.objects.select_for_update().get(pk=survey.pk)
            if saved.anonymity_locked and (
                saved.is_anonymous != survey.is_anonymous or saved.minimum_group_size != survey.minimum_group_size
            ):
                raise SurveyEditRefused(
                    _(
                        "Anonymity and the smallest group shown were fixed when the first invitation went out, "
                        "and cannot be changed."
                    )
                )
        else:
            survey.created_by = actor
        if (
            survey.is_anonymous
            and not creating
            and Question.objects.filter(section__survey=survey, kind=QuestionKind.ORGANISATION).exists()
        ):
            raise SurveyEditRefused(ANONYMOUS_ORGANISATION_REFUSED)
        survey.save()
        if not creating:
            # Anonymity and the smallest group decide what the results hide.
            results_changed([survey])
        log_action(
            "surveys.survey.created" if creating else "surveys.survey.updated",
            actor=actor,
            tenant=survey.tenant,
            target=survey,
            data={"changed": sorted(changed)} if not creating else None,
        )
    return survey


def section_save(*, section: Section, actor) -> Section:
    creating = section.pk is None
    with transaction.atomic():
        if creating:
            section.tenant = section.survey.tenant
            section.position = _next_position(Section.objects.filter(survey=section.survey))
        section.save()
        log_action(
            "surveys.section.created" if creating else "surveys.section.updated",
            actor=actor,
            tenant=section.tenant,
            target=section.survey,
            data={"section": section.title},
        )
    return section


def section_delete(*, section: Section, actor) -> None:
    with transaction.atomic():
        if Answer.objects.filter(question__section=section).exists():
            raise SurveyEditRefused(
                _(
                    "The section cannot be deleted: some of its questions have been answered, and deleting it "
                    "would delete the answers."
                )
            )
        # Conditions of later questions that name a question of this section lose their condition.
        Question.objects.filter(show_if_question__section=section).exclude(section=section).update(
            show_if_question=None, show_if_value=""
        )
        survey, title = section.survey, section.title
        section.delete()
        results_changed([survey])
        log_action("surveys.section.deleted", actor=actor, tenant=survey.tenant, target=survey, data={"section": title})


def _swap(queryset: models.QuerySet, item: models.Model, direction: str) -> models.Model | None:
    """Swap the item with its neighbour above or below (positions renumbered 1..n first, so ties cannot stick)."""
    items = list(queryset.select_for_update().order_by("position", "pk"))
    for number, row in enumerate(items, start=1):
        if row.position != number:
            row.position = number
            row.save(update_fields=["position"])
    index = next(index for index, row in enumerate(items) if row.pk == item.pk)
    other_index = index - 1 if direction == UP else index + 1
    if not 0 <= other_index < len(items):
        return None
    me, other = items[index], items[other_index]
    me.position, other.position = other.position, me.position
    me.save(update_fields=["position"])
    other.save(update_fields=["position"])
    return other


def _check_conditions_in_order(survey: Survey) -> None:
    """After a move: every "show only if" must still name a question that comes earlier (else the question would
    depend on an answer not given yet). Raised inside the move's transaction, so the move is undone."""
    rows = Question.objects.filter(section__survey=survey).order_by(
        "section__position", "section__pk", "position", "pk"
    )
    order = {pk: index for index, pk in enumerate(rows.values_list("pk", flat=True))}
    for pk, source in rows.exclude(show_if_question=None).values_list("pk", "show_if_question"):
        if source is not None and order.get(source, len(order)) >= order[pk]:
            raise SurveyEditRefused(
                _(
                    "The move was not made: a question would come before the question its “show only if” depends "
                    "on. Change or remove the condition first."
                )
            )


def section_move(*, section: Section, direction: str, actor) -> None:
    with transaction.atomic():
        _swap(Section.objects.filter(survey=section.survey), section, direction)
        _check_conditions_in_order(section.survey)
        results_changed([section.survey])
        log_action(
            "surveys.section.updated",
            actor=actor,
            tenant=section.tenant,
            target=section.survey,
            data={"section": section.title, "moved": direction},
        )


def _check_condition(question: Question) -> None:
    """A "show only if" names an earlier single-choice or yes/no question of the same survey and one of its answers."""
    condition = question.show_if_question
    if condition is None:
        question.show_if_value = ""
        return
    if condition.kind not in CONDITION_KINDS:
        raise SurveyEditRefused(_("A question can only depend on a single-choice or yes/no question."))
    if condition.section.survey_id != question.section.survey_id or not _is_earlier(condition, question):
        raise SurveyEditRefused(_("A question can only depend on an earlier question."))
    if condition.kind == QuestionKind.YES_NO:
        valid = {YES, NO}
    else:
        valid = {str(pk) for pk in Choice.objects.filter(question=condition).values_list("pk", flat=True)}
    if question.show_if_value not in valid:
        raise SurveyEditRefused(_("Choose one of the answers to the question the condition depends on."))


def _is_earlier(first: Question, second: Question) -> bool:
    first_section, second_section = first.section, second.section
    section_order = (first_section.position, first_section.pk), (second_section.position, second_section.pk)
    if first_section.pk != second_section.pk:
        return section_order[0] < section_order[1]
    if second.pk is None:
        return True
    return (first.position, first.pk) < (second.position, second.pk)


def question_save(
    *,
    question: Question,
    actor,
    new_choices: Sequence[str] = (),
    choice_labels: dict[int, str] | None = None,
    remove_choices: Sequence[int] = (),
    changed: Sequence[str] = (),
) -> Question:
    """Create or change a question with its answer options: `choice_labels` corrects existing options' texts,
    `remove_choices` removes options, `new_choices` adds options at the end."""
    creating = question.pk is None
    kind_changed = False
    with transaction.atomic():
        if question.kind == QuestionKind.ORGANISATION and question.section.survey.is_anonymous:
            raise SurveyEditRefused(ANONYMOUS_ORGANISATION_REFUSED)
        if creating:
            question.tenant = question.section.tenant
            question.position = _next_position(Question.objects.filter(section=question.section))
        else:
            saved = Question.objects.select_for_update().get(pk=question.pk)
            kind_changed = saved.kind != question.kind
            if question_has_answers(saved):
                if saved.kind != question.kind:
                    raise SurveyEditRefused(
                        _(
                            "The type of the question cannot be changed: it has answers, and they would no longer "
                            "fit the question. Add a new question instead."
                        )
                    )
                if saved.kind == QuestionKind.SCALE and saved.scale_points != question.scale_points:
                    raise SurveyEditRefused(
                        _(
                            "The number of points on the scale cannot be changed: the question has answers given "
                            "on the old scale. Add a new question instead."
                        )
                    )
        _check_condition(question)
        if question.kind != QuestionKind.SCALE:
            question.scale_points = None
        if question.kind not in CHOICE_KINDS and not creating:
            # Options of a question that changed to a kind without options (it has no answers: checked above).
            Choice.objects.filter(question=question).delete()
        if kind_changed:
            # The answers later questions wait for belonged to the old type.
            Question.objects.filter(show_if_question=question).update(show_if_question=None, show_if_value="")
        question.save()
        if question.kind in CHOICE_KINDS:
            _save_choices(question, choice_labels or {}, remove_choices, new_choices)
        results_changed([question.section.survey])
        log_action(
            "surveys.question.created" if creating else "surveys.question.updated",
            actor=actor,
            tenant=question.tenant,
            target=question.section.survey,
            data={"question": question.text, **({"changed": sorted(changed)} if not creating else {})},
        )
    return question


def _save_choices(question: Question, labels: dict[int, str], remove: Sequence[int], new: Sequence[str]) -> None:
    existing = {choice.pk: choice for choice in Choice.objects.filter(question=question)}
    if remove:
        answered = set(
            Answer.objects.filter(choice_id__in=remove, choice__question=question).values_list("choice_id", flat=True)
        )
        if answered:
            names = ", ".join(f"“{existing[pk].label}”" for pk in sorted(answered) if pk in existing)
            raise SurveyEditRefused(
                _("These answer options have been chosen in answers and cannot be removed: %(options)s.")
                % {"options": names}
            )
        Question.objects.filter(show_if_question=question, show_if_value__in=[str(pk) for pk in remove]).update(
            show_if_question=None, show_if_value=""
        )
        Choice.objects.filter(question=question, pk__in=remove).delete()
    for pk, label in labels.items():
        choice = existing.get(pk)
        if choice is not None and pk not in remove and choice.label != label:
            choice.label = label
            choice.save(update_fields=["label"])
    position = _next_position(Choice.objects.filter(question=question))
    for offset, label in enumerate(new):
        Choice.objects.create(tenant=question.tenant, question=question, label=label, position=position + offset)


def question_delete(*, question: Question, actor) -> None:
    with transaction.atomic():
        if question_has_answers(question):
            raise SurveyEditRefused(
                _(
                    "The question cannot be deleted: it has answers, and deleting it would delete them. You can "
                    "correct its text instead."
                )
            )
        survey, text = question.section.survey, question.text
        Question.objects.filter(show_if_question=question).update(show_if_question=None, show_if_value="")
        question.delete()
        results_changed([survey])
        log_action(
            "surveys.question.deleted", actor=actor, tenant=survey.tenant, target=survey, data={"question": text}
        )


def question_move(*, question: Question, direction: str, actor) -> None:
    with transaction.atomic():
        _swap(Question.objects.filter(section=question.section), question, direction)
        _check_conditions_in_order(question.section.survey)
        results_changed([question.section.survey])
        log_action(
            "surveys.question.updated",
            actor=actor,
            tenant=question.tenant,
            target=question.section.survey,
            data={"question": question.text, "moved": direction},
        )


def choice_move(*, choice: Choice, direction: str, actor) -> None:
    with transaction.atomic():
        siblings = list(Choice.objects.filter(question=choice.question).order_by("position", "pk"))
        index = next(index for index, row in enumerate(siblings) if row.pk == choice.pk)
        other_index = index - 1 if direction == UP else index + 1
        if 0 <= other_index < len(siblings):
            pair = [choice.pk, siblings[other_index].pk]
            if Answer.objects.filter(choice_id__in=pair).exists():
                raise SurveyEditRefused(
                    _(
                        "Answer options that have been chosen in answers cannot be moved: the order the "
                        "respondents saw is part of their answers."
                    )
                )
        _swap(Choice.objects.filter(question=choice.question), choice, direction)
        results_changed([choice.question.section.survey])
        log_action(
            "surveys.question.updated",
            actor=actor,
            tenant=choice.tenant,
            target=choice.question.section.survey,
            data={"question": choice.question.text, "option": choice.label, "moved": direction},
        )


_COPIED_QUESTION_FIELDS = [
    "position",
    "kind",
    "text",
    "help_text",
    "required",
    "scale_points",
    "scale_low_label",
    "scale_high_label",
    "allow_dont_know",
    "number_min",
    "number_max",
    "number_unit",
    "allow_other",
]


def survey_copy(*, survey: Survey, actor) -> Survey:
    """A new draft with the survey's settings, sections, questions and options, its conditions pointing at the
    copies; no answers, no dates, anonymity not fixed."""
    with transaction.atomic():
        copy = Survey.objects.create(
            tenant=survey.tenant,
            title=_("%(title)s (copy)") % {"title": survey.title},
            introduction=survey.introduction,
            kind=survey.kind,
            is_anonymous=survey.is_anonymous,
            minimum_group_size=survey.minimum_group_size,
            thank_you_text=survey.thank_you_text,
            max_reminders=survey.max_reminders,
            status=SurveyStatus.DRAFT,
            copied_from=survey,
            created_by=actor,
        )
        question_map: dict[int, Question] = {}
        choice_map: dict[int, Choice] = {}
        conditions: list[tuple[Question, int, str]] = []
        sections = Section.objects.filter(survey=survey).prefetch_related("questions__choices")
        for section in sections:
            new_section = Section.objects.create(
                tenant=copy.tenant,
                survey=copy,
                title=section.title,
                introduction=section.introduction,
                position=section.position,
            )
            for question in section.questions.all():
                fields: dict[str, Any] = {name: getattr(question, name) for name in _COPIED_QUESTION_FIELDS}
                new_question = Question.objects.create(tenant=copy.tenant, section=new_section, **fields)
                question_map[question.pk] = new_question
                for choice in question.choices.all():
                    choice_map[choice.pk] = Choice.objects.create(
                        tenant=copy.tenant, question=new_question, label=choice.label, position=choice.position
                    )
                if question.show_if_question_id:
                    conditions.append((new_question, question.show_if_question_id, question.show_if_value))
        for new_question, old_condition, value in conditions:
            target = question_map.get(old_condition)
            if target is None:
                continue
            if target.kind == QuestionKind.SINGLE_CHOICE:
                old_choice = int(value) if value.isdigit() else None
                mapped = choice_map.get(old_choice) if old_choice is not None else None
                if mapped is None:
                    continue
                value = str(mapped.pk)
            new_question.show_if_question = target
            new_question.show_if_value = value
            new_question.save(update_fields=["show_if_question", "show_if_value"])
        log_action(
            "surveys.survey.copied",
            actor=actor,
            tenant=copy.tenant,
            target=copy,
            data={"copied_from": survey.pk, "title": survey.title},
        )
    return copy
