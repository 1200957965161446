"""Anonymity that holds: after answers to an anonymous survey, through personal invitations and the open link, the
tables themselves hold nothing that links a response to a person or an invitation, or dates it."""

import uuid

import pytest
from django.db import connection, models
from django.test import Client
from django.utils import timezone
from django_scopes import scopes_disabled

from frivillig.core.models import AccessEntry, AuditEntry
from frivillig.surveys.enums import QuestionKind, SurveyStatus
from frivillig.surveys.models import Answer, Invitation, Response, ResponseTally
from frivillig.surveys.tests.helpers import choices_of, make_invitation, make_question, make_section, make_survey, url
from frivillig.testing import make_person

# Words in a column's name that would tell who or when.
TELLING = ("invitation", "person", "user", "email", "created", "updated", "submitted_at", "_at", "time", "date", "ip")


@pytest.fixture
def survey(personas):
    survey = make_survey(
        personas.tenant,
        title="Samarbejdet med kommunen",
        is_anonymous=True,
        status=SurveyStatus.OPEN,
        open_link_token="aabent-link",
    )
    section = make_section(survey, title="Samarbejdet")
    make_question(section, QuestionKind.SCALE, text="Hvor godt fungerer samarbejdet?", scale_points=5, required=True)
    make_question(section, QuestionKind.MULTIPLE_CHOICE, text="Hvad bruger I?", choices=["Puljen", "Rådgivning"])
    make_question(section, QuestionKind.LONG_TEXT, text="Hvad kan blive bedre?")
    make_question(section, QuestionKind.ORGANISATION, text="Hvilken forening?")
    return survey


def answer_page(survey, personas, scale: str) -> dict:
    with scopes_disabled():
        scale_q, used, better, association = survey.sections.get().questions.order_by("position")
    return {
        "afsnit": str(scale_q.section_id),
        "handling": "frem",
        f"q{scale_q.pk}": scale,
        f"q{used.pk}": [str(choice.pk) for choice in choices_of(used)],
        f"q{better.pk}": "Færre skemaer.",
        f"q{association.pk}": str(personas.organisation.pk),
        "website": "",
    }


@pytest.fixture
def answered(survey, personas):
    """Two invited people (known to the CRM, with their associations) and one visitor through the open link."""
    people = [
        make_person(personas.tenant, full_name="Anna Anonym", email="anna@example.org"),
        make_person(personas.tenant, full_name="Bent Anonym", email="bent@example.org"),
    ]
    invitations = [
        make_invitation(
            survey,
            email=person.email,
            person=person,
            organisation=personas.organisation,
            sent_at=timezone.now(),
        )
        for person in people
    ]
    with scopes_disabled():
        audit_before = set(AuditEntry.objects.values_list("pk", flat=True))
        access_before = AccessEntry.objects.count()
    for number, invitation in enumerate(invitations):
        client = Client()
        half = answer_page(survey, personas, "3") | {"handling": "gem"}
        client.post(url("respond", token=invitation.token), half)
        client.post(url("respond", token=invitation.token), answer_page(survey, personas, str(number + 4)))
    Client().post(url("respond_open", token="aabent-link"), answer_page(survey, personas, "1"))
    with scopes_disabled():
        new_audit = list(AuditEntry.objects.exclude(pk__in=audit_before))
        new_access = AccessEntry.objects.count() - access_before
    return {"people": people, "invitations": invitations, "new_audit": new_audit, "new_access": new_access}


def columns(model) -> list[str]:
    with connection.cursor() as cursor:
        return [column.name for column in connection.introspection.get_table_description(cursor, model._meta.db_table)]


def rows(model, survey) -> list[dict]:
    with scopes_disabled():
        if model is Answer:
            return list(Answer.objects.filter(response__survey=survey).values())
        return list(model.objects.filter(survey=survey).values())


def test_the_response_and_answer_tables_have_no_column_that_tells_who_or_when(db):
    for model in (Response, Answer):
        # Whom a named survey's response is from (and the association an answer chose): empty in an anonymous
        # survey, which the tests below read from the rows.
        names = [name for name in columns(model) if name not in {"person_id", "organisation_id"}]
        telling = [name for name in names if any(word in name for word in TELLING)]
        assert telling == [], (model.__name__, telling)
        assert not [
            field
            for field in model._meta.get_fields()
            if isinstance(field, models.DateField | models.DateTimeField | models.TimeField)
        ]


def test_a_response_has_no_relation_to_an_invitation():
    for model in (Response, Answer):
        related = {field.related_model for field in model._meta.get_fields() if field.is_relation}
        assert Invitation not in related, model.__name__
    assert Response not in {field.related_model for field in Invitation._meta.get_fields() if field.is_relation}


def test_ids_are_random_uuids_not_counters(survey, personas, answered):
    response_rows = rows(Response, survey)
    answer_rows = rows(Answer, survey)
    assert len(response_rows) == 3
    for row in response_rows + answer_rows:
        assert isinstance(row["id"], uuid.UUID) and row["id"].version == 4


def test_the_stored_rows_hold_no_person_organisation_invitation_or_time(survey, personas, answered):
    invitation_ids = {str(invitation.pk) for invitation in answered["invitations"]}
    tokens = {invitation.token for invitation in answered["invitations"]}
    for row in rows(Response, survey):
        assert row["person_id"] is None and row["organisation_id"] is None
        values = {str(value) for value in row.values()}
        assert not values & tokens
    for row in rows(Answer, survey):
        # Not even the association chosen in an answer: in an anonymous survey it would name the respondent.
        assert row["organisation_id"] is None
        assert not {str(value) for value in row.values()} & tokens
    with scopes_disabled():
        stored_texts = list(Answer.objects.filter(response__survey=survey).values_list("text", flat=True))
    assert not [text for text in stored_texts if text and text in invitation_ids]


def test_the_invitation_only_learns_that_it_was_used(survey, answered):
    for invitation in answered["invitations"]:
        with scopes_disabled():
            stored = Invitation.objects.get(pk=invitation.pk)
        assert stored.responded and stored.draft == {}
        assert stored.reminders_sent == 0 and stored.last_reminded_at is None
        assert stored.sent_at == invitation.sent_at


def test_the_tally_holds_counts_by_day_only(survey, answered):
    assert sorted(columns(ResponseTally)) == ["count", "day", "id", "survey_id", "tenant_id"]
    (tally,) = rows(ResponseTally, survey)
    assert tally["count"] == 3


def test_the_audit_and_access_logs_hold_nothing_that_links_them(survey, answered):
    people = answered["people"]
    needles = {str(invitation.pk) for invitation in answered["invitations"]}
    needles |= {invitation.token for invitation in answered["invitations"]}
    needles |= {person.full_name for person in people} | {person.email for person in people}
    needles |= {str(row["id"]) for row in rows(Response, survey)}
    for entry in answered["new_audit"]:
        text = " ".join([entry.code, entry.target_type, entry.target_id, entry.target_label, str(entry.data)])
        assert not [needle for needle in needles if needle in text], entry.code
        assert "invitation" not in str(entry.data)
    assert answered["new_access"] == 0


def test_no_submission_of_an_anonymous_survey_is_written_to_the_audit_log(survey, answered):
    assert [entry.code for entry in answered["new_audit"] if entry.code.startswith("surveys.response")] == []
