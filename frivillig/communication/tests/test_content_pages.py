import pytest
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from frivillig.communication.enums import PageKind
from frivillig.communication.models import ContentPage
from frivillig.core.models import AuditEntry
from frivillig.core.tests.helpers import english

KINDS = [PageKind.ACCESSIBILITY.value, PageKind.PRIVACY.value]


def page_url(kind: str, slug: str = "alfa") -> str:
    return reverse(f"communication:{kind}", kwargs={"tenant_slug": slug})


def edit_url(kind: str, slug: str = "alfa") -> str:
    return reverse(f"communication:{kind}_edit", kwargs={"tenant_slug": slug})


def saved_page(tenant, kind: str) -> ContentPage | None:
    with scope(tenant=tenant):
        return ContentPage.objects.filter(kind=kind).first()


@pytest.mark.parametrize("kind", KINDS)
def test_content_page_default_text_names_the_centre(client, personas, kind):
    response = client.get(page_url(kind))

    assert response.status_code == 200
    assert "Frivilligcenter Alfa" in response.context["body"]
    assert "kontakt@alfa.example.org" in response.context["body"]
    assert "Frivilligcenter Alfa" in response.content.decode()
    assert saved_page(personas.tenant, kind) is None


@pytest.mark.parametrize("kind", KINDS)
def test_content_page_default_text_is_each_tenants_own(client, personas, kind):
    response = client.get(page_url(kind, slug="charlie"))
    assert "Frivilligcenter Charlie" in response.context["body"]
    assert "Frivilligcenter Alfa" not in response.context["body"]


def test_content_page_default_accessibility_text_in_english(client, personas):
    response = english(client).get(page_url("accessibility"))
    assert response.context["body"].startswith("Frivilligcenter Alfa wants everybody to be able to use this website")


def test_content_page_default_privacy_text_names_the_address(client, personas):
    response = english(client).get(page_url("privacy"))
    assert response.context["body"].startswith("Frivilligcenter Alfa, Torvet 1, 4180 Alfa, is responsible")


@pytest.mark.parametrize("kind", KINDS)
def test_content_page_edit_form_starts_from_the_default_text(client_for, kind):
    response = client_for("tenant_admin").get(edit_url(kind))
    assert response.status_code == 200
    form = response.context["form"]
    assert "Frivilligcenter Alfa" in form.initial["body_da"]
    assert "Frivilligcenter Alfa" in form.initial["body_en"]


@pytest.mark.parametrize("kind", KINDS)
def test_content_page_edit_saves_both_languages_and_logs(client_for, personas, kind):
    response = client_for("tenant_admin").post(
        edit_url(kind), {"body_da": "  Vores egen tekst.\n\nAnden del.  ", "body_en": " Our own text. "}
    )

    assert response.status_code == 302
    assert response.url == page_url(kind)
    page = saved_page(personas.tenant, kind)
    assert (page.body_da, page.body_en) == ("Vores egen tekst.\n\nAnden del.", "Our own text.")
    assert page.updated_by == personas.user("tenant_admin")
    with scopes_disabled():
        entry = AuditEntry.objects.get(code="communication.page.updated")
    assert (entry.tenant, entry.actor, entry.data) == (personas.tenant, personas.user("tenant_admin"), {"kind": kind})


@pytest.mark.parametrize("kind", KINDS)
def test_content_page_visitors_see_the_text_in_their_language(client_for, personas, kind):
    client_for("tenant_admin").post(edit_url(kind), {"body_da": "Dansk tekst her.", "body_en": "English text here."})

    danish = client_for("anonymous").get(page_url(kind))
    in_english = english(client_for("anonymous")).get(page_url(kind))

    assert "Dansk tekst her." in danish.content.decode()
    assert "English text here." not in danish.content.decode()
    assert "English text here." in in_english.content.decode()
    assert "Dansk tekst her." not in in_english.content.decode()


def test_content_page_edit_twice_updates_the_same_page(client_for, personas):
    client = client_for("tenant_admin")
    client.post(edit_url("privacy"), {"body_da": "Første.", "body_en": "First."})
    client.post(edit_url("privacy"), {"body_da": "Anden.", "body_en": "Second."})

    with scope(tenant=personas.tenant):
        assert list(ContentPage.objects.values_list("kind", "body_da")) == [("privacy", "Anden.")]
    with scopes_disabled():
        assert AuditEntry.objects.filter(code="communication.page.updated").count() == 2
    assert client.get(edit_url("privacy")).context["form"].initial["body_da"] == "Anden."


def test_content_page_edit_of_one_kind_leaves_the_other_alone(client_for, personas):
    client_for("tenant_admin").post(edit_url("privacy"), {"body_da": "Kun privatliv.", "body_en": "Privacy only."})
    assert saved_page(personas.tenant, "accessibility") is None
    assert "Frivilligcenter Alfa" in client_for("anonymous").get(page_url("accessibility")).context["body"]


def test_content_page_edit_in_one_tenant_leaves_the_other_alone(client_for, personas):
    client_for("tenant_admin").post(edit_url("privacy"), {"body_da": "Alfas tekst.", "body_en": "Alfa's text."})
    response = client_for("anonymous").get(page_url("privacy", slug="charlie"))
    assert "Alfas tekst." not in response.content.decode()
    assert saved_page(personas.other_tenant, "privacy") is None


def test_content_page_empty_english_text_shows_the_danish_one(client_for, personas):
    response = client_for("tenant_admin").post(edit_url("accessibility"), {"body_da": "Kun på dansk.", "body_en": ""})

    assert response.status_code == 302
    assert saved_page(personas.tenant, "accessibility").body_en == ""
    assert "Kun på dansk." in english(client_for("anonymous")).get(page_url("accessibility")).content.decode()


def test_content_page_empty_danish_text_is_refused(client_for, personas):
    response = client_for("tenant_admin").post(edit_url("accessibility"), {"body_da": "  ", "body_en": "English only."})

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["body_da"]
    assert "English only." in response.content.decode()
    assert saved_page(personas.tenant, "accessibility") is None
    with scopes_disabled():
        assert not AuditEntry.objects.filter(code="communication.page.updated").exists()


def test_content_page_text_is_escaped(client_for, personas):
    client_for("tenant_admin").post(
        edit_url("privacy"), {"body_da": "<script>alert(1)</script>", "body_en": "<b>fed</b>"}
    )
    content = client_for("anonymous").get(page_url("privacy")).content.decode()
    assert "<script>alert(1)</script>" not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content


def test_content_page_shows_edit_link_to_the_admin_only(client_for):
    assert edit_url("privacy") in client_for("tenant_admin").get(page_url("privacy")).content.decode()
    assert edit_url("privacy") not in client_for("centre_staff").get(page_url("privacy")).content.decode()


@pytest.mark.parametrize("persona", ["citizen", "centre_staff", "municipal_staff"])
@pytest.mark.parametrize("kind", KINDS)
def test_content_page_edit_non_admin_gets_403(client_for, personas, persona, kind):
    client = client_for(persona)
    assert client.get(edit_url(kind)).status_code == 403
    assert client.post(edit_url(kind), {"body_da": "Hacket.", "body_en": "Hacked."}).status_code == 403
    assert saved_page(personas.tenant, kind) is None


def test_content_page_edit_anonymous_is_sent_to_login(client, personas):
    response = client.get(edit_url("privacy"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_content_page_edit_by_another_tenants_admin_gets_404(client_for, personas):
    assert client_for("other_staff").post(edit_url("privacy"), {"body_da": "x", "body_en": "y"}).status_code == 404
    assert saved_page(personas.tenant, "privacy") is None
