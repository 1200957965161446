"""The register of personal data classifies every field of every personal-data model (issue 12).

A new field on a declared model, or a new model with a field named like personal data or a link to a person (a
relation to a user account or a contact, or a generic reference), fails here with a sentence that says which field
and in which app's privacy.py to declare it.
"""

import dataclasses

import pytest
from django.test import modify_settings
from django.utils import translation

from frivillig.core import privacy, registry
from frivillig.core.privacy import UNCHANGED, Category, Erasure, LegalBasis, Retention


def test_every_field_of_every_personal_data_model_is_classified():
    assert privacy.problems() == []


def test_every_project_app_with_personal_data_declares_it_in_its_own_privacy_module():
    found = privacy.register()
    assert {declared.app_label for declared in found.models} == {
        "core",
        "accounts",
        "tenants",
        "communication",
        "crm",
        "volunteering",
        "surveys",
        "events",
        "strategy",
        # Django's own: the logins and the admin's log, declared by core on the platform's behalf.
        "sessions",
        "admin",
    }
    assert found.declared_in["volunteering.application"] == "frivillig.volunteering.privacy"
    assert found.declared_in["sessions.session"] == found.declared_in["admin.logentry"] == "frivillig.core.privacy"
    assert found.for_model("accounts.User").subject == "pk"


def test_the_register_marks_what_the_issue_calls_confidential():
    found = privacy.register()

    def category(model: str, name: str) -> str:
        return next(field.category for field in found.for_model(model).resolved_fields() if field.name == name)

    assert category("crm.Person", "notes") == Category.CONFIDENTIAL
    assert category("volunteering.VolunteerProfile", "private_notes") == Category.CONFIDENTIAL
    assert category("volunteering.Application", "email") == Category.ORDINARY
    # A field without its own purpose takes its model's.
    application = found.for_model("volunteering.Application")
    email = next(field for field in application.resolved_fields() if field.name == "email")
    assert email.purpose_en == application.purpose_en
    assert email.legal_basis == LegalBasis.CONTRACT


@pytest.fixture
def privacy_app_installed():
    with modify_settings(INSTALLED_APPS={"append": "tests.privacy_app"}):
        yield


def test_a_new_app_with_an_unclassified_field_fails_and_is_told_where_to_declare_it(privacy_app_installed):
    assert registry.registered()["privacy"][-1] == "privacy_app"
    found = [message for message in privacy.problems() if message.startswith("privacy_app.")]
    assert found == [
        "privacy_app.Visitor.host links to a person (accounts.User) but is named in not_personal in "
        "tests.privacy_app.privacy: a link to a person is personal data; classify it with PersonalField('host', ...).",
        "privacy_app.Visitor.mobile is not classified: add PersonalField('mobile', ...) to the "
        "PersonalModel('privacy_app.Visitor') in tests.privacy_app.privacy, or name it in its not_personal if it "
        "holds no personal data.",
        "privacy_app.Visitor states no erasure: add erasure=Erasure.DELETE, Erasure.ANONYMISE or Erasure.KEEP (with "
        "erasure_reason) to its PersonalModel in tests.privacy_app.privacy.",
        "privacy_app.Sign is declared not personal in tests.privacy_app.privacy, but links to a person (object_id → "
        "any record, by a generic reference): a link to a person is personal data; declare the model as "
        "PersonalModel(...) with a PersonalField for each link.",
        "privacy_app.GuestBook has fields named like personal data (email) but is not in the register: declare it "
        "in tests.privacy_app.privacy (MODELS = [PersonalModel(...)], or NOT_PERSONAL with the reason).",
        "privacy_app.Badge links to a person (issued_by → accounts.User) but is not in the register: declare it in "
        "tests.privacy_app.privacy as PersonalModel(...) with a PersonalField for each link (a link to a person is "
        "personal data).",
    ]


