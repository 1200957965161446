"""The menus come from each app's `menu.py`: every persona is offered exactly the pages they may open (the
permission matrix says which), the layout templates name no app's pages and no role, and an app's new entry
appears without touching a template."""

import re
import types
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import resolve, reverse

from frivillig.core import navigation, registry
from frivillig.core.navigation import MenuEntry, Scope
from frivillig.tenants.enums import Role
from frivillig.testing import LOGIN, PERSONAS
from tests.test_permission_matrix import MATRIX

HOME = reverse("tenants:home", kwargs={"tenant_slug": "alfa"})
FRONT = reverse("front_page")
REFUSED = {LOGIN, 403, 404}


def nav_links(response) -> list[tuple[str, str]]:
    """The main menu as the person sees it: (href, text) of each link, in order."""
    nav = re.search(r'<nav class="site-nav".*?</nav>', response.content.decode(), re.S).group(0)
    return re.findall(r'<a href="([^"]*)"[^>]*>([^<]*)</a>', nav)


def may_open(name: str, persona: str) -> bool:
    return MATRIX[name].expected[persona] not in REFUSED


def href(entry: MenuEntry) -> str:
    return reverse(entry.url_name, kwargs={"tenant_slug": "alfa"} if entry.scope is Scope.TENANT else {})


def offered_entries(tenant):
    return [entry for entry in navigation.all_entries() if entry.offered(tenant)]


def test_every_menu_entry_is_a_page_in_the_matrix_that_needs_no_arguments_but_the_tenant():
    for entry in navigation.all_entries():
        case = MATRIX[entry.url_name]
        expected_kwargs = {"tenant_slug": "alfa"} if entry.scope is Scope.TENANT else {}
        assert case.kwargs == expected_kwargs, entry.url_name
        assert case.method == "get", entry.url_name


def test_menu_entries_check_the_permission_their_view_declares():
    for entry in navigation.all_entries():
        assert entry.permission == resolve(href(entry)).func.view_permission, entry.url_name


@pytest.mark.parametrize("persona", PERSONAS)
def test_tenant_menu_offers_each_persona_exactly_the_pages_they_may_open(persona, personas, client_for):
    client = client_for(persona)
    response = client.get(HOME)
    allowed = [entry for entry in offered_entries(personas.tenant) if may_open(entry.url_name, persona)]
    assert [link for link, _text in nav_links(response)] == [href(e) for e in allowed if e.main_menu]
    # Every link, also those kept out of the main menu (the front page's administration list, the footer).
    shown = navigation.visible_links(response.wsgi_request, personas.tenant)
    assert [link.entry for link in shown] == allowed
    for link in shown:
        answer = client.get(link.href)
        assert answer.status_code == MATRIX[link.entry.url_name].expected[persona], (link.href, persona)
        assert answer.status_code in {200, 302}, (link.href, persona)


@pytest.mark.parametrize("persona", PERSONAS)
def test_national_menu_offers_each_persona_exactly_the_pages_they_may_open(persona, personas, client_for):
    client = client_for(persona)
    response = client.get(FRONT)
    allowed = [entry for entry in offered_entries(None) if may_open(entry.url_name, persona)]
    assert [link for link, _text in nav_links(response)] == [href(e) for e in allowed if e.main_menu]
    for entry in allowed:
        assert client.get(href(entry)).status_code == 200, (entry.url_name, persona)


# What each persona's main menu showed when the menus were written into base.html; the move to each app's
# menu.py keeps it, in Danish.
TENANT_MENU = {
    "anonymous": ["Forside", "Foreninger", "Frivilligjob", "Hvor mangler der frivillige"],
    "centre_staff": [
        "Forside",
        "Foreninger",
        "Frivilligjob",
        "Hvor mangler der frivillige",
        "Mit arbejde",
        "Organisationer",
        "Personer",
        "Henvendelser",
        "Samarbejdsrelationer",
        "Administrer frivilligjob",
        "Tilmeldinger",
        "Min profil",
        "Min frivilligprofil",
    ],
    "association_rep": [
        "Forside",
        "Foreninger",
        "Frivilligjob",
        "Hvor mangler der frivillige",
        "Administrer frivilligjob",
        "Tilmeldinger",
        "Min forening",
        "Min profil",
        "Min frivilligprofil",
    ],
    "tenant_admin": [
        "Forside",
        "Foreninger",
        "Frivilligjob",
        "Hvor mangler der frivillige",
        "Brugere og roller",
        "Handlingslog",
        "Kontaktoplysninger",
        "Ordlister",
        "Min profil",
        "Min frivilligprofil",
    ],
    "municipal_staff": [
        "Forside",
        "Foreninger",
        "Frivilligjob",
        "Hvor mangler der frivillige",
        "Min profil",
        "Min frivilligprofil",
    ],
}


