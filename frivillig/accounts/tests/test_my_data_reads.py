"""A person's own access export names who has read their confidential records: a staff member opens the contact
page the centre keeps about them, and the person's JSON file, readable page and PDF all say who, when, what and
from which page."""

import json

import pytest
from django.urls import reverse

from frivillig.testing import make_person, rendered_text


@pytest.fixture
def read_by_staff(personas, client_for):
    citizen = personas.user("citizen")
    contact = make_person(
        personas.tenant, full_name="Cecilie Borger", email=citizen.email, user=citizen, notes="Fortroligt."
    )
    detail = reverse("crm:person_detail", kwargs={"tenant_slug": "alfa", "pk": contact.pk})
    assert client_for("centre_staff").get(detail).status_code == 200
    return contact


def test_json_export_lists_who_read_the_contact_notes(read_by_staff, client_for):
    export = json.loads(client_for("citizen").get(reverse("accounts:my_data_download")).content)

    [read] = export["sensitive_reads"]
    assert read["reader"] == "Alfa Centre Staff"
    assert read["what"] == "En persons interne noter"
    assert read["page"] == "crm:person_detail"
    assert read["tenant"] == "Alfa"
    assert read["when"]


def test_readable_page_and_pdf_list_who_read_the_contact_notes(read_by_staff, client_for):
    client = client_for("citizen")
    page = rendered_text(client.get(reverse("accounts:my_data_print")))
    assert "Alfa Centre Staff (Alfa) – En persons interne noter" in page

    pdf = client.get(reverse("accounts:my_data_pdf"))
    assert "Hvem har læst fortrolige oplysninger om dig" in rendered_text(pdf)
    [read] = pdf.context["export"]["sensitive_reads"]
    assert (read["reader"], read["page"]) == ("Alfa Centre Staff", "crm:person_detail")


def test_a_search_over_notes_is_not_a_reading_of_any_one_person(personas, read_by_staff, client_for):
    client_for("centre_staff").get(
        reverse("crm:person_list", kwargs={"tenant_slug": "alfa"}), {"soeg": "Fortroligt", "noter": "on"}
    )
    export = json.loads(client_for("citizen").get(reverse("accounts:my_data_download")).content)
    assert [read["page"] for read in export["sensitive_reads"]] == ["crm:person_detail"]
