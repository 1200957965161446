"""Staff produce a CRM person's access export on request: a JSON download, audit-logged, within the tenant."""

import json

from django.urls import reverse
from django_scopes import scopes_disabled

from frivillig.core.models import AuditEntry
from frivillig.testing import make_person, rendered_text


def _url(person):
    return reverse("crm:person_data_download", kwargs={"tenant_slug": person.tenant.slug, "pk": person.pk})


def test_detail_page_offers_the_export(personas, client_for):
    person = make_person(personas.tenant, full_name="Dorte Dahl")
    detail = reverse("crm:person_detail", kwargs={"tenant_slug": "alfa", "pk": person.pk})
    response = client_for("centre_staff").get(detail)
    assert "Hent personens data (JSON)" in rendered_text(response)
    assert _url(person) in response.content.decode()


def test_staff_export_is_the_persons_data_only_and_is_audited(personas, client_for):
    person = make_person(personas.tenant, full_name="Dorte Dahl", email="dorte@example.org", notes="DORTE-NOTE")
    make_person(personas.tenant, full_name="Erik Eriksen", email="erik@example.org", notes="ERIK-NOTE")
    response = client_for("centre_staff").post(_url(person))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"]
    text = response.content.decode()
    export = json.loads(text)
    assert export["subject"] == {"kind": "contact", "name": "Dorte Dahl", "email": "dorte@example.org"}
    assert "DORTE-NOTE" in text and "Erik" not in text and "ERIK-NOTE" not in text
    with scopes_disabled():
        entry = AuditEntry.objects.get(code="crm.person.data_exported")
    assert (entry.actor, entry.tenant, entry.target_id) == (
        personas.user("centre_staff"),
        personas.tenant,
        str(person.pk),
    )


def test_another_tenants_person_is_not_found(personas, client_for):
    foreign = make_person(personas.other_tenant, full_name="Frida Fremmed")
    url = reverse("crm:person_data_download", kwargs={"tenant_slug": "alfa", "pk": foreign.pk})
    assert client_for("centre_staff").post(url).status_code == 404
    with scopes_disabled():
        assert not AuditEntry.objects.filter(code="crm.person.data_exported").exists()


def test_a_get_is_refused(personas, client_for):
    person = make_person(personas.tenant)
    assert client_for("centre_staff").get(_url(person)).status_code == 405
