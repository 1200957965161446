"""Adding an app edits `INSTALLED_APPS` and the app itself, nothing else (issue 10's promise).

`tests/plugin_app` is such an app: a tenant page, a national page, a rule, a menu entry, a demo loader and its rows
of the permission matrix. Installed here for each test, the platform finds all of it through the registry: the
root URLconf mounts its pages, the menu offers its entry to the roles its view lets in, the demo loader runs its
loader, and the permission matrix gathers its rows.
"""

import importlib
import sys

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.test import modify_settings
from django.urls import Resolver404, clear_url_caches, resolve, reverse

from frivillig.core import navigation, registry
from frivillig.core.urlconf import site_path_segments
from frivillig.tenants.models import validate_slug_not_reserved
from frivillig.testing import LOGIN, PERSONAS
from tests import test_permission_matrix as matrix
from tests.test_menu import HOME, main_menu

NOTEBOOK = "/alfa/notesbog/"


def _remount() -> None:
    """What a server start does once: import the root URLconf anew (it asks the registry for the apps' pages)."""
    importlib.reload(sys.modules[settings.ROOT_URLCONF])
    clear_url_caches()
    navigation.declared_permissions.cache_clear()


@pytest.fixture
def plugin_installed():
    with modify_settings(INSTALLED_APPS={"append": "tests.plugin_app"}):
        _remount()
        yield
    _remount()


def test_the_app_is_found_by_the_registry_as_a_project_app(plugin_installed):
    assert registry.project_apps()[-1].label == "plugin_app"
    found = registry.registered()
    for module in ("demo", "menu", "urls", "urls_national"):
        assert found[module][-1] == "plugin_app", module
    assert "plugin_app" not in found["tenant_setup"]


def test_the_apps_pages_are_mounted_and_its_national_path_is_reserved(plugin_installed):
    assert reverse("plugin_app:notebook", kwargs={"tenant_slug": "alfa"}) == NOTEBOOK
    assert resolve(NOTEBOOK).func.__module__ == "tests.plugin_app.views"
    assert reverse("plugin_national:about") == "/notesboeger/"
    assert "notesboeger" in site_path_segments()
    with pytest.raises(ValidationError):
        validate_slug_not_reserved("notesboeger")


def test_without_the_app_nothing_of_it_remains():
    assert "plugin_app" not in registry.registered()["menu"]
    with pytest.raises(Resolver404):
        resolve(NOTEBOOK)
    assert "notesboeger" not in site_path_segments()


def test_the_permission_matrix_gathers_the_apps_rows_and_misses_no_url(plugin_installed):
    gathered = matrix.collect_matrix(matrix._app_matrix_modules())
    assert {"plugin_app:notebook", "plugin_national:about"} <= set(gathered)
    names = {name for name, _pattern in matrix.project_patterns()}
    assert names == set(gathered)
    # Each row sits beside the app that offers the page.
    mounted = {name: url_module for name, url_module, _view in matrix._mounting_modules()}
    assert mounted["plugin_app:notebook"] == "tests.plugin_app.urls"
    assert mounted["plugin_national:about"] == "tests.plugin_app.urls_national"


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_apps_page_answers_each_persona_as_its_matrix_row_says(persona, plugin_installed, personas, client_for):
    gathered = matrix.collect_matrix(matrix._app_matrix_modules())
    for name in ("plugin_app:notebook", "plugin_national:about"):
        case = gathered[name]
        response = client_for(persona).get(reverse(name, kwargs=case.kwargs))
        expected = case.expected[persona]
        if expected == LOGIN:
            assert response.status_code == 302, (name, response.status_code)
            assert response.headers["Location"].startswith(reverse("accounts:login") + "?next="), name
        else:
            assert response.status_code == expected, (name, response.status_code)


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_apps_menu_entry_appears_for_the_roles_its_view_lets_in(persona, plugin_installed, personas, client_for):
    # The app's own work area joins the header, for those its page lets in.
    links = main_menu(client_for(persona).get(HOME))
    assert ((NOTEBOOK, "Notebooks") in links) == (persona in {"centre_staff", "municipal_staff"})


def test_the_apps_own_page_shows_the_menu_with_its_entry_marked(plugin_installed, personas, client_for):
    response = client_for("centre_staff").get(NOTEBOOK)
    assert "Notebook of Frivilligcenter Alfa" in response.content.decode()
    assert f'<a href="{NOTEBOOK}" class="nav-link" aria-current="true"><span>Notebooks</span></a>' in (
        response.content.decode()
    )


def test_the_demo_loader_runs_the_apps_loader_after_the_apps_below_it(plugin_installed, db):
    from frivillig.core.demo_loader import demo_loaders, load_demo

    assert [label for label, _load in demo_loaders()][-1] == "plugin_app"
    context = load_demo()
    assert context.extra["plugin_app.tenants_seen"] == ["soroe", "roedovre"]
