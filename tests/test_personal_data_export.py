"""Right of access: the export of everything held about one person, read through the register of personal data."""

import datetime
import json
from pathlib import Path

import pytest
from django.utils import translation

from frivillig.core.access_log import log_access
from frivillig.core.personal_data import person_data_export, personal_data_export
from frivillig.core.scoping import unscoped
from frivillig.core.services import log_action
from frivillig.testing import UserFactory, make_opportunity, make_person

SCHEMA = json.loads(
    (Path(__file__).resolve().parent.parent / "frivillig" / "core" / "schemas" / "personal_data.json").read_text()
)

_TYPES = {
    "string": str,
    "number": (int, float),
    "boolean": bool,
    "null": type(None),
    "array": list,
    "object": dict,
}


def _validate(value, schema, where="$"):
    """The part of JSON Schema the export's schema uses (jsonschema is not installed): type, const, enum,
    required, properties, additionalProperties: false, items. Returns the problems found."""
    problems = []
    if "const" in schema and value != schema["const"]:
        problems.append(f"{where}: {value!r} is not {schema['const']!r}")
    if "enum" in schema and value not in schema["enum"]:
        problems.append(f"{where}: {value!r} is not one of {schema['enum']}")
    if "type" in schema:
        kinds = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        ok = any(
            isinstance(value, _TYPES[kind]) and not (kind == "number" and isinstance(value, bool)) for kind in kinds
        )
        if not ok:
            problems.append(f"{where}: {value!r} is not of type {kinds}")
            return problems
    if isinstance(value, dict):
        for name in schema.get("required", []):
            if name not in value:
                problems.append(f"{where}: {name} is missing")
        properties = schema.get("properties", {})
        for name, item in value.items():
            if name in properties:
                problems += _validate(item, properties[name], f"{where}.{name}")
            elif schema.get("additionalProperties") is False:
                problems.append(f"{where}: {name} is not in the schema")
    if isinstance(value, list) and "items" in schema:
        for index, item in enumerate(value):
            problems += _validate(item, schema["items"], f"{where}[{index}]")
    return problems


def test_the_validator_refuses_what_the_schema_does_not_allow():
    assert _validate({"schema": "other"}, SCHEMA)
    assert _validate({}, SCHEMA)


def _person_with_data_everywhere(personas, *, email, name, note, message):
    """An account with a contact record in each tenant, an interaction, a volunteer profile, an application with
    its history, a reading of the contact's notes, and an audit entry about the account."""
    from frivillig.crm.models import Interaction
    from frivillig.events.tests.helpers import make_event, make_registration
    from frivillig.volunteering.models import Application, ApplicationEvent, VolunteerProfile

    user = UserFactory(email=email, full_name=name, phone="11223344")
    staff = personas.user("centre_staff")
    with unscoped("Test data in two tenants."):
        alfa = make_person(personas.tenant, full_name=name, email=email, user=user, notes=note)
        charlie = make_person(personas.other_tenant, full_name=name, email=email, user=user, notes=note)
        interaction = Interaction.objects.create(
            tenant=personas.tenant, kind="meeting", happened_on=datetime.date(2026, 1, 5), summary=f"Talked: {note}"
        )
        interaction.people.add(alfa)
        VolunteerProfile.objects.create(user=user, private_notes=f"Private: {note}")
        opportunity = make_opportunity(personas.organisation, title=f"Opportunity for {name}")
        application = Application.objects.create(
            tenant=personas.tenant, opportunity=opportunity, full_name=name, email=email.upper(), message=message
        )
        ApplicationEvent.objects.create(
            tenant=personas.tenant, application=application, to_status="new", message=f"Event: {message}"
        )
        course = make_event(personas.tenant, title=f"Course for {name}")
        make_registration(course, email=email, full_name=name, user=user, extra_answer=f"Answer: {message}")
    log_access(actor=staff, tenant=personas.tenant, subject=alfa, what="crm.person.notes")
    log_action("accounts.user.profile_updated", actor=user, target=user)
    return user, alfa, charlie


def _text(export) -> str:
    return json.dumps(export, ensure_ascii=False)


@pytest.fixture
def two_people(personas):
    first = _person_with_data_everywhere(
        personas, email="anna@example.org", name="Anna Andersen", note="ANNA-NOTE", message="ANNA-MESSAGE"
    )
    second = _person_with_data_everywhere(
        personas, email="bent@example.org", name="Bent Bentsen", note="BENT-NOTE", message="BENT-MESSAGE"
    )
    return first, second


def test_export_holds_the_persons_data_from_every_app_and_tenant_and_nobody_elses(two_people):
    (user, _alfa, _charlie), _second = two_people
    with translation.override("da"):
        export = personal_data_export(user=user)
    text = _text(export)
    kinds = {record["kind"] for section in export["sections"] for record in section["records"]}
    assert {
        "accounts.user",
        "crm.person",
        "crm.interaction",
        "volunteering.volunteerprofile",
        "volunteering.application",
        "volunteering.applicationevent",
        "events.registration",
    } <= kinds
    tenants = {record["tenant"] for section in export["sections"] for record in section["records"]}
    assert {"Alfa", "Charlie"} <= tenants
    for own in [
        "anna@example.org",
        "Anna Andersen",
        "ANNA-NOTE",
        "ANNA-MESSAGE",
        "Event: ANNA-MESSAGE",
        "Answer: ANNA-MESSAGE",
    ]:
        assert own in text
    for foreign in ["bent@example.org", "Bent Bentsen", "BENT-NOTE", "BENT-MESSAGE"]:
        assert foreign not in text
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
            assert _validate(personal_data_export(user=user), SCHEMA) == []
            assert _validate(person_data_export(person=alfa), SCHEMA) == []


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
