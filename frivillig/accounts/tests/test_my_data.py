"""'Dine data': a logged-in person fetches what the platform holds about them, as JSON and as a readable page."""

import json

from django.urls import reverse
from django_scopes import scopes_disabled

from frivillig.core.models import AuditEntry
from frivillig.testing import UserFactory, rendered_text


def test_profile_links_to_your_data(personas, client_for):
    response = client_for("citizen").get(reverse("accounts:profile"))
    assert reverse("accounts:my_data") in response.content.decode()


def test_your_data_page_explains_and_offers_both_versions(personas, client_for):
    response = client_for("citizen").get(reverse("accounts:my_data"))
    text = rendered_text(response)
    assert "Hent dine data (JSON)" in text
    assert reverse("accounts:my_data_download") in response.content.decode()
    assert reverse("accounts:my_data_print") in response.content.decode()


def test_download_is_an_attachment_that_is_not_stored_and_is_audited(personas, client_for):
    citizen = personas.user("citizen")
    UserFactory(email="someone.else@example.org", full_name="Someone Else")
    response = client_for("citizen").get(reverse("accounts:my_data_download"))
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"]
    export = json.loads(response.content)
    assert export["subject"]["email"] == "citizen@example.org"
    assert "Someone Else" not in response.content.decode()
    with scopes_disabled():
        assert AuditEntry.objects.filter(
            code="accounts.user.data_exported", actor=citizen, target_id=str(citizen.pk)
        ).exists()


def test_readable_version_is_in_the_persons_language_and_audited(personas, client_for):
    citizen = personas.user("citizen")
    client = client_for("citizen")
    danish = rendered_text(client.get(reverse("accounts:my_data_print"), HTTP_ACCEPT_LANGUAGE="da"))
    assert "De oplysninger, vi har om dig" in danish
    assert "Cecilie Borger" in danish
    client.cookies["frivillig_language"] = "en"
    english = client.get(reverse("accounts:my_data_print"))
    assert "no-store" in english["Cache-Control"]
    assert "The data we hold about you" in rendered_text(english)
    with scopes_disabled():
        assert AuditEntry.objects.filter(code="accounts.user.data_exported", actor=citizen).count() == 2


def test_readable_version_shows_dates_in_the_sites_date_style(personas, client_for):
    """The JSON keeps ISO dates for machines; the page a person reads says "3. december 2026 kl. 17.21"."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from frivillig.core.templatetags.ui import iso_as_local

    citizen = personas.user("citizen")
    citizen.date_joined = datetime(2026, 12, 3, 16, 21, tzinfo=ZoneInfo("UTC"))
    citizen.save(update_fields=["date_joined"])

    content = client_for("citizen").get(reverse("accounts:my_data_print")).content.decode()

    assert "3. december 2026 kl. 17.21" in content
    assert "2026-12-03T16:21" not in content
    assert iso_as_local("Lektiehjælp") == "Lektiehjælp"
    assert iso_as_local("2026-13-45") == "2026-13-45"


def test_a_choice_is_exported_by_its_key_and_shown_by_its_name(personas, client_for):
    from django.utils import translation

    from frivillig.core.personal_data import personal_data_export

    user = personas.user("centre_staff")
    with translation.override("da"):
        export = personal_data_export(user=user)
    (role,) = [
        field
        for section in export["sections"]
        for record in section["records"]
        if record["kind"] == "tenants.membership"
        for field in record["fields"]
        if field["name"] == "role"
    ]
    assert (role["value"], role["shown"]) == ("centre_staff", "Frivilligcentermedarbejder")

    page = rendered_text(client_for("centre_staff").get(reverse("accounts:my_data_print"), HTTP_ACCEPT_LANGUAGE="da"))
    assert "Frivilligcentermedarbejder" in page and "centre_staff<" not in page and "centre_staff\n" not in page
