from django.urls import reverse
from django_scopes import scopes_disabled

from frivillig.core.models import AuditEntry
from frivillig.tenants.models import Tenant

SETTINGS_URL = reverse("tenants:settings", kwargs={"tenant_slug": "alfa"})


def settings_data(**changes) -> dict:
    data = {
        "centre_name": "Frivilligcenter Alfa Nord",
        "email": "ny@alfa.example.org",
        "phone": "+45 11 22 33 44",
        "address": "Nygade 7",
        "postcode": "4200",
        "town": "Slagelse",
        "website": "alfa.example.org",
    }
    data.update(changes)
    return data


def test_tenant_settings_form_shows_saved_values(client_for):
    response = client_for("tenant_admin").get(SETTINGS_URL)
    assert response.status_code == 200
    assert response.context["form"].initial["centre_name"] == "Frivilligcenter Alfa"


def test_tenant_settings_save_and_log(client_for, personas):
    response = client_for("tenant_admin").post(SETTINGS_URL, settings_data())

    assert response.status_code == 302
    assert response.url == SETTINGS_URL
    tenant = Tenant.objects.get(slug="alfa")
    assert (tenant.centre_name, tenant.email, tenant.phone) == (
        "Frivilligcenter Alfa Nord",
        "ny@alfa.example.org",
        "+45 11 22 33 44",
    )
    assert (tenant.address, tenant.postcode, tenant.town) == ("Nygade 7", "4200", "Slagelse")
    assert tenant.website == "https://alfa.example.org"
    with scopes_disabled():
        entry = AuditEntry.objects.get(code="tenants.tenant.updated")
    assert (entry.tenant, entry.actor) == (personas.tenant, personas.user("tenant_admin"))
    assert set(entry.data["fields"]) == {"centre_name", "email", "phone", "address", "postcode", "town", "website"}


def test_tenant_settings_new_details_show_in_the_footer(client_for):
    client = client_for("tenant_admin")
    client.post(SETTINGS_URL, settings_data())
    content = client.get(reverse("tenants:home", kwargs={"tenant_slug": "alfa"})).content.decode()
    assert "Nygade 7" in content
    assert "ny@alfa.example.org" in content


def test_tenant_settings_bad_postcode_keeps_typed_values_and_saves_nothing(client_for, personas):
    response = client_for("tenant_admin").post(SETTINGS_URL, settings_data(postcode="12a"))

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["postcode"]
    content = response.content.decode()
    assert 'value="12a"' in content
    assert 'value="Frivilligcenter Alfa Nord"' in content
    assert 'value="Nygade 7"' in content
    tenant = Tenant.objects.get(slug="alfa")
    assert (tenant.centre_name, tenant.postcode, tenant.address) == ("Frivilligcenter Alfa", "4180", "Torvet 1")
    with scopes_disabled():
        assert not AuditEntry.objects.filter(code="tenants.tenant.updated").exists()


def test_tenant_settings_bad_input_page_still_shows_the_saved_details(client_for):
    response = client_for("tenant_admin").post(SETTINGS_URL, settings_data(postcode="12a"))

    # Header and footer describe the centre as it is, not as typed in a form that was refused.
    assert response.context["tenant"].centre_name == "Frivilligcenter Alfa"
    assert response.context["tenant"].address == "Torvet 1"


def test_tenant_settings_other_bad_input_is_a_form_error(client_for):
    response = client_for("tenant_admin").post(
        SETTINGS_URL, settings_data(centre_name="", email="ikke en adresse", website="ikke en side")
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"centre_name", "email", "website"}
    assert Tenant.objects.get(slug="alfa").centre_name == "Frivilligcenter Alfa"


def test_tenant_settings_is_for_the_tenant_admin_only(client_for):
    assert client_for("centre_staff").post(SETTINGS_URL, settings_data()).status_code == 403
    assert client_for("municipal_staff").get(SETTINGS_URL).status_code == 403
    assert client_for("other_staff").get(SETTINGS_URL).status_code == 404
    assert Tenant.objects.get(slug="alfa").centre_name == "Frivilligcenter Alfa"