def test_a_model_with_an_undeclared_foreign_key_to_a_user_fails_though_no_field_is_named_like_personal_data(
    privacy_app_installed,
):
    from tests.privacy_app.models import Badge

    assert not [name for name in privacy.model_fields(Badge) if privacy.PERSONAL_NAME.search(name)]
    assert [message for message in privacy.problems() if message.startswith("privacy_app.Badge")] == [
        "privacy_app.Badge links to a person (issued_by → accounts.User) but is not in the register: declare it in "
        "tests.privacy_app.privacy as PersonalModel(...) with a PersonalField for each link (a link to a person is "
        "personal data).",
    ]


def test_links_to_people_are_relations_to_accounts_and_contacts_and_generic_references():
    from frivillig.accounts.models import User
    from frivillig.core.models import AccessEntry, AuditEntry
    from frivillig.crm.models import Interaction, Person
    from frivillig.strategy.models import Plan

    people = privacy.person_models(privacy.register())
    assert set(people) == {User, Person}
    assert privacy.links_to_people(Plan, people) == {"created_by": "accounts.User"}
    assert privacy.links_to_people(Interaction, people) == {"staff": "accounts.User", "people": "crm.Person"}
    # A generic reference by content type, and by the model's label.
    assert privacy.links_to_people(AccessEntry, people) == {
        "actor": "accounts.User",
        "subject_id": privacy.GENERIC_REFERENCE,
    }
    assert privacy.links_to_people(AuditEntry, people) == {
        "actor": "accounts.User",
        "target_id": privacy.GENERIC_REFERENCE,
    }


def test_a_link_to_a_person_declared_not_personal_or_left_out_of_the_register_is_a_problem():
    found = privacy.register()
    plan = found.for_model("strategy.Plan")
    _replaced(found, "strategy.Plan", fields=[], not_personal=[*plan.not_personal, "created_by"])
    assert (
        "strategy.Plan.created_by links to a person (accounts.User) but is named in not_personal in "
        "frivillig.strategy.privacy: a link to a person is personal data; classify it with "
        "PersonalField('created_by', ...)."
    ) in privacy.problems(found)
    found.models.remove(found.for_model("strategy.Plan"))
    assert (
        "strategy.Plan links to a person (created_by → accounts.User) but is not in the register: declare it in "
        "frivillig.strategy.privacy as PersonalModel(...) with a PersonalField for each link (a link to a person is "
        "personal data)."
    ) in privacy.problems(found)


def test_strategy_declares_who_created_entered_and_published_and_anonymises_the_link_on_erasure():
    found = privacy.register()
    for label, link in [
        ("strategy.Plan", "created_by"),
        ("strategy.ManualValue", "entered_by"),
        ("strategy.ReportVersion", "published_by"),
    ]:
        declared = found.for_model(label)
        assert declared.subject == link
        assert link in [personal.name for personal in declared.fields]
        assert declared.erasure == Erasure.ANONYMISE
    assert "strategy.manualvalue" not in {declared.model.lower() for declared in found.not_personal}


def test_without_the_app_the_register_is_whole_again():
    assert "privacy_app" not in registry.registered()["privacy"]
    assert privacy.problems() == []


def test_a_declaration_of_a_field_the_model_lacks_is_a_problem(monkeypatch):
    found = privacy.register()
    user = found.for_model("accounts.User")
    wrong = privacy.PersonalModel(
        user.model,
        subject=user.subject,
        purpose_da=user.purpose_da,
        purpose_en=user.purpose_en,
        legal_basis=user.legal_basis,
        retention=user.retention,
        fields=[*user.fields, privacy.PersonalField("shoe_size")],
        not_personal=[*user.not_personal, "email"],
    )
    found.models[found.models.index(user)] = wrong
    messages = privacy.problems(found)
    assert "accounts.User.shoe_size is named in frivillig.accounts.privacy but is no field of the model." in messages
    assert "accounts.User.email is both classified and not personal in frivillig.accounts.privacy." in messages


