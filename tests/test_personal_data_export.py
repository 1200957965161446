"""Right of access: the export of everything held about one person, read through the register of personal data.

The export is validated against its documented schema (frivillig/core/schemas/personal_data.json) by jsonschema's
validator for the draft the schema declares."""

import copy
import datetime
import json
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest
from django.utils import timezone, translation

from frivillig.core import privacy, registry
from frivillig.core.access_log import log_access
from frivillig.core.personal_data import person_data_export, personal_data_export
from frivillig.core.scoping import unscoped
from frivillig.core.services import log_action
from frivillig.testing import UserFactory, give_second_factor, make_opportunity, make_person

SCHEMA = json.loads(
    (Path(__file__).resolve().parent.parent / "frivillig" / "core" / "schemas" / "personal_data.json").read_text()
)


def _validate(export, schema=SCHEMA) -> list[str]:
    """What the validator of the JSON Schema draft the schema declares ($schema) finds wrong with an export, each
    with where; empty when it is valid. (The consent tests in accounts use it too.)"""
    validator = jsonschema.validators.validator_for(schema)(schema)
    return [
        f"{error.json_path}: {error.message}"
        for error in sorted(validator.iter_errors(export), key=lambda error: list(error.path))
    ]


def test_the_schema_is_a_valid_json_schema_of_the_draft_it_declares():
    assert jsonschema.validators.validator_for(SCHEMA) is jsonschema.Draft202012Validator
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def _person_with_data_everywhere(personas, *, email, name, note, message, page_kind):
    """An account with data in every app that declares personal data: a contact record in each tenant (with a role
    in an association, a collaboration and an interaction), consents, roles in both tenants (a representative in
    one, staff in the other) and the invitations to them, second-factor login, a volunteer profile, an application
    with its history and a note, an opportunity they are the contact of, a named survey response with its answers
    and an invitation to it, an event registration with attendance, the events, campaign and dialogue input they
    created, the content page they last changed, the plan they created with a value they entered and a report
    version they published, a reading of the contact's notes, and audit entries about and by the account.
    `page_kind`: which of the tenant's content pages they changed (one page per kind)."""
    from frivillig.communication.models import ContentPage
    from frivillig.core.consent import consent_give, consent_withdraw
    from frivillig.crm.models import (
        CollaborationRelation,
        Interaction,
        OrganisationRole,
        RepresentativeInvitation,
        RepresentativeRequest,
    )
    from frivillig.crm.privacy import CONTACT_CONSENT
    from frivillig.events.enums import AttendanceStatus
    from frivillig.events.models import Attendance, Campaign, DialogueInput, EventSession
    from frivillig.events.tests.helpers import make_event, make_registration
    from frivillig.strategy.models import ManualValue, ReportVersion, StatusReport
    from frivillig.strategy.tests.helpers import make_goal, make_plan, make_target
    from frivillig.surveys.enums import QuestionKind
    from frivillig.surveys.tests.helpers import make_invitation, make_question, make_section, make_survey, respond
    from frivillig.tenants.enums import Role
    from frivillig.tenants.models import Invitation
    from frivillig.testing import give_second_factor, grant
    from frivillig.volunteering.models import Application, ApplicationEvent, ApplicationNote, VolunteerProfile
    from frivillig.volunteering.privacy import SUGGESTIONS_CONSENT

    user = UserFactory(email=email, full_name=name, phone="11223344", two_factor_since=timezone.now())
    give_second_factor(user)
    staff = personas.user("centre_staff")
    grant(user, personas.tenant, Role.ASSOCIATION_REP, organisation=personas.other_organisation)
    grant(user, personas.other_tenant, Role.CENTRE_STAFF)
    with unscoped("Test data in two tenants."):
        alfa = make_person(personas.tenant, full_name=name, email=email, user=user, notes=note)
        charlie = make_person(personas.other_tenant, full_name=name, email=email, user=user, notes=note)
        OrganisationRole.objects.create(
            tenant=personas.tenant, organisation=personas.organisation, person=alfa, role=f"Role: {message}"
        )
        CollaborationRelation.objects.create(
            tenant=personas.tenant, person=alfa, topic="Mentoring", started_on=datetime.date(2026, 1, 1), note=note
        )
        interaction = Interaction.objects.create(
            tenant=personas.tenant, kind="meeting", happened_on=datetime.date(2026, 1, 5), summary=f"Talked: {note}"
        )
        interaction.people.add(alfa)
        RepresentativeRequest.objects.create(
            tenant=personas.tenant,
            organisation=personas.organisation,
            full_name=name,
            email=email,
            message=f"Request: {message}",
        )
        invitation = Invitation.objects.create(
            tenant=personas.tenant, email=email, role=Role.ASSOCIATION_REP, invited_by=staff
        )
        RepresentativeInvitation.objects.create(
            tenant=personas.tenant, invitation=invitation, organisation=personas.organisation, full_name=name
        )
        ContentPage.objects.update_or_create(
            tenant=personas.tenant,
            kind=page_kind,
            defaults={"body_da": "Tekst", "body_en": "Text", "updated_by": user},
        )

        VolunteerProfile.objects.create(user=user, private_notes=f"Private: {note}")
        opportunity = make_opportunity(personas.organisation, title=f"Opportunity for {name}", contact_person=alfa)
        application = Application.objects.create(
            tenant=personas.tenant, opportunity=opportunity, full_name=name, email=email.upper(), message=message
        )
        ApplicationEvent.objects.create(
            tenant=personas.tenant, application=application, to_status="new", message=f"Event: {message}"
        )
        ApplicationNote.objects.create(
            tenant=personas.tenant, application=application, author=staff, text=f"Note: {message}"
        )

        survey = make_survey(personas.tenant, title=f"Survey for {name}", created_by=user)
        question = make_question(make_section(survey), QuestionKind.LONG_TEXT, text="What can the centre do?")
        make_invitation(survey, email=email, person=alfa, organisation=personas.organisation, responded=True)
        respond(survey, {question: f"Survey answer: {message}"}, person=alfa, organisation=personas.organisation)

        course = make_event(personas.tenant, title=f"Course for {name}", created_by=user)
        registration = make_registration(
            course, email=email, full_name=name, user=user, extra_answer=f"Answer: {message}"
        )
        Attendance.objects.create(
            tenant=personas.tenant,
            registration=registration,
            session=EventSession.objects.get(event=course),
            status=AttendanceStatus.ATTENDED,
            recorded_by=staff,
        )
        DialogueInput.objects.create(
            tenant=personas.tenant, event=course, text="An idea", created_by=user, responsible=user
        )
        Campaign.objects.create(
            tenant=personas.tenant,
            title=f"Campaign of {name}",
            starts_on=datetime.date(2026, 3, 1),
            ends_on=datetime.date(2026, 4, 1),
            created_by=user,
        )

        plan = make_plan(personas.tenant, title=f"Plan of {name}", created_by=user)
        ManualValue.objects.create(
            tenant=personas.tenant,
            target=make_target(make_goal(plan)),
            value=Decimal(3),
            measured_on=datetime.date(2017, 6, 1),
            note="Minutes of the meeting",
            entered_by=user,
        )
        report = StatusReport.objects.create(tenant=personas.tenant, plan=plan, year=2017)
        ReportVersion.objects.create(
            tenant=personas.tenant, report=report, number=1, as_of=timezone.now(), content={}, published_by=user
        )
    consent_give(purpose=CONTACT_CONSENT, subject=alfa, method="web_form", actor=None)
    # Given, withdrawn and given again: the ledger keeps both.
    consent_give(purpose=SUGGESTIONS_CONSENT, subject=user, method="web_form", actor=None)
    consent_withdraw(purpose=SUGGESTIONS_CONSENT, subject=user, method="web_form", actor=None)
    consent_give(purpose=SUGGESTIONS_CONSENT, subject=user, method="web_form", actor=None)
    log_access(actor=staff, tenant=personas.tenant, subject=alfa, what="crm.person.notes")
    log_action("accounts.user.profile_updated", actor=user, target=user)
    return user, alfa, charlie


