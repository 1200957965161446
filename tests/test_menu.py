"""The menus come from each app's `menu.py`: every persona is offered exactly the pages they may open (the
permission matrix says which), grouped in work areas (one main-menu item each, never more than seven for anyone),
each area's pages in its side navigation and all of them in the mobile drawer; the layout templates name no app's
pages and no role, and an app's new area or entry appears without touching a template."""

import re
import types
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import resolve, reverse

from frivillig.core import navigation, registry
from frivillig.core.navigation import Area, MenuEntry, Scope
from frivillig.tenants.enums import Role
from frivillig.testing import LOGIN, PERSONAS, UserFactory, grant
from tests.test_permission_matrix import MATRIX

HOME = reverse("tenants:home", kwargs={"tenant_slug": "alfa"})
FRONT = reverse("front_page")
REFUSED = {LOGIN, 403, 404}
MOST_MAIN_MENU_ITEMS = 7
LINK = re.compile(r'<a href="([^"]*)" class="nav-link"[^>]*><span>([^<]*)</span></a>')


def _part(response, pattern: str) -> str:
    found = re.search(pattern, response.content.decode(), re.S)
    return found.group(0) if found else ""


def main_menu(response) -> list[tuple[str, str]]:
    """The header's main menu as the person sees it: (href, text) of each item, in order."""
    return LINK.findall(_part(response, r'<div class="navigation-menu">.*?</nav>'))


def side_navigation(response) -> list[tuple[str, str]]:
    return LINK.findall(_part(response, r'<nav class="side-navigation".*?</nav>'))


def drawer(response) -> list[tuple[str, str]]:
    """Every link of the mobile drawer's menu."""
    return LINK.findall(_part(response, r'<nav class="navigation-menu-mobile".*?</nav>'))


def may_open(name: str, persona: str) -> bool:
    return MATRIX[name].expected[persona] not in REFUSED


def href(entry: MenuEntry) -> str:
    return reverse(entry.url_name, kwargs={"tenant_slug": "alfa"} if entry.scope is Scope.TENANT else {})


def offered_entries(tenant):
    return [entry for entry in navigation.all_entries() if entry.offered(tenant)]


def expected_main_menu(entries) -> list[str]:
    """One item per main-menu area with an entry the person may open, leading to its first main-menu entry."""
    items = []
    for area in navigation.all_areas().values():
        own = [entry for entry in entries if entry.area == area.key and entry.main_menu]
        if area.main_menu and own:
            items.append(href(own[0]))
    return items


@pytest.fixture
def several_roles(personas):
    """A centre leader who is also the administrator, works for the municipality and represents an association."""
    user = UserFactory(email="leader@alfa.example.org", full_name="Alfa Centre Leader")
    grant(user, personas.tenant, Role.CENTRE_STAFF, Role.TENANT_ADMIN, Role.MUNICIPAL_STAFF)
    grant(user, personas.tenant, Role.ASSOCIATION_REP, organisation=personas.organisation)
    return user


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
    assert [link for link, _text in main_menu(response)] == expected_main_menu(allowed)
    # Every link, also those of areas that are no main-menu item (the front page, the person's own, the footer's).
    shown = navigation.visible_links(response.wsgi_request, personas.tenant)
    assert [link.entry for link in shown] == allowed
    # The drawer holds every page of the main menu's areas.
    main_areas = {area.key for area in navigation.all_areas().values() if area.main_menu}
    assert {link for link, _text in drawer(response)} == {href(e) for e in allowed if e.area in main_areas}
    for link in shown:
        answer = client.get(link.href)
        assert answer.status_code == MATRIX[link.entry.url_name].expected[persona], (link.href, persona)
        assert answer.status_code in {200, 302}, (link.href, persona)


@pytest.mark.parametrize("persona", PERSONAS)
def test_national_menu_offers_each_persona_exactly_the_pages_they_may_open(persona, personas, client_for):
    client = client_for(persona)
    response = client.get(FRONT)
    allowed = [entry for entry in offered_entries(None) if may_open(entry.url_name, persona)]
    assert [link for link, _text in main_menu(response)] == expected_main_menu(allowed)
    for entry in allowed:
        assert client.get(href(entry)).status_code == 200, (entry.url_name, persona)


