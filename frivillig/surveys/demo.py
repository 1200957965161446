"""Survey demo data: Sorø's needs analysis on recruiting volunteers (autumn 2017) and the evaluation of the
recruitment course that followed it (spring 2018), both named; Rødovre's anonymous survey of the collaboration
between the municipality and the associations (winter 2017-18); and an open survey in Sorø that staff can try
inviting to.

The surveys, their questions and the way the answers are drawn are in `demo_data.py`. The associations and
contact people come from the CRM demo, which runs before this one: a named survey invites the chairs of the
associations, and each response is from the chair and their association; the anonymous survey's invitations say
only that they were used, and its responses hold no person, no association and no time.

A survey is keyed by its title in its tenant: one that exists is left as it is, so loading twice adds nothing. Each
survey draws from a random generator seeded with its tenant and title, so the data is the same on every run.
"""

from __future__ import annotations

import random
from collections import Counter
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from frivillig.core.demo_loader import DemoContext
from frivillig.crm.enums import OrganisationKind, OrganisationRoleKind
from frivillig.crm.models import Organisation, OrganisationRole
from frivillig.surveys.demo_data import SURVEYS, QuestionSpec, SurveySpec
from frivillig.surveys.enums import NO, YES, QuestionKind, SurveyStatus
from frivillig.surveys.models import Answer, Choice, Invitation, Question, Response, ResponseTally, Section, Survey
from frivillig.tenants.models import Tenant

# Reminders go out two and four weeks after the invitation, while the survey is open.
REMINDER_DAYS = (14, 28)


def load(context: DemoContext) -> None:
    for spec in SURVEYS:
        tenant = context.tenants.get(spec.tenant)
        if tenant is not None:
            load_survey_demo(spec=spec, tenant=tenant, staff=context.users.get(f"staff.{spec.tenant}"), context=context)


def _aware(day: date, hour: int = 9) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _weights(spec: QuestionSpec, profile: str, count: int) -> list[float]:
    weights = spec.weights
    if isinstance(weights, dict):
        weights = weights[profile]
    return list(weights) if weights else [1] * count


@transaction.atomic
def load_survey_demo(*, spec: SurveySpec, tenant: Tenant, staff, context: DemoContext) -> Survey | None:
    """Make the survey `spec` describes in `tenant` with its invitations, responses and daily tallies; None when
    the tenant has it already."""
    if Survey.objects.filter(tenant=tenant, title=spec.title).exists():
        return None
    rng = context.rng("surveys", tenant.slug, spec.title)
    if spec.open_for_days:
        opens, closes, status = context.today, context.today + timedelta(days=spec.open_for_days), SurveyStatus.OPEN
    else:
        opens, closes, status = spec.opens, spec.closes, SurveyStatus.CLOSED
    survey = Survey.objects.create(
        tenant=tenant,
        title=spec.title,
        introduction=spec.introduction,
        kind=spec.kind,
        is_anonymous=spec.is_anonymous,
        # The open survey is open from the start of the day the demo is loaded.
        opens_at=_aware(opens, 0 if spec.open_for_days else 8),
        closes_at=_aware(closes, 23),
        thank_you_text=spec.thank_you,
        status=status,
        summary=spec.summary,
        created_by=staff,
        # Fixed when the first invitation went out.
        anonymity_locked_at=_aware(opens) if spec.invited else None,
    )
    # Made two weeks before it opened, as the centre would.
    Survey.objects.filter(pk=survey.pk).update(
        created_at=_aware(opens - timedelta(days=14), 13), updated_at=_aware(closes, 23)
    )
    questions = _save_questions(survey, spec)
    if spec.invited:
        _save_answers(survey, spec, questions, rng, opens=opens, closes=closes)
    return survey


