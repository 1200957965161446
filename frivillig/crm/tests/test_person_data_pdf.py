"""Staff produce a contact's access export as a PDF to hand over: the user's own document, headed with the centre,
in the person's language, audit-logged, within the tenant, for centre staff only."""

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from frivillig.core.models import AuditEntry
from frivillig.testing import UserFactory, make_person, rendered_text


def _url(person, tenant_slug: str = "alfa"):
    return reverse("crm:person_data_pdf", kwargs={"tenant_slug": tenant_slug, "pk": person.pk})


def test_detail_page_offers_the_pdf_beside_the_json(personas, client_for):
    person = make_person(personas.tenant, full_name="Dorte Dahl")
    detail = reverse("crm:person_detail", kwargs={"tenant_slug": "alfa", "pk": person.pk})
    response = client_for("centre_staff").get(detail)
    content = response.content.decode()
    assert f'formaction="{_url(person)}"' in content
    text = rendered_text(response)
    assert "Hent personens data (PDF)" in text and "Hent personens data (JSON)" in text
    assert "PDF-filen er et dokument, som personen kan læse, på personens eget sprog." in text


def test_staff_pdf_is_the_persons_document_and_is_audited(personas, client_for):
    person = make_person(personas.tenant, full_name="Dorte Dahl", email="dorte@example.org", notes="DORTE-NOTE")
    make_person(personas.tenant, full_name="Erik Eriksen", email="erik@example.org")

    response = client_for("centre_staff").post(_url(person))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert response["Content-Disposition"] == (
        f'attachment; filename="persondata-{person.pk}-{timezone.localdate().isoformat()}.pdf"'
    )
    assert "no-store" in response["Cache-Control"]
    # The user's own document, headed for the contact: one template, extended, not copied.
    names = [template.name for template in response.templates]
    assert "crm/person_data_print.html" in names and "accounts/my_data_print.html" in names
    export = response.context["export"]
    assert export["subject"]["name"] == "Dorte Dahl"
    assert "Erik" not in str(export)
    titles = rendered_text(response)
    assert "De oplysninger, Frivilligcenter Alfa har om dig – Dorte Dahl" in titles
    with scopes_disabled():
        entry = AuditEntry.objects.get(code="crm.person.data_exported")
    assert (entry.actor, entry.tenant, entry.target_id, entry.data) == (
        personas.user("centre_staff"),
        personas.tenant,
        str(person.pk),
        {"format": "pdf"},
    )


def test_staff_pdf_is_in_the_language_of_the_persons_account(personas, client_for):
    account = UserFactory(email="erin@example.org", full_name="Erin English", preferred_language="en")
    person = make_person(personas.tenant, full_name="Erin English", email="erin@example.org", user=account)

    response = client_for("centre_staff").post(_url(person))

    assert "The data Frivilligcenter Alfa holds about you – Erin English" in rendered_text(response)
    assert response.context["export"]["language"] == "en"


def test_another_tenants_person_is_not_found(personas, client_for):
    foreign = make_person(personas.other_tenant, full_name="Frida Fremmed")
    assert client_for("centre_staff").post(_url(foreign)).status_code == 404
    with scopes_disabled():
        assert not AuditEntry.objects.filter(code="crm.person.data_exported").exists()


@pytest.mark.parametrize("persona", ["association_rep", "municipal_staff", "citizen"])
def test_other_roles_are_refused(personas, client_for, persona):
    person = make_person(personas.tenant, full_name="Dorte Dahl")
    assert client_for(persona).post(_url(person)).status_code == 403
    with scopes_disabled():
        assert not AuditEntry.objects.filter(code="crm.person.data_exported").exists()


def test_a_get_is_refused(personas, client_for):
    person = make_person(personas.tenant)
    assert client_for("centre_staff").get(_url(person)).status_code == 405
