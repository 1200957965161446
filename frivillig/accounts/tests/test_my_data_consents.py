"""'Dine data' shows the person's consents with their history, and lets the person withdraw one that is about
them (their account, or a contact record linked to it); the access export carries the same ledger."""

import json

import pytest
from django.urls import reverse
from django.utils import translation
from django_scopes import scopes_disabled

from frivillig.core.consent import consent_give
from frivillig.core.enums import ConsentMethod
from frivillig.core.models import Consent
from frivillig.core.personal_data import person_data_export, personal_data_export
from frivillig.crm.privacy import CONTACT_CONSENT
from frivillig.testing import UserFactory, make_person, rendered_text
from frivillig.volunteering.models import VolunteerProfile
from frivillig.volunteering.privacy import SUGGESTIONS_CONSENT
from tests.test_personal_data_export import SCHEMA, _validate

MY_DATA = reverse("accounts:my_data")


def withdraw_url(consent) -> str:
    return reverse("accounts:my_data_consent_withdraw", kwargs={"pk": consent.pk})


@pytest.fixture
def citizen_consents(personas):
    """The citizen's own consent to be suggested, and a centre's consent about the contact record linked to the
    citizen's account, given on the phone and noted by staff."""
    citizen = personas.user("citizen")
    VolunteerProfile.objects.create(user=citizen, open_to_suggestions=True)
    with translation.override("da"):
        suggestions = consent_give(purpose=SUGGESTIONS_CONSENT, subject=citizen, method="web_form", actor=citizen)
    contact = make_person(personas.tenant, full_name="Cecilie Borger", email="citizen@example.org", user=citizen)
    centre = consent_give(
        purpose=CONTACT_CONSENT, subject=contact, method=ConsentMethod.PHONE, actor=personas.user("centre_staff")
    )
    return {"suggestions": suggestions, "centre": centre, "contact": contact}


def test_your_data_lists_the_persons_consents_with_their_history(personas, client_for, citizen_consents):
    other = UserFactory(full_name="Anden Borger")
    consent_give(purpose=SUGGESTIONS_CONSENT, subject=other, method="web_form", actor=other, text="ANDEN-TEKST")

    response = client_for("citizen").get(MY_DATA)

    assert {consent.pk for consent in response.context["consents"]} == {
        citizen_consents["suggestions"].pk,
        citizen_consents["centre"].pk,
    }
    text = rendered_text(response)
    for shown in ["Dine samtykker", "Vises som foreslået frivillig for foreninger", "Kontakt fra frivilligcentret"]:
        assert shown in text
    assert "Alfa" in text and "Pr. telefon" in text
    assert "ANDEN-TEKST" not in text
    assert withdraw_url(citizen_consents["centre"]) in text


def test_withdrawing_asks_first_then_withdraws_and_says_so(personas, client_for, citizen_consents):
    client = client_for("citizen")
    consent = citizen_consents["suggestions"]

    page = rendered_text(client.get(withdraw_url(consent)))
    assert "Vil du trække dit samtykke tilbage" in page
    with scopes_disabled():
        assert Consent.objects.get(pk=consent.pk).withdrawn_at is None

    response = client.post(withdraw_url(consent), follow=True)

    assert response.redirect_chain == [(MY_DATA + "#consents", 302)]
    assert "Dit samtykke er trukket tilbage" in rendered_text(response)
    with scopes_disabled():
        consent.refresh_from_db()
    assert consent.withdrawal_method == ConsentMethod.WEB_FORM
    assert consent.withdrawal_recorded_by == personas.user("citizen")
    assert VolunteerProfile.objects.get(user=personas.user("citizen")).open_to_suggestions is False
    again = client.post(withdraw_url(consent), follow=True)
    assert "allerede trukket" in rendered_text(again)


def test_withdrawing_a_centres_consent_about_ones_contact_record_stops_its_use(personas, client_for, citizen_consents):
    client_for("citizen").post(withdraw_url(citizen_consents["centre"]))

    contact = citizen_consents["contact"]
    with scopes_disabled():
        contact.refresh_from_db()
        consent = Consent.objects.get(pk=citizen_consents["centre"].pk)
    assert contact.consent_given_at is None
    assert consent.withdrawn_at is not None and consent.tenant == personas.tenant


@pytest.mark.parametrize("persona", ["centre_staff", "tenant_admin", "other_staff", "association_rep"])
def test_someone_elses_consent_is_not_found(personas, client_for, citizen_consents, persona):
    for consent in (citizen_consents["suggestions"], citizen_consents["centre"]):
        assert client_for(persona).get(withdraw_url(consent)).status_code == 404
        assert client_for(persona).post(withdraw_url(consent)).status_code == 404
        with scopes_disabled():
            assert Consent.objects.get(pk=consent.pk).withdrawn_at is None


def test_the_access_export_holds_the_consents_and_validates(personas, client_for, citizen_consents):
    client_for("citizen").post(withdraw_url(citizen_consents["suggestions"]))

    export = json.loads(client_for("citizen").get(reverse("accounts:my_data_download")).content)

    assert _validate(export, SCHEMA) == []
    by_purpose = {consent["purpose"]: consent for consent in export["consents"]}
    assert set(by_purpose) == {"crm.contact", "volunteering.suggestions"}
    assert by_purpose["volunteering.suggestions"]["text"] == SUGGESTIONS_CONSENT.text_da
    assert by_purpose["volunteering.suggestions"]["withdrawn_at"] is not None
    assert by_purpose["crm.contact"]["tenant"] == "Alfa"
    assert by_purpose["crm.contact"]["recorded_by"] == "Alfa Centre Staff"
    assert by_purpose["crm.contact"]["withdrawn_at"] is None
    for language in ["da", "en"]:
        with translation.override(language):
            assert _validate(personal_data_export(user=personas.user("citizen")), SCHEMA) == []
            contact_export = person_data_export(person=citizen_consents["contact"])
            assert _validate(contact_export, SCHEMA) == []
    assert [consent["purpose"] for consent in contact_export["consents"]] == ["crm.contact"]


def test_the_readable_version_shows_the_consents(personas, client_for, citizen_consents):
    text = rendered_text(client_for("citizen").get(reverse("accounts:my_data_print")))
    assert "Dine samtykker" in text
    assert "Kontakt fra frivilligcentret" in text