def _text(export) -> str:
    return json.dumps(export, ensure_ascii=False)


@pytest.fixture
def two_people(personas):
    first = _person_with_data_everywhere(
        personas,
        email="anna@example.org",
        name="Anna Andersen",
        note="ANNA-NOTE",
        message="ANNA-MESSAGE",
        page_kind="privacy",
    )
    second = _person_with_data_everywhere(
        personas,
        email="bent@example.org",
        name="Bent Bentsen",
        note="BENT-NOTE",
        message="BENT-MESSAGE",
        page_kind="accessibility",
    )
    return first, second


def _apps_with_personal_data() -> set[str]:
    """The project apps whose register declares a model found by its person and shown in the access export."""
    labels = {config.label for config in registry.project_apps()}
    return {
        declared.app_label
        for declared in privacy.register().models
        if declared.app_label in labels
        and declared.subject
        and declared.model.lower() not in {"core.accessentry", "core.consent"}  # reported in sections of their own
        and any(field.in_access_export for field in declared.fields)
    }


def _field(export, kind: str, name: str) -> list:
    return [
        field["value"]
        for section in export["sections"]
        for record in section["records"]
        if record["kind"] == kind
        for field in record["fields"]
        if field["name"] == name
    ]


def test_export_holds_the_persons_data_from_every_app_and_tenant_and_nobody_elses(two_people):
    (user, _alfa, _charlie), _second = two_people
    with translation.override("da"):
        export = personal_data_export(user=user)
    text = _text(export)
    assert {section["app"] for section in export["sections"]} == _apps_with_personal_data()
    kinds = {record["kind"] for section in export["sections"] for record in section["records"]}
    assert {
        "core.auditentry",
        "accounts.user",
        "tenants.membership",
        "tenants.invitation",
        "communication.contentpage",
        "crm.person",
        "crm.organisationrole",
        "crm.interaction",
        "crm.collaborationrelation",
        "crm.representativerequest",
        "crm.representative",
        "crm.representativeinvitation",
        "volunteering.opportunity",
        "volunteering.volunteerprofile",
        "volunteering.application",
        "volunteering.applicationevent",
        "volunteering.applicationnote",
        "surveys.invitation",
        "surveys.survey",
        "surveys.response",
        "surveys.answer",
        "events.registration",
        "events.attendance",
        "events.event",
        "events.dialogueinput",
        "events.campaign",
        "strategy.plan",
        "strategy.manualvalue",
        "strategy.reportversion",
    } <= kinds
    tenants = {record["tenant"] for section in export["sections"] for record in section["records"]}
    assert {"Alfa", "Charlie"} <= tenants
    for own in [
        "anna@example.org",
        "Anna Andersen",
        "ANNA-NOTE",
        "ANNA-MESSAGE",
        "Event: ANNA-MESSAGE",
        "Note: ANNA-MESSAGE",
        "Request: ANNA-MESSAGE",
        "Answer: ANNA-MESSAGE",
        "Survey answer: ANNA-MESSAGE",
    ]:
        assert own in text
    for foreign in ["bent@example.org", "Bent Bentsen", "BENT-NOTE", "BENT-MESSAGE"]:
        assert foreign not in text
    # Two-factor login: since when, never the authenticator's secret key.
    assert _field(export, "accounts.user", "two_factor_since") == [user.two_factor_since.isoformat()]
    assert give_second_factor(user).key not in text
    assert sorted(_field(export, "tenants.membership", "role")) == ["association_rep", "centre_staff"]
    # The people who created, entered or published something in the strategy: the account, by name.
    for kind, link in [
        ("strategy.plan", "created_by"),
        ("strategy.manualvalue", "entered_by"),
        ("strategy.reportversion", "published_by"),
    ]:
        assert _field(export, kind, link) == ["Anna Andersen"]
    assert sorted((consent["purpose"], consent["withdrawn_at"] is None) for consent in export["consents"]) == [
        ("crm.contact", True),
        ("volunteering.suggestions", False),
        ("volunteering.suggestions", True),
    ]
    assert [read["reader"] for read in export["sensitive_reads"]] == ["Alfa Centre Staff"]
    assert len(export["audit_entries_about_you"]) >= 1


