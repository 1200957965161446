"""A contact's consent to be contacted, as a ledger: recorded with the text shown, withdrawn by staff, shown as a
history on the person's page, kept whole when two records are merged, and filled from the old fields once."""

import csv
import html
import importlib
import io
from datetime import timedelta

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from frivillig.core.consent import consent_give
from frivillig.core.enums import ConsentMethod
from frivillig.core.models import Consent
from frivillig.core.tests.helpers import english
from frivillig.crm.models import Person
from frivillig.crm.privacy import CONTACT_CONSENT
from frivillig.crm.services.merge import person_merge
from frivillig.testing import make_person, rendered_text


def url(name: str, **kwargs) -> str:
    return reverse(f"crm:{name}", kwargs={"tenant_slug": "alfa", **kwargs})


@pytest.fixture
def staff(client_for):
    return english(client_for("centre_staff"))


@pytest.fixture
def lise(personas):
    return make_person(personas.tenant, full_name="Lise Samtykke", email="lise@example.org")


def ledger(subject=None) -> list[Consent]:
    with scopes_disabled():
        rows = Consent.objects.order_by("pk")
        if subject is not None:
            rows = rows.filter(subject_id=str(subject.pk))
        return list(rows)


def listed(client, query: str) -> list[str]:
    return [person.full_name for person in client.get(url("person_list") + query).context["page"].object_list]


def give(person, staff_user, method=ConsentMethod.EMAIL):
    return consent_give(purpose=CONTACT_CONSENT, subject=person, method=method, actor=staff_user)


def test_recording_consent_writes_a_ledger_row_with_the_text_shown(staff, personas, lise):
    response = staff.post(url("person_consent", pk=lise.pk), {"method": ConsentMethod.PHONE, "language": "en"})

    assert response.status_code == 302
    [row] = ledger(lise)
    assert (row.purpose, row.method, row.language, row.text) == (
        "crm.contact",
        ConsentMethod.PHONE,
        "en",
        CONTACT_CONSENT.text_en,
    )
    assert row.recorded_by == personas.user("centre_staff") and row.tenant == personas.tenant
    with scopes_disabled():
        lise.refresh_from_db()
    assert lise.consent_given_at == row.given_at and lise.consent_method == ConsentMethod.PHONE


def test_recording_consent_twice_keeps_both_rows(staff, lise):
    staff.post(url("person_consent", pk=lise.pk), {"method": ConsentMethod.PHONE})
    staff.post(url("person_consent", pk=lise.pk), {"method": ConsentMethod.WRITTEN})
    assert [(row.method, row.language) for row in ledger(lise)] == [("phone", "da"), ("written", "da")]


def test_withdrawal_is_recorded_and_removes_the_person_from_the_consent_filter_and_export(staff, personas, lise):
    give(lise, personas.user("centre_staff"))
    assert "Lise Samtykke" in listed(staff, "?samtykke=ja")

    response = staff.post(url("person_consent_withdraw", pk=lise.pk), {"withdrawal_method": ConsentMethod.WRITTEN})

    assert response.status_code == 302
    assert response.url == url("person_detail", pk=lise.pk) + "#consent"
    [row] = ledger(lise)
    assert row.withdrawal_method == ConsentMethod.WRITTEN
    assert row.withdrawal_recorded_by == personas.user("centre_staff")
    assert timezone.now() - row.withdrawn_at < timedelta(minutes=1)
    assert "Lise Samtykke" not in listed(staff, "?samtykke=ja")
    assert "Lise Samtykke" in listed(staff, "?samtykke=nej")
    export = staff.get(url("person_export", fmt="csv"))
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig")), delimiter=";"))
    header, lise_row = rows[0], next(row for row in rows if row[0] == "Lise Samtykke")
    assert lise_row[header.index("Consent to be contacted given")] == ""
    assert lise_row[header.index("Consent given")] == ""


def test_withdrawal_form_with_bad_input_shows_the_error_and_changes_nothing(staff, personas, lise):
    give(lise, personas.user("centre_staff"))

    response = staff.post(url("person_consent_withdraw", pk=lise.pk), {"withdrawal_method": "telepathy"})

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["withdrawal_method"]
    assert response.context["form"]["withdrawal_method"].value() == "telepathy"
    assert ledger(lise)[0].withdrawn_at is None