# The work areas each persona's header shows, in Danish.
TENANT_MENU = {
    "anonymous": ["Frivilligjob", "Foreninger", "Arrangementer"],
    "citizen": ["Frivilligjob", "Foreninger", "Arrangementer"],
    "centre_staff": ["Mit arbejde", "Frivilligjob", "Foreninger", "Arrangementer", "Undersøgelser", "Strategi"],
    "association_rep": ["Frivilligjob", "Foreninger", "Arrangementer"],
    "tenant_admin": ["Frivilligjob", "Foreninger", "Arrangementer", "Undersøgelser", "Strategi", "Administration"],
    "municipal_staff": ["Frivilligjob", "Foreninger", "Arrangementer", "Strategi"],
}


@pytest.mark.parametrize("persona", sorted(TENANT_MENU))
def test_tenant_menu_shows_each_persona_their_work_areas_in_danish(persona, client_for, personas):
    response = client_for(persona).get(HOME)
    assert [text for _href, text in main_menu(response)] == TENANT_MENU[persona]


def test_person_with_several_roles_sees_the_work_areas_of_all_of_them(client, several_roles, personas):
    client.force_login(several_roles)
    assert [text for _href, text in main_menu(client.get(HOME))] == [
        "Mit arbejde",
        "Frivilligjob",
        "Foreninger",
        "Arrangementer",
        "Undersøgelser",
        "Strategi",
        "Administration",
    ]


def test_national_menu_reads_in_danish(client_for, personas):
    for persona in ("anonymous", "citizen", "centre_staff"):
        menu = [text for _href, text in main_menu(client_for(persona).get(FRONT))]
        assert menu == ["Frivilligjob", "Arrangementer"], persona


def test_no_role_gets_more_than_seven_main_menu_items(client_for, client, personas, several_roles):
    """With every installed app's areas and entries: every persona, and one person holding every role."""
    counts = {}
    for persona in PERSONAS:
        for page in (HOME, FRONT):
            counts[(persona, page)] = len(main_menu(client_for(persona).get(page)))
    client.force_login(several_roles)
    for page in (HOME, FRONT):
        counts[("several roles", page)] = len(main_menu(client.get(page)))
    assert counts[("several roles", HOME)] >= counts[("centre_staff", HOME)] > 0  # the check sees the menu
    too_many = {where: count for where, count in counts.items() if count > MOST_MAIN_MENU_ITEMS}
    assert too_many == {}


def test_main_menu_item_leads_to_the_first_page_of_the_area_the_person_may_open(client_for, personas):
    rep = {text: link for link, text in main_menu(client_for("association_rep").get(HOME))}
    assert rep["Foreninger"] == reverse("crm:my_organisations", kwargs={"tenant_slug": "alfa"})
    staff = {text: link for link, text in main_menu(client_for("centre_staff").get(HOME))}
    assert staff["Foreninger"] == reverse("crm:organisation_list", kwargs={"tenant_slug": "alfa"})
    anonymous = {text: link for link, text in main_menu(client_for("anonymous").get(HOME))}
    assert anonymous["Foreninger"] == reverse("crm:directory", kwargs={"tenant_slug": "alfa"})
    assert anonymous["Frivilligjob"] == reverse("volunteering:board", kwargs={"tenant_slug": "alfa"})


def test_administrator_finds_every_administration_page_on_the_front_page(client_for, personas):
    content = client_for("tenant_admin").get(HOME).content.decode()
    work = content[content.index("I dag</h2>") :]
    listed = re.findall(r'<li><a href="([^"]*)">([^<]*)</a></li>', work[: work.index("</ul>")])
    assert listed == [
        ("/alfa/administration/medlemmer/", "Brugere og roller"),
        ("/alfa/administration/log/", "Handlingslog"),
        ("/alfa/administration/opslagslog/", "Log over opslag"),
        ("/alfa/administration/kontaktoplysninger/", "Kontaktoplysninger"),
        (reverse("crm:tag_list", kwargs={"tenant_slug": "alfa"}), "Ordlister"),
        ("/alfa/administration/sider/tilgaengelighed/", "Rediger tilgængelighedserklæringen"),
        ("/alfa/administration/sider/privatliv/", "Rediger privatlivspolitikken"),
        ("/alfa/administration/fortegnelse/", "Fortegnelse over behandlingsaktiviteter"),
        ("/alfa/administration/opbevaring/", "Opbevaringsperioder"),
    ]