def test_export_leaves_out_what_the_register_keeps_out(two_people):
    (user, _alfa, _charlie), _second = two_people
    export = personal_data_export(user=user)
    names = {
        (record["kind"], field["name"])
        for section in export["sections"]
        for record in section["records"]
        for field in record["fields"]
    }
    assert ("accounts.user", "password") not in names
    assert user.password not in _text(export)


def test_export_validates_against_the_documented_schema(two_people):
    (user, alfa, _charlie), _second = two_people
    for language in ["da", "en"]:
        with translation.override(language):
            assert _validate(personal_data_export(user=user)) == []
            assert _validate(person_data_export(person=alfa)) == []


def _broken(export, change):
    broken = copy.deepcopy(export)
    change(broken)
    return broken


def _first_record(export) -> dict:
    return export["sections"][0]["records"][0]


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (lambda export: export.pop("sections"), "$: 'sections' is a required property"),
        (lambda export: export["subject"].pop("email"), "$.subject: 'email' is a required property"),
        (lambda export: _first_record(export).pop("kind"), "$.sections[0].records[0]: 'kind' is a required property"),
        (lambda export: export["consents"][0].pop("text"), "$.consents[0]: 'text' is a required property"),
        (lambda export: export.update(schema="frivillig-personal-data/2"), "$.schema: 'frivillig-personal-data/1'"),
        (lambda export: export.update(language="sv"), "$.language: 'sv' is not one of ['da', 'en']"),
        (lambda export: export.update(sections={}), "$.sections: {} is not of type 'array'"),
        (lambda export: _first_record(export).update(tenant=7), "$.sections[0].records[0].tenant: 7 is not of type"),
        (lambda export: export["sensitive_reads"][0].update(when=None), "$.sensitive_reads[0].when: None is not"),
        (lambda export: export.update(generated_at="yesterday"), "$.generated_at: 'yesterday' does not match"),
        (lambda export: _first_record(export).update(kind="User"), "$.sections[0].records[0].kind: 'User'"),
        (lambda export: export["subject"].update(phone="11223344"), "$.subject: Additional properties"),
    ],
)
def test_a_broken_export_fails_validation(two_people, change, problem):
    (user, _alfa, _charlie), _second = two_people
    export = personal_data_export(user=user)
    assert _validate(export) == []
    problems = _validate(_broken(export, change))
    assert any(found.startswith(problem) for found in problems), problems


