"""The consent ledger (core/consent.py): every consent given is a row with the text shown; rows change only by a
withdrawal, which sets the app's current state at once."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import translation
from django_scopes import scope, scopes_disabled

from frivillig.core.consent import (
    consent_current,
    consent_give,
    consent_history,
    consent_withdraw,
    purpose_for,
    purposes,
)
from frivillig.core.enums import ConsentMethod
from frivillig.core.models import Consent
from frivillig.crm.privacy import CONTACT_CONSENT
from frivillig.testing import UserFactory, make_person
from frivillig.volunteering.privacy import SUGGESTIONS_CONSENT


@pytest.fixture
def person(personas):
    return make_person(personas.tenant, full_name="Lise Ledger", email="lise@example.org")


def test_purposes_are_declared_by_each_app_in_its_privacy_module():
    found = purposes()
    assert found["crm.contact"] is CONTACT_CONSENT
    assert found["volunteering.suggestions"] is SUGGESTIONS_CONSENT
    with pytest.raises(ValueError, match="No app declares"):
        purpose_for("nobody.declares.this")


def test_consent_give_writes_a_row_with_the_text_shown_method_and_recorder(personas, person):
    staff = personas.user("centre_staff")
    consent = consent_give(
        purpose="crm.contact", subject=person, method=ConsentMethod.PHONE, actor=staff, language="en"
    )

    with scopes_disabled():
        row = Consent.objects.get()
        person.refresh_from_db()
    assert row == consent
    assert (row.purpose, row.tenant, row.subject_type, row.subject_id) == (
        "crm.contact",
        personas.tenant,
        ContentType.objects.get_for_model(person),
        str(person.pk),
    )
    assert row.text == CONTACT_CONSENT.text_en and row.language == "en"
    assert (row.method, row.recorded_by, row.recorded_by_label) == (ConsentMethod.PHONE, staff, "Alfa Centre Staff")
    assert row.withdrawn_at is None
    # The app's current state follows in the same transaction.
    assert (person.consent_given_at, person.consent_method, person.consent_recorded_by) == (
        row.given_at,
        ConsentMethod.PHONE,
        staff,
    )


def test_consent_give_keeps_the_exact_text_the_caller_showed(personas, person):
    consent_give(purpose=CONTACT_CONSENT, subject=person, method="written", actor=None, text="Ja tak.", language="da")
    with scopes_disabled():
        assert Consent.objects.get().text == "Ja tak."


def test_consent_give_twice_makes_two_rows_and_the_history_lists_both(personas, person):
    staff = personas.user("centre_staff")
    first = consent_give(purpose=CONTACT_CONSENT, subject=person, method="email", actor=staff, language="da")
    second = consent_give(purpose=CONTACT_CONSENT, subject=person, method="phone", actor=staff, language="en")

    with scope(tenant=personas.tenant):
        history = list(consent_history(person))
        current = consent_current(CONTACT_CONSENT, person)
    assert {row.pk for row in history} == {first.pk, second.pk}
    assert [row.text for row in history if row.pk == first.pk] == [CONTACT_CONSENT.text_da]
    assert current == second


def test_consent_withdraw_marks_every_row_in_force_and_stops_the_use_at_once(personas, person):
    staff = personas.user("centre_staff")
    consent_give(purpose=CONTACT_CONSENT, subject=person, method="email", actor=staff)
    consent_give(purpose=CONTACT_CONSENT, subject=person, method="phone", actor=staff)

    withdrawn = consent_withdraw(purpose=CONTACT_CONSENT, subject=person, method=ConsentMethod.IN_PERSON, actor=staff)

    assert len(withdrawn) == 2
    with scopes_disabled():
        rows = list(Consent.objects.all())
        person.refresh_from_db()
    assert all(row.withdrawn_at is not None for row in rows)
    assert {(row.withdrawal_method, row.withdrawal_recorded_by_label) for row in rows} == {
        (ConsentMethod.IN_PERSON, "Alfa Centre Staff")
    }
    assert (person.consent_given_at, person.consent_method, person.consent_recorded_by) == (None, "", None)
    with scope(tenant=personas.tenant):
        assert consent_current(CONTACT_CONSENT, person) is None
        assert len(consent_history(person)) == 2


def test_consent_withdraw_by_a_row_withdraws_its_purpose_for_its_subject(personas, person):
    other = make_person(personas.tenant, full_name="Anden Person")
    consent = consent_give(purpose=CONTACT_CONSENT, subject=person, method="email", actor=None)
    kept = consent_give(purpose=CONTACT_CONSENT, subject=other, method="email", actor=None)

    consent_withdraw(consent=consent, method=ConsentMethod.WEB_FORM, actor=None)

    with scopes_disabled():
        consent.refresh_from_db()
        kept.refresh_from_db()
        other.refresh_from_db()
    assert consent.withdrawn_at is not None and consent.withdrawal_method == ConsentMethod.WEB_FORM
    assert kept.withdrawn_at is None and other.consent_given_at is not None


def test_a_ledger_row_is_never_changed_except_by_its_withdrawal(personas, person):
    consent = consent_give(purpose=CONTACT_CONSENT, subject=person, method="email", actor=None)
    consent.text = "Noget andet"
    with pytest.raises(ValueError, match="ledger"):
        consent.save()
    with pytest.raises(ValueError, match="ledger"):
        consent.save(update_fields=["text"])
    with scopes_disabled(), pytest.raises(ValueError, match="ledger"):
        Consent.objects.filter(pk=consent.pk).update(text="Noget andet")
    with scopes_disabled():
        assert Consent.objects.get().text == CONTACT_CONSENT.text_da


def test_consent_give_refuses_a_subject_the_purpose_is_not_about(personas):
    user = UserFactory()
    with pytest.raises(ValueError, match=r"is about crm\.Person"):
        consent_give(purpose=CONTACT_CONSENT, subject=user, method="email", actor=None)
    with pytest.raises(ValueError, match="Unknown consent method"):
        consent_give(purpose=SUGGESTIONS_CONSENT, subject=user, method="telepathy", actor=None)


def test_a_national_consent_about_an_account_names_the_account_and_no_tenant(db):
    user = UserFactory()
    with translation.override("en"):
        consent = consent_give(purpose=SUGGESTIONS_CONSENT, subject=user, method="web_form", actor=user)
    assert (consent.tenant, consent.user, consent.subject_id) == (None, user, str(user.pk))
    assert consent.text == SUGGESTIONS_CONSENT.text_en
    # The account's consents go with the account.
    user.delete()
    with scopes_disabled():
        assert not Consent.objects.exists()