@pytest.mark.parametrize("persona", ["centre_staff", "association_rep", "municipal_staff"])
def test_other_roles_see_their_roles_but_no_administration_pages_on_the_front_page(persona, client_for, personas):
    content = client_for(persona).get(HOME).content.decode()
    assert "I dag</h2>" in content
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
        response = client.get(url)
        content = response.content.decode()
        # The area in the header, the page in the side navigation and in the drawer.
        assert (
            f'<li class="active"><a href="{organisations}" class="nav-link" aria-current="true"><span>Foreninger'
            in (content)
        )
        side = _part(response, r'<nav class="side-navigation".*?</nav>')
        assert f'<a href="{organisations}" class="nav-link" aria-current="page"><span>Organisationer</span>' in side
        assert side.count("aria-current") == 1
        mobile = _part(response, r'<nav class="navigation-menu-mobile".*?</nav>')
        assert f'<a href="{organisations}" class="nav-link" aria-current="page"><span>Organisationer</span>' in mobile
        assert mobile.count('aria-current="page"') == 1
        assert content.count('aria-current="true"') == 1


def test_side_navigation_lists_the_current_areas_pages_the_person_may_open(client_for, personas):
    staff = client_for("centre_staff")
    response = staff.get(reverse("crm:person_list", kwargs={"tenant_slug": "alfa"}))
    expected = [
        link
        for link in navigation.visible_links(response.wsgi_request, personas.tenant)
        if link.entry.area == "associations"
    ]
    assert [href for href, _text in side_navigation(response)] == [link.href for link in expected]
    assert [text for _href, text in side_navigation(response)][:4] == [
        "Organisationer",
        "Personer",
        "Henvendelser",
        "Samarbejdsrelationer",
    ]
    # The administrator's pages have their own side navigation; the staff member's register is not in it.
    admin = client_for("tenant_admin").get(reverse("tenants:audit_log", kwargs={"tenant_slug": "alfa"}))
    texts = [text for _href, text in side_navigation(admin)]
    assert texts[:5] == ["Brugere og roller", "Handlingslog", "Log over opslag", "Kontaktoplysninger", "Ordlister"]
    assert "Organisationer" not in texts


def test_a_page_below_an_area_but_no_entry_shows_the_area_with_no_page_marked(client_for, personas):
    response = client_for("centre_staff").get(reverse("crm:import_start", kwargs={"tenant_slug": "alfa"}))
    assert response.status_code == 200
    assert side_navigation(response)
    assert "aria-current" not in _part(response, r'<nav class="side-navigation".*?</nav>')
    assert "Foreninger" in [text for _href, text in main_menu(response)]
    assert 'aria-current="true"><span>Foreninger' in response.content.decode()


@pytest.mark.parametrize(
    ("persona", "url_name"),
    [("anonymous", "tenants:home"), ("centre_staff", "crm:dashboard"), ("centre_staff", "tenants:home")],
)
def test_no_side_navigation_where_an_area_has_one_page_or_none(persona, url_name, client_for, personas):
    response = client_for(persona).get(reverse(url_name, kwargs={"tenant_slug": "alfa"}))
    assert response.status_code == 200
    assert '<nav class="side-navigation"' not in response.content.decode()
    assert 'class="page-layout"' in response.content.decode()


def test_own_association_pages_are_nested_under_my_association(client_for, personas):
    edit = reverse("crm:selfservice_edit", kwargs={"tenant_slug": "alfa", "pk": personas.organisation.pk})
    contacts = reverse("crm:selfservice_contacts", kwargs={"tenant_slug": "alfa", "pk": personas.organisation.pk})
    mine = reverse("crm:my_organisations", kwargs={"tenant_slug": "alfa"})
    response = client_for("association_rep").get(contacts)
    side = _part(response, r'<nav class="side-navigation".*?</nav>')
    # "My association" is open (the area's entry), and the page itself is marked inside it, once.
    assert f'<li class="active">\n        <a href="{mine}" class="nav-link"><span>Min forening</span></a>' in side
    assert f'<a class="nav-link" href="{contacts}" aria-current="page"><span>Kontaktpersoner</span></a>' in side
    assert f'href="{edit}"' in side
    assert side.count("aria-current") == 1
    # Below the large breakpoint the side navigation is hidden: the page keeps the list at its top.
    assert '<nav class="selfservice-navigation d-lg-none"' in response.content.decode()