def _save_questions(survey: Survey, spec: SurveySpec) -> list[tuple[QuestionSpec, Question, dict[str, Choice]]]:
    made: list[tuple[QuestionSpec, Question, dict[str, Choice]]] = []
    by_text: dict[str, tuple[Question, dict[str, Choice]]] = {}
    position = 0
    for section_position, section_spec in enumerate(spec.sections, start=1):
        section = Section.objects.create(
            tenant=survey.tenant,
            survey=survey,
            title=section_spec.title,
            introduction=section_spec.introduction,
            position=section_position,
        )
        for question_spec in section_spec.questions:
            position += 1
            condition, condition_value = None, ""
            if question_spec.show_if:
                condition, choices = by_text[question_spec.show_if[0]]
                value = question_spec.show_if[1]
                condition_value = value if value in (YES, NO) else str(choices[value].pk)
            kind = question_spec.kind
            _low, high, _mode = question_spec.number_range or (None, None, None)
            question = Question.objects.create(
                tenant=survey.tenant,
                section=section,
                position=position,
                kind=kind,
                text=question_spec.text,
                help_text=question_spec.help_text,
                required=question_spec.required,
                scale_points=5 if kind == QuestionKind.SCALE else None,
                scale_low_label=question_spec.low,
                scale_high_label=question_spec.high,
                allow_dont_know=question_spec.dont_know > 0,
                number_min=0 if kind == QuestionKind.NUMBER else None,
                number_max=max(high or 0, 1000) if kind == QuestionKind.NUMBER else None,
                number_unit=question_spec.unit,
                allow_other=bool(question_spec.other),
                show_if_question=condition,
                show_if_value=condition_value,
            )
            choices = Choice.objects.bulk_create(
                Choice(tenant=survey.tenant, question=question, label=label, position=number)
                for number, label in enumerate(question_spec.choices, start=1)
            )
            by_label = {choice.label: choice for choice in choices}
            by_text[question_spec.text] = (question, by_label)
            made.append((question_spec, question, by_label))
    return made