@pytest.mark.parametrize("persona", sorted(TENANT_MENU))
def test_tenant_menu_reads_as_before_in_danish(persona, client_for, personas):
    response = client_for(persona).get(HOME)
    assert [text for _href, text in nav_links(response)] == TENANT_MENU[persona]


def test_national_menu_reads_as_before_in_danish(client_for, personas):
    assert [text for _href, text in nav_links(client_for("anonymous").get(FRONT))] == [
        "Frivilligcentre",
        "Frivilligjob",
    ]
    assert [text for _href, text in nav_links(client_for("citizen").get(FRONT))] == [
        "Frivilligcentre",
        "Frivilligjob",
        "Min profil",
        "Min frivilligprofil",
    ]


def test_administrator_finds_every_administration_page_on_the_front_page(client_for, personas):
    content = client_for("tenant_admin").get(HOME).content.decode()
    work = content[content.index("Dit arbejde her") :]
    listed = re.findall(r'<li><a href="([^"]*)">([^<]*)</a></li>', work[: work.index("</ul>")])
    assert listed == [
        ("/alfa/administration/medlemmer/", "Brugere og roller"),
        ("/alfa/administration/log/", "Handlingslog"),
        ("/alfa/administration/kontaktoplysninger/", "Kontaktoplysninger"),
        (reverse("crm:tag_list", kwargs={"tenant_slug": "alfa"}), "Ordlister"),
        ("/alfa/administration/sider/tilgaengelighed/", "Rediger tilgængelighedserklæringen"),
        ("/alfa/administration/sider/privatliv/", "Rediger privatlivspolitikken"),
    ]


@pytest.mark.parametrize("persona", ["centre_staff", "association_rep", "municipal_staff"])
def test_other_roles_see_their_roles_but_no_administration_pages_on_the_front_page(persona, client_for, personas):
    content = client_for(persona).get(HOME).content.decode()
    assert "Dit arbejde her" in content
    assert "/alfa/administration/" not in content


def test_footer_links_to_the_tenants_statements(client_for, personas):
    content = client_for("anonymous").get(HOME).content.decode()
    footer = content[content.index('<footer class="footer">') :]
    assert '<li><a href="/alfa/tilgaengelighed/">Tilgængelighedserklæring</a></li>' in footer
    assert '<li><a href="/alfa/privatliv/">Privatlivspolitik</a></li>' in footer


def test_front_page_offers_the_representative_their_association_and_no_one_else(client_for, personas):
    edit = reverse("crm:selfservice_edit", kwargs={"tenant_slug": "alfa", "pk": personas.organisation.pk})
    rep = client_for("association_rep").get(HOME).content.decode()
    assert "Din forening" in rep
    assert f'href="{edit}"' in rep
    for persona in ("centre_staff", "tenant_admin", "citizen", "anonymous"):
        content = client_for(persona).get(HOME).content.decode()
        assert "Din forening" not in content, persona
        assert "/min-forening/" not in content and f'href="{edit}"' not in content, persona


def test_front_page_calls_to_action_come_in_order(client_for, personas):
    content = client_for("anonymous").get(HOME).content.decode()
    board = content.index('class="button button-primary" href="/alfa/frivilligjob/"')
    directory = content.index(f'href="{reverse("crm:directory", kwargs={"tenant_slug": "alfa"})}"', board)
    assert board < directory < content.index("Kontakt frivilligcenteret")