def test_personal_pages_come_from_the_name_in_the_header_and_the_drawer(client_for, personas):
    response = client_for("citizen").get(HOME)
    content = response.content.decode()
    portal_user = content[content.index('<div class="portal-user">') : content.index('<div class="solution-info">')]
    assert f'<a href="{reverse("accounts:profile")}">Cecilie Borger</a>' in portal_user
    mobile = _part(response, r'<div class="portal-info-mobile">.*?</form>')
    assert f'<a href="{reverse("accounts:profile")}">Min profil</a>' in mobile
    assert f'<a href="{reverse("national:volunteer_profile")}">Min frivilligprofil</a>' in mobile
    # On the person's own pages, the side navigation moves between them.
    profile = client_for("citizen").get(reverse("accounts:profile"))
    assert [text for _href, text in side_navigation(profile)][:2] == ["Min profil", "Min frivilligprofil"]


def test_mobile_drawer_has_a_menu_button_a_close_button_and_the_areas_as_dkfds_submenus(client_for, personas):
    response = client_for("centre_staff").get(reverse("crm:person_list", kwargs={"tenant_slug": "alfa"}))
    content = response.content.decode()
    assert 'class="button button-secondary button-menu-open js-menu-open' in content
    assert '<div class="mobile-drawer" id="mobile-menu" role="dialog" aria-modal="true"' in content
    assert 'aria-label="Luk menuen">Luk</button>' in content
    # The current area is open, the others closed; an area of one page is a plain link.
    assert 'data-js-target="mobile-area-associations" aria-expanded="true"' in content
    assert 'data-js-target="mobile-area-volunteering" aria-expanded="false"' in content
    assert 'id="mobile-area-volunteering"' in content and 'collapsed" id="mobile-area-volunteering"' in content
    dashboard = reverse("crm:dashboard", kwargs={"tenant_slug": "alfa"})
    assert (dashboard, "Mit arbejde") in drawer(response)


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
        AREAS=[Area("new_area", "Events from a new app", order=40)],
        MENU=[
            MenuEntry("volunteering:needs_details", "Needs from a new app", area="new_area", order=10),
            MenuEntry("crm:import_start", "Import from a new app", area="associations", order=99),
        ],
    )
    monkeypatch.setattr(registry, "app_modules", lambda name: (*found, (found[-1][0], new_app)))
    details = reverse("volunteering:needs_details", kwargs={"tenant_slug": "alfa"})
    export = reverse("crm:import_start", kwargs={"tenant_slug": "alfa"})

    staff = client_for("centre_staff")
    menu = main_menu(staff.get(HOME))
    # A new area is a main-menu item, in its order: after the associations.
    assert [text for _href, text in menu] == [*TENANT_MENU["centre_staff"], "Events from a new app"]
    assert menu[-1][0] == details
    # A new entry in an existing area joins its side navigation, last.
    people = staff.get(reverse("crm:person_list", kwargs={"tenant_slug": "alfa"}))
    assert side_navigation(people)[-1] == (export, "Import from a new app")
    # Who sees it follows the view's own permission.
    for persona in ("association_rep", "tenant_admin", "citizen", "anonymous"):
        assert details not in [link for link, _text in main_menu(client_for(persona).get(HOME))], persona


def test_menu_entry_refuses_an_unknown_work_area(monkeypatch):
    found = registry.app_modules("menu")
    new_app = types.SimpleNamespace(MENU=[MenuEntry("tenants:home", "Front page", area="mywork", order=1)])
    monkeypatch.setattr(registry, "app_modules", lambda name: (*found, (found[-1][0], new_app)))
    with pytest.raises(ValueError, match="Unknown work area 'mywork'"):
        navigation.all_entries()


def test_a_work_area_is_registered_once(monkeypatch):
    found = registry.app_modules("menu")
    new_app = types.SimpleNamespace(AREAS=[Area("associations", "Associations again", order=1)])
    monkeypatch.setattr(registry, "app_modules", lambda name: (*found, (found[-1][0], new_app)))
    with pytest.raises(ValueError, match="Two apps register the work area 'associations'"):
        navigation.all_areas()


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
