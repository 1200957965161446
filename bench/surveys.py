"""The benchmark's survey (issue 13 "Performance"): a named needs analysis with 40 questions of every closed and
open kind and 2,000 responses at scale 1.0 (other scales multiply the responses, at least 20), each from one of the
first tenant's organisations, and the centre's staff member who reads its results.

The results page is measured as that staff member: bench.plan makes a session for them (second factor given, as
`django_otp.login` marks it) and hands its cookie to bench.load, since the load generator cannot type a code."""

from __future__ import annotations

import random

from django.db import transaction

# The survey and the staff login bench.plan looks for.
SURVEY_TITLE = "Benchmark: behovsanalyse med 40 spørgsmål"
STAFF_EMAIL = "bench-staff@example.org"
FULL_RESPONSES = 2000

# (kind, how many) making up the 40 questions, in the survey's order.
QUESTION_MIX = [
    ("single_choice", 10),
    ("multiple_choice", 6),
    ("scale", 8),
    ("yes_no", 6),
    ("number", 4),
    ("short_text", 3),
    ("long_text", 3),
]
CHOICES = ["Slet ikke", "Lidt", "Noget", "Meget", "Rigtig meget"]
TEXTS = [
    "Vi mangler især unge frivillige.",
    "Det er svært at finde nye bestyrelsesmedlemmer.",
    "Et kursus i rekruttering ville hjælpe os.",
    "Vi vil gerne samarbejde mere med kommunen.",
    "Synlighed på sociale medier er vores største udfordring.",
]


def responses_at(scale: float) -> int:
    return max(20, round(FULL_RESPONSES * scale))


def make_survey_data(*, scale: float, rng: random.Random, batch_size: int, counts: dict) -> None:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from frivillig.accounts.models import User
    from frivillig.crm.models import Organisation
    from frivillig.surveys.enums import SurveyStatus
    from frivillig.surveys.models import Answer, Choice, Question, Response, Section, Survey
    from frivillig.tenants.enums import Role
    from frivillig.tenants.models import Membership, Tenant

    tenant = Tenant.objects.order_by("pk").first()
    organisation_ids = list(Organisation.objects.filter(tenant=tenant).order_by("pk").values_list("pk", flat=True))
    with transaction.atomic():
        staff = User.objects.create_user(STAFF_EMAIL, None, full_name="Benchmark Centermedarbejder", is_active=True)
        Membership.objects.create(tenant=tenant, user=staff, role=Role.CENTRE_STAFF)
        TOTPDevice.objects.create(user=staff, name="authenticator", confirmed=True)
        survey = Survey.objects.create(tenant=tenant, title=SURVEY_TITLE, status=SurveyStatus.CLOSED)
        questions = []
        number = 0
        for section_number, (kind, count) in enumerate(QUESTION_MIX, start=1):
            section = Section.objects.create(
                tenant=tenant, survey=survey, title=f"Afsnit {section_number}", position=section_number
            )
            for position in range(1, count + 1):
                number += 1
                question = Question.objects.create(
                    tenant=tenant,
                    section=section,
                    position=position,
                    kind=kind,
                    text=f"Spørgsmål {number}: hvordan oplever I rekrutteringen af frivillige?",
                    scale_points=5 if kind == "scale" else None,
                    allow_dont_know=kind == "scale",
                    allow_other=kind == "multiple_choice",
                    number_min=0 if kind == "number" else None,
                    number_max=500 if kind == "number" else None,
                )
                choices = []
                if kind in ("single_choice", "multiple_choice"):
                    choices = Choice.objects.bulk_create(
                        Choice(tenant=tenant, question=question, label=label, position=index)
                        for index, label in enumerate(CHOICES, start=1)
                    )
                questions.append((question, [choice.pk for choice in choices]))
        counts["survey questions"] = len(questions)

    total = responses_at(scale)
    responses = [
        Response(tenant=tenant, survey=survey, organisation_id=rng.choice(organisation_ids), submitted=True)
        for _ in range(total)
    ]
    with transaction.atomic():
        Response.objects.bulk_create(responses, batch_size=batch_size)
    counts["survey responses"] = total

    def answers():
        for response in responses:
            for question, choice_ids in questions:
                kind = question.kind
                if rng.random() < (0.4 if kind in ("short_text", "long_text") else 0.92):
                    base = {"tenant_id": tenant.pk, "response_id": response.pk, "question_id": question.pk}
                    if kind == "single_choice":
                        yield Answer(**base, choice_id=rng.choice(choice_ids))
                    elif kind == "multiple_choice":
                        for choice_id in rng.sample(choice_ids, rng.randint(1, 3)):
                            yield Answer(**base, choice_id=choice_id)
                        if rng.random() < 0.1:
                            yield Answer(**base, text=rng.choice(TEXTS))
                    elif kind == "scale":
                        if rng.random() < 0.05:
                            yield Answer(**base, dont_know=True)
                        else:
                            yield Answer(**base, number=rng.randint(1, 5))
                    elif kind == "yes_no":
                        yield Answer(**base, number=rng.randint(0, 1))
                    elif kind == "number":
                        yield Answer(**base, number=rng.randint(0, 500))
                    else:
                        yield Answer(**base, text=rng.choice(TEXTS))

    batch = []
    written = 0
    for answer in answers():
        batch.append(answer)
        if len(batch) >= batch_size:
            with transaction.atomic():
                Answer.objects.bulk_create(batch)
            written += len(batch)
            batch = []
    if batch:
        with transaction.atomic():
            Answer.objects.bulk_create(batch)
        written += len(batch)
    counts["survey answers"] = written


def staff_session_cookie(host: str = "127.0.0.1") -> str:
    """A Cookie header for the benchmark's staff member: logged in, second factor given (as django_otp.login marks
    a session), stored in the database the servers share."""
    from django.conf import settings
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from frivillig.accounts.models import User

    staff = User.objects.get(email=STAFF_EMAIL)
    client = Client(HTTP_HOST=host)
    client.force_login(staff)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = TOTPDevice.objects.get(user=staff).persistent_id
    session.save()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"