def test_withdrawal_page_asks_how_and_withdrawing_nothing_says_so(staff, lise):
    page = rendered_text(staff.get(url("person_consent_withdraw", pk=lise.pk)))
    assert "How did the person withdraw their consent?" in page

    response = staff.post(
        url("person_consent_withdraw", pk=lise.pk), {"withdrawal_method": ConsentMethod.PHONE}, follow=True
    )
    assert "has no consent to withdraw" in rendered_text(response)
    assert ledger(lise) == []


def test_person_page_shows_the_consent_history_with_text_method_and_recorder(staff, personas, lise):
    staff_user = personas.user("centre_staff")
    give(lise, staff_user, ConsentMethod.EMAIL)
    staff.post(url("person_consent_withdraw", pk=lise.pk), {"withdrawal_method": ConsentMethod.IN_PERSON})
    give(lise, staff_user, ConsentMethod.PHONE)

    response = staff.get(url("person_detail", pk=lise.pk))

    text = rendered_text(response)
    assert "Consent history" in text
    assert [row.method for row in response.context["consent_history"]] == ["phone", "email"]
    for shown in ["By e-mail", "By phone", "In person", "In force", "Recorded by Alfa Centre Staff"]:
        assert shown in text
    assert html.unescape(CONTACT_CONSENT.text_da) in html.unescape(text)
    assert "Record withdrawal of consent" in text


def test_person_page_without_consent_offers_no_withdrawal(staff, lise):
    text = rendered_text(staff.get(url("person_detail", pk=lise.pk)))
    assert "No consents have been recorded." in text
    assert "Record withdrawal of consent" not in text


def test_withdrawal_of_another_tenants_person_is_404_and_changes_nothing(staff, personas):
    foreign = make_person(personas.other_tenant, full_name="Charlie Samtykke")
    give(foreign, None)
    response = staff.post(url("person_consent_withdraw", pk=foreign.pk), {"withdrawal_method": "phone"})
    assert response.status_code == 404
    assert ledger(foreign)[0].withdrawn_at is None


@pytest.mark.parametrize("persona", ["association_rep", "municipal_staff", "citizen"])
def test_withdrawal_is_for_the_centres_staff_only(client_for, personas, lise, persona):
    give(lise, personas.user("centre_staff"))
    response = client_for(persona).post(url("person_consent_withdraw", pk=lise.pk), {"withdrawal_method": "phone"})
    assert response.status_code == 403
    assert ledger(lise)[0].withdrawn_at is None


def test_merge_keeps_the_ledger_rows_of_both_records(personas):
    staff_user = personas.user("centre_staff")
    keep = make_person(personas.tenant, full_name="Åse Ærø")
    remove = make_person(personas.tenant, full_name="Aase Aeroe")
    first = give(keep, staff_user, ConsentMethod.EMAIL)
    second = give(remove, staff_user, ConsentMethod.PHONE)

    with scope(tenant=personas.tenant):
        person_merge(keep=keep, remove=remove, actor=staff_user)

    assert {row.pk for row in ledger(keep)} == {first.pk, second.pk}
    assert ledger(remove) == []


def test_data_migration_gives_each_person_with_consent_one_ledger_row(personas):
    migration = importlib.import_module("frivillig.crm.migrations.0005_consent_ledger")
    staff_user = personas.user("centre_staff")
    given = timezone.now() - timedelta(days=400)
    with_consent = make_person(
        personas.tenant,
        full_name="Gammel Samtykke",
        consent_given_at=given,
        consent_method=ConsentMethod.ORAL,
        consent_recorded_by=staff_user,
    )
    make_person(personas.tenant, full_name="Intet Samtykke")

    with scopes_disabled():
        migration.backfill_consent_ledger(apps, None)
        migration.backfill_consent_ledger(apps, None)  # a second run adds nothing

    [row] = ledger()
    assert (row.subject_id, row.tenant, row.purpose) == (str(with_consent.pk), personas.tenant, "crm.contact")
    assert (row.given_at, row.method, row.recorded_by, row.recorded_by_label) == (
        given,
        ConsentMethod.ORAL,
        staff_user,
        "Alfa Centre Staff",
    )
    assert "før samtykker blev gemt med den tekst" in row.text
    with scopes_disabled():
        assert Person.objects.get(pk=with_consent.pk).consent_given_at == given