def test_labels_follow_the_persons_language(two_people):
    (user, _alfa, _charlie), _second = two_people
    with translation.override("en"):
        english = personal_data_export(user=user)
    with translation.override("da"):
        danish = personal_data_export(user=user)
    assert english["language"] == "en" and danish["language"] == "da"
    assert "User accounts" in [section["title"] for section in english["sections"]]
    assert "Brugerkonti" in [section["title"] for section in danish["sections"]]


def test_an_unconfirmed_address_claims_no_application(personas):
    from frivillig.volunteering.models import Application

    user = UserFactory(email="guest@example.org", email_verified_at=None)
    with unscoped("Test data."):
        Application.objects.create(
            tenant=personas.tenant,
            opportunity=make_opportunity(personas.organisation),
            full_name="Someone Else",
            email="guest@example.org",
            message="NOT-YOURS",
        )
    assert "NOT-YOURS" not in _text(personal_data_export(user=user))


def test_contact_export_stays_in_the_contacts_tenant(two_people):
    (_user, alfa, _charlie), _second = two_people
    export = person_data_export(person=alfa)
    tenants = {record["tenant"] for section in export["sections"] for record in section["records"]}
    assert tenants == {"Alfa"}
    text = _text(export)
    assert "ANNA-MESSAGE" in text and "BENT" not in text
    assert export["subject"]["kind"] == "contact"
