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