def test_current_page_is_marked_also_below_a_list(client_for, personas):
    client = client_for("centre_staff")
    organisations = reverse("crm:organisation_list", kwargs={"tenant_slug": "alfa"})
    detail = reverse("crm:organisation_detail", kwargs={"tenant_slug": "alfa", "pk": personas.organisation.pk})
    for url in (organisations, detail):
        content = client.get(url).content.decode()
        assert f'<a href="{organisations}" aria-current="page">Organisationer</a>' in content
        assert content.count('aria-current="page"') == 1


LAYOUT_TEMPLATES = [
    Path(settings.BASE_DIR) / "frivillig/templates/base.html",
    Path(settings.BASE_DIR) / "frivillig/tenants/templates/tenants/tenant_home.html",
]
# The kernel's own pages (project-level names, accounts, tenants) are the layout's to name.
KERNEL_NAMESPACES = {"", "accounts", "tenants"}


@pytest.mark.parametrize("path", LAYOUT_TEMPLATES, ids=lambda path: path.name)
def test_layout_templates_name_no_apps_pages_and_no_roles(path):
    url_names = re.compile(r"{%\s*url\s+['\"]([^'\"]+)['\"]")
    # The check can fail: it sees a page of an app named in a template.
    assert url_names.findall("<a href=\"{% url 'crm:directory' tenant_slug=tenant.slug %}\">") == ["crm:directory"]
    text = path.read_text()
    names = url_names.findall(text)
    foreign = [name for name in names if (name.split(":")[0] if ":" in name else "") not in KERNEL_NAMESPACES]
    assert foreign == []
    assert [role.value for role in Role if role.value in text] == []
    assert "{% nav_item" not in text and " in tenant_roles" not in text


def test_an_apps_new_entry_appears_without_touching_a_template(monkeypatch, client_for, personas):
    found = registry.app_modules("menu")
    new_app = types.SimpleNamespace(
        MENU=[MenuEntry("volunteering:needs_details", "Needs from a new app", area="register", order=99)]
    )
    monkeypatch.setattr(registry, "app_modules", lambda name: (*found, (found[-1][0], new_app)))
    details = reverse("volunteering:needs_details", kwargs={"tenant_slug": "alfa"})

    staff = nav_links(client_for("centre_staff").get(HOME))
    assert (details, "Needs from a new app") in staff
    # Filed under the register, after its other pages.
    assert (
        staff.index((details, "Needs from a new app")) == TENANT_MENU["centre_staff"].index("Samarbejdsrelationer") + 1
    )
    # Who sees it follows the view's own permission.
    for persona in ("association_rep", "tenant_admin", "citizen", "anonymous"):
        assert details not in [link for link, _text in nav_links(client_for(persona).get(HOME))], persona


def test_menu_entry_refuses_an_unknown_work_area():
    with pytest.raises(ValueError, match="Unknown work area"):
        MenuEntry("tenants:home", "Front page", area="mywork", order=1)


def test_menu_entry_naming_no_url_fails_loudly():
    with pytest.raises(LookupError, match="names no URL pattern"):
        _ = MenuEntry("tenants:hoem", "Front page", area="public", order=1).permission


def test_statement_pages_offer_the_edit_button_to_whoever_may_edit(client_for, personas):
    for page, edit in (
        ("communication:accessibility", "communication:accessibility_edit"),
        ("communication:privacy", "communication:privacy_edit"),
    ):
        url = reverse(page, kwargs={"tenant_slug": "alfa"})
        button = f'<a class="button button-secondary" href="{reverse(edit, kwargs={"tenant_slug": "alfa"})}">'
        for persona in PERSONAS:
            content = client_for(persona).get(url).content.decode()
            assert (button in content) == may_open(edit, persona), (page, persona)


def test_no_template_asks_for_a_role_by_name():
    """Who sees a link or a button follows the permission of the page it opens, never a role named in a template."""
    quoted = [f'"{role.value}"' for role in Role] + [f"'{role.value}'" for role in Role]
    templates = sorted(Path(settings.BASE_DIR, "frivillig").rglob("templates/**/*.html"))
    assert {"base.html", "tenant_home.html", "contentpage_detail.html"} <= {path.name for path in templates}
    offending = [
        str(path.relative_to(settings.BASE_DIR))
        for path in templates
        if any(role in path.read_text() for role in quoted) or " in tenant_roles" in path.read_text()
    ]
    assert offending == []
