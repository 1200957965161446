"""The tenant administrator's record of processing activities (GDPR article 30), on screen and for print."""

import re

import pytest
from django.urls import reverse

from frivillig.core.tests.helpers import english, pdf_titles

PAGE = reverse("tenants:privacy_register", kwargs={"tenant_slug": "alfa"})
PRINT = reverse("tenants:privacy_register_print", kwargs={"tenant_slug": "alfa"})
PDF = reverse("tenants:privacy_register_pdf", kwargs={"tenant_slug": "alfa"})


def text_of(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_the_record_shows_every_activity_with_category_purpose_basis_and_retention(client_for):
    response = english(client_for("tenant_admin")).get(PAGE)
    assert response.status_code == 200
    text = text_of(response)
    assert "Record of processing activities" in text
    for activity in ("User accounts", "Contacts: associations and their people", "Volunteers and applications"):
        assert f"<h2>{activity}</h2>" in response.content.decode()
    # The controller's own details head the record.
    assert "Frivilligcenter Alfa" in text
    # A confidential field, with a purpose and basis of its own.
    assert "Confidential personal data" in text
    assert "own notes on their needs; shown to the person only" in text
    assert "Consent (GDPR article 6(1)(a))" in text
    # A retention rule the centre may choose: shown with its default, said to be the default.
    assert "1 year after the application was closed (declined, withdrawn or ended) (the default;" in text
    assert "As long as the user account exists; deleted with the account." in text


def test_the_record_is_in_danish_for_a_danish_reader(client_for):
    response = client_for("tenant_admin").get(PAGE)
    text = text_of(response)
    assert "Fortegnelse over behandlingsaktiviteter" in text
    assert "Frivillige og ansøgninger" in text
    assert "1 år efter at ansøgningen er afsluttet" in text
    assert "(standard; centret kan vælge mellem 30 dage–3 år)" in text
    assert "Fortrolige personoplysninger" in text


def test_the_printable_record_is_a_page_of_its_own_with_the_same_content(client_for):
    response = english(client_for("tenant_admin")).get(PRINT)
    assert response.status_code == 200
    html = response.content.decode()
    assert "print-record.css" in html
    # No site menu on paper.
    assert 'class="header"' not in html
    assert "Contacts: associations and their people" in html
    assert (
        reverse("tenants:privacy_register_print", kwargs={"tenant_slug": "alfa"})
        in client_for("tenant_admin").get(PAGE).content.decode()
    )


def test_the_record_downloads_as_a_pdf_in_the_readers_language(client_for):
    page = client_for("tenant_admin").get(PAGE).content.decode()
    assert f'<a href="{PDF}" download>Hent som PDF</a>' in page
    response = client_for("tenant_admin").get(PDF)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="fortegnelse-alfa-')
    assert "no-store" in response["Cache-Control"]
    assert response.content.startswith(b"%PDF-")
    titles = pdf_titles(response.content)
    # The document's title, and the record's headings as the PDF's bookmarks, in Danish.
    assert "Fortegnelse over behandlingsaktiviteter – Frivilligcenter Alfa" in titles
    assert "Dataansvarlig" in titles
    assert "Frivillige og ansøgninger" in titles


@pytest.mark.parametrize("persona", ["centre_staff", "municipal_staff", "association_rep", "citizen"])
def test_other_roles_are_refused(persona, client_for):
    assert client_for(persona).get(PAGE).status_code == 403
    assert client_for(persona).get(PRINT).status_code == 403
    assert client_for(persona).get(PDF).status_code == 403


def test_another_tenants_administrator_gets_404(client_for):
    charlie_page = reverse("tenants:privacy_register", kwargs={"tenant_slug": "charlie"})
    assert client_for("tenant_admin").get(charlie_page).status_code == 404
    charlie_pdf = reverse("tenants:privacy_register_pdf", kwargs={"tenant_slug": "charlie"})
    assert client_for("tenant_admin").get(charlie_pdf).status_code == 404


def test_the_record_is_in_the_administration_menu(client_for):
    response = english(client_for("tenant_admin")).get(PAGE)
    assert (
        f'<a href="{PAGE}" class="nav-link" aria-current="page"><span>Record of processing activities</span></a>'
        in response.content.decode()
    )