def test_retention_is_worded_in_danish_and_english_with_the_tenant_default():
    rule = Retention.tenant_setting(
        "closed_application_days",
        label_da="Afsluttede ansøgninger",
        label_en="Closed applications",
        default_days=365,
        minimum_days=30,
        maximum_days=3 * 365,
        after_da="efter at ansøgningen er afsluttet",
        after_en="after the application was closed",
    )
    with translation.override("da"):
        assert rule.describe() == (
            "1 år efter at ansøgningen er afsluttet (standard; centret kan vælge mellem 30 dage–3 år)"
        )
        assert rule.label == "Afsluttede ansøgninger"
    with translation.override("en"):
        assert rule.label == "Closed applications"
        assert rule.describe() == (
            "1 year after the application was closed (the default; the centre may choose from 30 days to 3 years)"
        )
        assert Retention.while_account_exists().describe() == (
            "As long as the user account exists; deleted with the account."
        )
    with pytest.raises(ValueError, match="outside its legal bounds"):
        Retention.tenant_setting(
            "x", label_da="", label_en="", default_days=10, minimum_days=30, maximum_days=60, after_da="", after_en=""
        )


def _replaced(found, label, **changes):
    declared = found.for_model(label)
    changed = dataclasses.replace(declared, **changes)
    found.models[found.models.index(declared)] = changed
    return changed


def test_every_personal_data_model_states_its_erasure():
    found = privacy.register()
    assert all(declared.erasure in set(Erasure) for declared in found.models)
    assert found.for_model("volunteering.Application").erasure == Erasure.ANONYMISE
    assert found.for_model("volunteering.VolunteerProfile").erasure == Erasure.DELETE
    assert found.for_model("crm.Person").erasure == Erasure.DELETE
    assert found.for_model("core.AuditEntry").erasure == Erasure.ANONYMISE
    kept = [declared for declared in found.models if declared.erasure == Erasure.KEEP]
    assert all(declared.erasure_reason for declared in kept)


def test_a_model_without_erasure_or_with_a_keep_without_reason_is_a_problem():
    found = privacy.register()
    _replaced(found, "crm.Person", erasure=None)
    _replaced(found, "volunteering.VolunteerProfile", erasure=Erasure.KEEP, erasure_reason="")
    messages = privacy.problems(found)
    assert (
        "crm.Person states no erasure: add erasure=Erasure.DELETE, Erasure.ANONYMISE or Erasure.KEEP (with "
        "erasure_reason) to its PersonalModel in frivillig.crm.privacy."
    ) in messages
    assert (
        "volunteering.VolunteerProfile is kept on erasure without a reason: write the legal reason in erasure_reason."
    ) in messages


def test_an_anonymised_field_without_an_empty_value_must_state_its_replacement():
    found = privacy.register()
    # A person's record kept but anonymised: its creation time (not null) has no empty value.
    person = _replaced(found, "crm.Person", erasure=Erasure.ANONYMISE)
    messages = privacy.problems(found)
    assert (
        "crm.Person.created_at cannot be emptied when a row is anonymised: state its replacement (erased=...) or "
        "erased=UNCHANGED with the reason, in frivillig.crm.privacy."
    ) in messages
    fields = [
        dataclasses.replace(personal, erased=UNCHANGED) if personal.name.endswith("_at") else personal
        for personal in person.fields
    ]
    _replaced(found, "crm.Person", fields=fields)
    assert not [message for message in privacy.problems(found) if message.startswith("crm.Person.")]


def test_empty_values_follow_the_field_type():
    from frivillig.crm.models import Interaction, Person
    from frivillig.volunteering.models import Application, VolunteerProfile

    assert privacy.empty_value(Person._meta.get_field("phone")) == ""
    assert privacy.empty_value(Person._meta.get_field("consent_given_at")) is None
    assert privacy.empty_value(Interaction._meta.get_field("summary")) == privacy.ERASED_TEXT
    assert privacy.empty_value(VolunteerProfile._meta.get_field("interests")) == []
    assert privacy.empty_value(VolunteerProfile._meta.get_field("open_to_suggestions")) is False
    assert privacy.empty_value(Application._meta.get_field("user")) is None