def _invitees(survey: Survey, spec: SurveySpec, rng: random.Random) -> list[tuple[OrganisationRole, str]]:
    """Whom the survey went to, as (the person's current role in their organisation, the respondent's profile)."""
    roles = list(
        OrganisationRole.objects.filter(
            tenant=survey.tenant, ended_on=None, organisation__archived_at=None, person__email__gt=""
        )
        .select_related("person", "organisation")
        .order_by("organisation__name", "person__email", "pk")
    )
    chairs = [
        role
        for role in roles
        if role.role == OrganisationRoleKind.CHAIR and role.organisation.kind == OrganisationKind.ASSOCIATION
    ]
    members = [role for role in chairs if role.organisation.member_since is not None]
    others = [role for role in chairs if role.organisation.member_since is None]
    rng.shuffle(members)
    rng.shuffle(others)
    if spec.audience == "collaboration":
        staff = [
            role
            for role in roles
            if role.role == OrganisationRoleKind.EMPLOYEE and role.organisation.kind == OrganisationKind.MUNICIPAL_UNIT
        ]
        chosen = [(role, "municipal") for role in staff[: spec.invited // 3]]
        chosen += [(role, "association") for role in (members + others)[: spec.invited - len(chosen)]]
    elif spec.audience == "course":
        chosen = [(role, "") for role in rng.sample(members, min(spec.invited, len(members)))]
    else:
        chosen = [(role, "") for role in (members + others)[: spec.invited]]
    # One invitation per address.
    seen: set[str] = set()
    unique = []
    for role, profile in chosen:
        if role.person.email.lower() not in seen:
            seen.add(role.person.email.lower())
            unique.append((role, profile))
    return unique


def _answer_day(rng: random.Random, opens: date, closes: date) -> date:
    """The day someone answered: most in the first week, the rest after each reminder."""
    starts = [opens] + [opens + timedelta(days=days) for days in REMINDER_DAYS]
    starts = [start for start in starts if start <= closes]
    start = rng.choices(starts, weights=[5, 3, 2][: len(starts)])[0]
    return min(start + timedelta(days=rng.choice([0, 0, 1, 1, 2, 3, 4, 6])), closes)


def _save_answers(survey: Survey, spec: SurveySpec, questions, rng: random.Random, *, opens, closes) -> None:
    invitees = _invitees(survey, spec, rng)
    # The municipal staff all answered (the survey was as much theirs): a group large enough to be shown.
    staff = [index for index, (_role, profile) in enumerate(invitees) if profile == "municipal"]
    rest = [index for index in range(len(invitees)) if index not in staff]
    wanted = min(spec.responses, len(invitees)) - len(staff)
    answering = set(staff + rng.sample(rest, max(0, wanted)))
    declining = [index for index in range(len(invitees)) if index not in answering][: spec.declined]
    reminders = [opens + timedelta(days=days) for days in REMINDER_DAYS if opens + timedelta(days=days) < closes]
    associations = list(
        Organisation.objects.filter(tenant=survey.tenant, kind=OrganisationKind.ASSOCIATION, archived_at=None)
        .order_by("name")
        .values_list("pk", flat=True)
    )
    invitations, responses, answers, days = [], [], [], Counter()
    texts = {question.pk: rng.sample(spec_q.texts, len(spec_q.texts)) for spec_q, question, _c in questions}
    others = {question.pk: rng.sample(spec_q.other, len(spec_q.other)) for spec_q, question, _c in questions}
    for index, (role, profile) in enumerate(invitees):
        answered = index in answering
        day = _answer_day(rng, opens, closes) if answered else None
        reminded = [reminder for reminder in reminders if day is None or reminder < day]
        if index in declining:
            reminded = []
        invitations.append(
            Invitation(
                tenant=survey.tenant,
                survey=survey,
                email=role.person.email,
                person=role.person,
                organisation=role.organisation,
                sent_at=_aware(opens),
                reminders_sent=len(reminded),
                last_reminded_at=_aware(reminded[-1]) if reminded else None,
                responded=answered,
                declined=index in declining,
            )
        )
        if not answered:
            continue
        days[day] += 1
        profile = profile or rng.choices(list(spec.profiles), weights=list(spec.profiles.values()))[0]
        response = Response(
            tenant=survey.tenant,
            survey=survey,
            # An anonymous survey's response says nothing about whom it is from.
            person=None if spec.is_anonymous else role.person,
            organisation=None if spec.is_anonymous else role.organisation,
            submitted=True,
        )
        responses.append(response)
        own = role.organisation.pk
        answers += _draw_answers(
            response,
            questions,
            rng,
            profile=profile,
            number=len(responses) - 1,
            texts=texts,
            others=others,
            associations=[pk for pk in associations if pk != own],
        )
    Invitation.objects.bulk_create(invitations)
    Invitation.objects.filter(survey=survey).update(created_at=_aware(opens - timedelta(days=1), 15))
    # Responses are stored in a random order: their ids are random and they carry no time.
    rng.shuffle(responses)
    Response.objects.bulk_create(responses)
    Answer.objects.bulk_create(answers, batch_size=500)
    ResponseTally.objects.bulk_create(
        ResponseTally(tenant=survey.tenant, survey=survey, day=day, count=count) for day, count in sorted(days.items())
    )


def _draw_answers(response, questions, rng: random.Random, *, profile, number, texts, others, associations):
    rows: list[Answer] = []
    given: dict[str, str] = {}
    for spec, question, choices in questions:
        if spec.show_if and given.get(spec.show_if[0]) != spec.show_if[1]:
            continue
        if not spec.required and rng.random() >= spec.answered:
            continue
        base = {"tenant": question.tenant, "response": response, "question": question}
        labels = list(spec.choices)
        kind = spec.kind
        if kind == QuestionKind.SINGLE_CHOICE:
            label = rng.choices(labels, weights=_weights(spec, profile, len(labels)))[0]
            given[spec.text] = label
            rows.append(Answer(choice=choices[label], **base))
        elif kind == QuestionKind.MULTIPLE_CHOICE:
            weights = dict(zip(labels, _weights(spec, profile, len(labels)), strict=True))
            for _pick in range(rng.randint(*spec.picks)):
                pool = [label for label, weight in weights.items() if weight > 0]
                if not pool:
                    break
                label = rng.choices(pool, weights=[weights[label] for label in pool])[0]
                weights[label] = 0
                rows.append(Answer(choice=choices[label], **base))
            if others[question.pk] and rng.random() < spec.other_rate:
                rows.append(Answer(text=others[question.pk].pop(), **base))
        elif kind == QuestionKind.SCALE:
            if spec.fixed:
                rows.append(Answer(number=spec.fixed[number % len(spec.fixed)], **base))
            elif rng.random() < spec.dont_know:
                rows.append(Answer(dont_know=True, **base))
            else:
                rows.append(Answer(number=rng.choices(range(1, 6), weights=_weights(spec, profile, 5))[0], **base))
        elif kind == QuestionKind.YES_NO:
            yes = rng.choices([True, False], weights=_weights(spec, profile, 2))[0]
            given[spec.text] = YES if yes else NO
            rows.append(Answer(number=1 if yes else 0, **base))
        elif kind == QuestionKind.NUMBER:
            low, high, mode = spec.number_range
            rows.append(Answer(number=round(rng.triangular(low, high, mode)), **base))
        elif kind == QuestionKind.ORGANISATION:
            if associations:
                rows.append(Answer(organisation_id=rng.choice(associations), **base))
        elif texts[question.pk]:
            # Each free text is written once: a short, believable answer.
            rows.append(Answer(text=texts[question.pk].pop(), **base))
    return rows
