"""Answering a survey: the reads the respondent's pages need, the draft saved between visits, and the submission.

A submission is one transaction that stores exactly one response per invitation, also when the same invitation is
submitted many times at once: a conditional UPDATE of the invitation (`responded = false` → `true`) decides, and
only the request whose update changed the row goes on to store answers. PostgreSQL makes parallel updates of one
row wait for each other and re-read the condition; SQLite lets one writer in at a time. Either way the second
request finds the row already answered and stores nothing.

Anonymity (issue 13): the response of an anonymous survey has no person, no organisation and no link to the
invitation, the invitation only learns that it was used, and no audit entry is written (an entry's time would date
the response). The day's tally counts responses without telling which."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from frivillig.core.services import log_action
from frivillig.surveys.answering import field_name, is_shown, other_name
from frivillig.surveys.caching import results_changed
from frivillig.surveys.enums import DONT_KNOW, LONG_TEXT_MAX, YES, QuestionKind, SurveyStatus
from frivillig.surveys.models import Answer, Invitation, Question, Response, ResponseTally, Section, Survey

# The day a response is counted on, as the centre reads its calendar.
TALLY_ZONE = ZoneInfo("Europe/Copenhagen")

# The states a survey can be in for someone holding a link to it.
ANSWERABLE = "answerable"
NOT_YET_OPEN = "not_yet_open"
CLOSED = "closed"
UNKNOWN = "unknown"

# How many values one field of a saved draft may hold, and how long each may be: a draft is the respondent's own
# typing kept as it was, but not without bounds.
DRAFT_VALUES_PER_FIELD = 200
DRAFT_VALUE_LENGTH = LONG_TEXT_MAX + 100


# --- reads ----------------------------------------------------------------------------------------------------


def invitation_for_token(tenant, token: str) -> Invitation | None:
    """The invitation whose personal link carries `token`, in this tenant; None for an unknown or altered link."""
    if not token or len(token) > 64:
        return None
    return Invitation.objects.filter(tenant=tenant, token=token).select_related("survey").first()


def survey_for_open_link(tenant, token: str) -> Survey | None:
    """The anonymous survey whose open link carries `token`; None when there is none (or it is not anonymous)."""
    if not token or len(token) > 64:
        return None
    return Survey.objects.filter(tenant=tenant, open_link_token=token, is_anonymous=True).first()


def survey_state(survey: Survey, now: datetime | None = None) -> str:
    """Whether the survey takes answers now. A draft survey is as good as unknown to anyone outside the centre."""
    now = now or timezone.now()
    if survey.status == SurveyStatus.DRAFT:
        return UNKNOWN
    if survey.status == SurveyStatus.CLOSED or (survey.closes_at is not None and survey.closes_at <= now):
        return CLOSED
    if survey.opens_at is not None and survey.opens_at > now:
        return NOT_YET_OPEN
    return ANSWERABLE


def survey_closed_at(survey: Survey, now: datetime | None = None) -> datetime | None:
    """When a closed survey stopped taking answers, as its respondents are told: its closing time once passed, or
    when the centre closed it, whichever came first; None when neither is known."""
    now = now or timezone.now()
    times = [moment for moment in (survey.closed_at, survey.closes_at) if moment is not None and moment <= now]
    return min(times, default=None)


def sections_to_answer(
    sections: Iterable[Section], answers: Mapping, questions: Mapping[int, Question], done: Iterable[int] = ()
) -> list[Section]:
    """The sections that ask something, given the answers so far: a section whose every question waits for an
    answer that was not given is skipped. While the page of a condition's question has not been completed, the
    question waiting for it still counts: the step count does not shrink before the answer is known."""
    done = set(done)
    shown = []
    for section in sections:
        for question in section.questions.all():
            condition = questions.get(question.show_if_question_id) if question.show_if_question_id else None
            if (
                condition is None
                or condition.section_id == section.pk
                or condition.section_id not in done
                or is_shown(question, answers, questions)
            ):
                shown.append(section)
                break
    return shown


# --- the draft ------------------------------------------------------------------------------------------------


@dataclass
class Draft:
    """The answers given so far (field name → the values typed, as a form posts them) and the sections whose page
    was completed (by id)."""

    answers: dict[str, list[str]]
    done: list[int]

    @classmethod
    def from_stored(cls, stored: Any) -> Draft:
        if not isinstance(stored, dict):
            return cls(answers={}, done=[])
        raw = stored.get("answers")
        answers = raw if isinstance(raw, dict) else {}
        clean = {
            str(name): [str(value) for value in values][:DRAFT_VALUES_PER_FIELD]
            for name, values in answers.items()
            if isinstance(values, list)
        }
        done = [number for number in stored.get("done", []) if isinstance(number, int)]
        return cls(answers=clean, done=done)

    def stored(self) -> dict[str, Any]:
        return {"answers": self.answers, "done": self.done}

    def replace_section(self, section: Section, data: Mapping, questions: Mapping[int, Question]) -> None:
        """Put the page's values in place of what the section held before, and forget answers that no longer
        apply (a condition's answer changed)."""
        names = set()
        for question in section.questions.all():
            names |= {field_name(question), other_name(question)}
        answers = {name: values for name, values in self.answers.items() if name not in names}
        for name in names:
            values = data.getlist(name) if hasattr(data, "getlist") else []
            values = [value[:DRAFT_VALUE_LENGTH] for value in values if value != ""][:DRAFT_VALUES_PER_FIELD]
            if values:
                answers[name] = values
        self.answers = prune(answers, questions)

    def mark_done(self, section: Section) -> None:
        if section.pk not in self.done:
            self.done.append(section.pk)


def prune(answers: Mapping[str, list[str]], questions: Mapping[int, Question]) -> dict[str, list[str]]:
    """Only the answers to questions that apply: a question hidden by its condition keeps no stale answer."""
    kept: dict[str, list[str]] = {}
    for question in questions.values():
        if not is_shown(question, answers, questions):
            continue
        for name in (field_name(question), other_name(question)):
            if answers.get(name):
                kept[name] = list(answers[name])
    return kept


def invitation_draft_save(*, invitation: Invitation, draft: Draft) -> None:
    """Keep the answers so far with the invitation (its personal link brings them back). Saving means taking part:
    an earlier "I do not wish to take part" is lifted. Nothing is saved once the invitation has been used."""
    Invitation.objects.filter(pk=invitation.pk, responded=False).update(draft=draft.stored(), declined=False)


def invitation_decline(*, invitation: Invitation) -> None:
    """The recipient does not wish to take part: no reminders. Answering later lifts it."""
    with transaction.atomic():
        updated = Invitation.objects.filter(pk=invitation.pk, responded=False, declined=False).update(declined=True)
        if updated and not invitation.survey.is_anonymous:
            log_action(
                "surveys.invitation.declined",
                tenant=invitation.tenant,
                target=invitation.survey,
                data={"invitation": invitation.pk},
            )


# --- submitting -----------------------------------------------------------------------------------------------


def answers_from(cleaned: Mapping[int, Mapping[str, Any]], questions: Mapping[int, Question]) -> list[Answer]:
    """The Answer rows (unsaved, without response) for the validated values of every section's form, keyed by
    question id. Questions left unanswered get no row."""
    rows: list[Answer] = []
    for pk, values in cleaned.items():
        question = questions[pk]
        value = values.get(field_name(question))
        kind = question.kind
        base = {"tenant_id": question.tenant_id, "question_id": question.pk}
        if kind == QuestionKind.MULTIPLE_CHOICE:
            rows.extend(Answer(choice_id=int(choice), **base) for choice in value or [])
            other = (values.get(other_name(question)) or "").strip()
            if other:
                rows.append(Answer(text=other, **base))
            continue
        if value in (None, "", []):
            continue
        if kind == QuestionKind.SINGLE_CHOICE:
            rows.append(Answer(choice_id=int(str(value)), **base))
        elif kind == QuestionKind.SCALE:
            rows.append(
                Answer(dont_know=True, **base) if value == DONT_KNOW else Answer(number=int(str(value)), **base)
            )
        elif kind == QuestionKind.YES_NO:
            rows.append(Answer(number=1 if value == YES else 0, **base))
        elif kind == QuestionKind.NUMBER:
            rows.append(Answer(number=value, **base))
        elif kind == QuestionKind.ORGANISATION:
            rows.append(Answer(organisation_id=int(str(value)), **base))
        else:
            text = str(value).strip()
            if text:
                rows.append(Answer(text=text, **base))
    return rows


def _count_today(survey: Survey) -> None:
    day = timezone.localtime(timezone.now(), TALLY_ZONE).date()
    tallies = ResponseTally.objects.filter(survey=survey, day=day)
    if tallies.update(count=F("count") + 1):
        return
    try:
        with transaction.atomic():
            ResponseTally.objects.create(tenant=survey.tenant, survey=survey, day=day, count=1)
    except IntegrityError:
        # A parallel submission made the day's row first.
        tallies.update(count=F("count") + 1)


def response_submit(
    *, survey: Survey, answers: list[Answer], invitation: Invitation | None = None, actor=None
) -> Response | None:
    """Store one submitted response with its answers; None when the invitation was already used (nothing is
    stored then: a second submission of the same response changes nothing).

    `invitation` is None for the open link of an anonymous survey, whose first use fixes the survey's anonymity."""
    with transaction.atomic():
        if invitation is not None:
            used = Invitation.objects.filter(pk=invitation.pk, survey=survey, responded=False).update(
                responded=True, declined=False, draft={}
            )
            if not used:
                return None
        else:
            Survey.objects.filter(pk=survey.pk, anonymity_locked_at=None).update(anonymity_locked_at=timezone.now())
        # Whom the answer is from: a named survey's invitation says; nothing does in an anonymous survey.
        named_by = invitation if invitation is not None and not survey.is_anonymous else None
        response = Response.objects.create(
            tenant=survey.tenant,
            survey=survey,
            person_id=named_by.person_id if named_by is not None else None,
            organisation_id=named_by.organisation_id if named_by is not None else None,
            submitted=True,
        )
        for answer in answers:
            answer.response = response
            if survey.is_anonymous:
                # The association someone chose can tell who answered: an anonymous survey keeps no such answer.
                answer.organisation_id = None
        Answer.objects.bulk_create([answer for answer in answers if _holds_something(answer)])
        _count_today(survey)
        results_changed([survey])
        if named_by is not None:
            log_action(
                "surveys.response.submitted",
                actor=actor,
                tenant=survey.tenant,
                target=survey,
                data={"invitation": named_by.pk},
            )
    return response


def _holds_something(answer: Answer) -> bool:
    return (
        answer.choice_id is not None
        or answer.organisation_id is not None
        or answer.number is not None
        or answer.dont_know
        or bool(answer.text)
    )
