"""'Dine data' as a PDF: the readable document, laid out by the server, in the language chosen on the account."""

from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from frivillig.core.models import AuditEntry
from frivillig.testing import rendered_text

PDF = reverse("accounts:my_data_pdf")


def test_your_data_page_offers_the_pdf_beside_the_json_with_a_line_on_each(personas, client_for):
    response = client_for("citizen").get(reverse("accounts:my_data"))
    content = response.content.decode()
    assert f'<a class="button button-secondary" href="{PDF}" download>Hent dine data (PDF)</a>' in content
    assert f'<a class="button button-secondary" href="{reverse("accounts:my_data_download")}" download>' in content
    text = rendered_text(response)
    assert "Et dokument, du kan læse, udskrive eller gemme, på det sprog, du har valgt for din konto." in text
    assert "En fil, som en computer kan læse" in text


def test_pdf_is_an_attachment_that_is_not_stored_and_is_audited(personas, client_for):
    citizen = personas.user("citizen")
    response = client_for("citizen").get(PDF)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert response["Content-Disposition"] == (
        f'attachment; filename="frivillig-data-{timezone.localdate().isoformat()}.pdf"'
    )
    assert "no-store" in response["Cache-Control"]
    with scopes_disabled():
        entry = AuditEntry.objects.get(code="accounts.user.data_exported")
    assert (entry.actor, entry.target_id, entry.data) == (citizen, str(citizen.pk), {"format": "pdf"})


def test_pdf_is_the_print_template_with_the_persons_data_in_danish(personas, client_for):
    response = client_for("citizen").get(PDF)

    # One template serves the page and the PDF; the PDF names the person in its title and keeps the headings.
    assert "accounts/my_data_print.html" in [template.name for template in response.templates]
    assert response.context["export"]["subject"]["name"] == "Cecilie Borger"
    titles = rendered_text(response)
    assert "De oplysninger, vi har om dig – Cecilie Borger" in titles
    assert "Hvem har læst fortrolige oplysninger om dig" in titles
    assert response.context["export"]["language"] == "da"


def test_pdf_is_in_the_accounts_language_not_the_pages(personas, client_for):
    citizen = personas.user("citizen")
    citizen.preferred_language = "en"
    citizen.save(update_fields=["preferred_language"])
    client = client_for("citizen")
    client.cookies["frivillig_language"] = "da"  # the pages are read in Danish today

    response = client.get(PDF)

    titles = rendered_text(response)
    assert "The data we hold about you – Cecilie Borger" in titles
    assert "Who has read confidential information about you" in titles
    assert response.context["export"]["language"] == "en"
    assert response.context["export"]["sections"][0]["title"] != ""
    assert "De oplysninger" not in titles


def test_a_danish_account_gets_danish_from_an_english_page(personas, client_for):
    client = client_for("citizen")
    client.cookies["frivillig_language"] = "en"

    assert "De oplysninger, vi har om dig – Cecilie Borger" in rendered_text(client.get(PDF))


def test_anonymous_visitor_is_sent_to_log_in(client, db):
    response = client.get(PDF)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    with scopes_disabled():
        assert not AuditEntry.objects.filter(code="accounts.user.data_exported").exists()
