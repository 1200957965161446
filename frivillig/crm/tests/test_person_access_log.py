"""Reading a person's internal notes is logged: one access entry per page that shows them, none otherwise."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django_scopes import scopes_disabled

from frivillig.core.models import AccessEntry
from frivillig.crm.models import Person
from frivillig.testing import make_person


def url(name: str, **kwargs) -> str:
    return reverse(f"crm:{name}", kwargs={"tenant_slug": "alfa", **kwargs})


@pytest.fixture
def anna(personas):
    return make_person(personas.tenant, full_name="Anna Andersen", notes="Har svært ved trapper.")


def entries() -> list[AccessEntry]:
    with scopes_disabled():
        return list(AccessEntry.objects.select_related("subject_type"))


def test_person_detail_logs_one_reading_of_the_notes(client_for, personas, anna):
    response = client_for("centre_staff").get(url("person_detail", pk=anna.pk))

    assert "Har svært ved trapper." in response.content.decode()
    [entry] = entries()
    assert (entry.tenant, entry.actor) == (personas.tenant, personas.user("centre_staff"))
    assert entry.subject_type == ContentType.objects.get_for_model(Person)
    assert (entry.subject_id, entry.subject_label) == (str(anna.pk), "Anna Andersen")
    assert entry.what == "crm.person.notes"
    assert (entry.page_name, entry.path) == ("crm:person_detail", url("person_detail", pk=anna.pk))


def test_person_edit_form_logs_its_reading_but_saving_does_not(client_for, personas, anna):
    staff = client_for("centre_staff")

    staff.get(url("person_edit", pk=anna.pk))
    [entry] = entries()
    assert (entry.page_name, entry.subject_id, entry.what) == ("crm:person_edit", str(anna.pk), "crm.person.notes")

    response = staff.post(url("person_edit", pk=anna.pk), {"full_name": "Anna Andersen", "notes": "Ny note."})
    assert response.status_code == 302
    assert len(entries()) == 1


def test_pages_that_refuse_or_do_not_show_the_notes_log_nothing(client_for, anna):
    assert client_for("other_staff").get(url("person_detail", pk=anna.pk)).status_code == 404
    assert client_for("citizen").get(url("person_detail", pk=anna.pk)).status_code == 403
    assert client_for("centre_staff").get(url("person_list")).status_code == 200
    assert entries() == []


@pytest.mark.parametrize("name", ["person_data_download", "person_data_pdf"])
def test_exporting_a_persons_data_logs_a_reading_with_its_reason(client_for, personas, anna, name):
    response = client_for("centre_staff").post(url(name, pk=anna.pk))

    assert response.status_code == 200
    [entry] = entries()
    assert (entry.actor, entry.subject_id, entry.what) == (
        personas.user("centre_staff"),
        str(anna.pk),
        "crm.person.data_export",
    )
    assert entry.reason == "Personens anmodning om indsigt"
    assert entry.page_name == f"crm:{name}"


def test_the_reason_shows_in_the_log_its_export_and_the_persons_own_export(client_for, personas, anna):
    from frivillig.core.personal_data import person_data_export

    client_for("centre_staff").post(url("person_data_download", pk=anna.pk))

    admin = client_for("tenant_admin")
    page = admin.get(reverse("tenants:access_log", args=["alfa"])).content.decode()
    assert "Begrundelse: Personens anmodning om indsigt" in page
    assert "Alle oplysninger om en person, også interne noter (eksport)" in page
    csv = admin.get(reverse("tenants:access_log_export", args=["alfa", "csv"])).content.decode("utf-8-sig")
    assert "Begrundelse" in csv.splitlines()[0] and "Personens anmodning om indsigt" in csv
    with scopes_disabled():
        reads = person_data_export(person=Person.objects.get(pk=anna.pk))["sensitive_reads"]
    assert [read["reason"] for read in reads] == ["Personens anmodning om indsigt"]


def test_the_operators_admin_neither_shows_nor_searches_the_notes(client, personas, anna):
    from frivillig.testing import UserFactory

    operator = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(operator)

    page = client.get(reverse("admin:crm_person_change", args=[anna.pk])).content.decode()
    assert "Anna Andersen" in page and "Har svært ved trapper." not in page
    assert (
        "Anna"
        not in client.get(reverse("admin:crm_person_changelist"), {"q": "trapper"})
        .content.decode()
        .split("<tbody>")[-1]
    )
    assert entries() == []
