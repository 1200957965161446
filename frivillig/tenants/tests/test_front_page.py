from django.urls import reverse

from frivillig.testing import TenantFactory


def template_names(response) -> list[str]:
    return [template.name for template in response.templates]


def test_front_page_lists_active_tenants_only(client, personas):
    TenantFactory(slug="lukket", name="Lukket", centre_name="Frivilligcenter Lukket", is_active=False)

    response = client.get(reverse("front_page"))

    assert response.status_code == 200
    assert [tenant.slug for tenant in response.context["tenants"]] == ["alfa", "charlie"]
    content = response.content.decode()
    assert "Frivilligcenter Alfa" in content
    assert "Frivilligcenter Charlie" in content
    assert "Frivilligcenter Lukket" not in content


def test_front_page_without_tenants_says_so(client, db):
    response = client.get(reverse("front_page"))
    assert response.status_code == 200
    assert list(response.context["tenants"]) == []


def test_tenant_home_renders_for_anonymous(client, personas):
    response = client.get(reverse("tenants:home", kwargs={"tenant_slug": "alfa"}))
    assert response.status_code == 200
    assert response.context["tenant"] == personas.tenant
    assert "Frivilligcenter Alfa" in response.content.decode()


def test_tenant_home_shows_admin_links_to_the_admin_only(client_for, personas):
    url = reverse("tenants:home", kwargs={"tenant_slug": "alfa"})
    members_url = reverse("tenants:members", kwargs={"tenant_slug": "alfa"})
    assert members_url in client_for("tenant_admin").get(url).content.decode()
    assert members_url not in client_for("centre_staff").get(url).content.decode()


def test_tenant_unknown_slug_gives_404_page(client, personas):
    response = client.get("/findes-ikke/")
    assert response.status_code == 404
    assert "404.html" in template_names(response)


def test_tenant_inactive_slug_gives_404_page(client, personas):
    TenantFactory(slug="lukket", name="Lukket", is_active=False)

    for url in ["/lukket/", "/lukket/tilgaengelighed/", "/lukket/administration/medlemmer/"]:
        response = client.get(url)
        assert response.status_code == 404, url
        assert "404.html" in template_names(response)


def test_tenant_unknown_page_in_known_tenant_gives_404_page(client, personas):
    response = client.get("/alfa/findes-ikke/")
    assert response.status_code == 404
    assert "404.html" in template_names(response)
