"""Every URL of the project against every persona.

A URL pattern that is not listed fails the suite, so each new view must state who may use it. The rows live beside
each app's tests, in `<app>/tests/matrix/*.py` (or one `<app>/tests/matrix.py`): `CASES` maps URL names to cases,
and an optional `objects(personas)` returns the primary keys its URLs name. They are found in every installed app,
so a new app brings its rows without an edit here.
Expected outcomes: anonymous → login redirect; wrong role → 403; a person of another tenant → 404.
"""

import pkgutil
from importlib import import_module
from importlib.util import find_spec

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django_scopes import scopes_disabled

from frivillig.core.permissions import PUBLIC
from frivillig.tenants.enums import Role
from frivillig.tenants.services import membership_grant
from frivillig.testing import LOGIN, PERSONAS, Case


def _app_matrix_module_names(config) -> list[str]:
    """`<app>.tests.matrix` and, when it is a package, each module in it (one per area of the app), in order."""
    name = f"{config.name}.tests.matrix"
    try:
        spec = find_spec(name)
    except ModuleNotFoundError:  # the app has no tests package
        return []
    if spec is None:
        return []
    if spec.submodule_search_locations is None:
        return [name]
    return [f"{name}.{info.name}" for info in sorted(pkgutil.iter_modules(spec.submodule_search_locations))]


def _app_matrix_modules():
    modules = [import_module(name) for config in apps.get_app_configs() for name in _app_matrix_module_names(config)]
    return [module for module in modules if hasattr(module, "CASES")]


def collect_matrix(modules) -> dict[str, Case]:
    matrix: dict[str, Case] = {}
    for module in modules:
        overlap = set(matrix) & set(module.CASES)
        assert not overlap, f"listed twice in the permission matrix: {sorted(overlap)} ({module.__name__})"
        matrix.update(module.CASES)
    return matrix


MATRIX: dict[str, Case] = collect_matrix(_app_matrix_modules())


def matrix_objects(personas) -> dict[str, int]:
    """The primary keys that the matrix's URLs name, made fresh for each test."""
    objects: dict[str, int] = {}
    with scopes_disabled():
        for module in _app_matrix_modules():
            if hasattr(module, "objects"):
                objects.update(module.objects(personas))
    return objects


def _mounting_modules(patterns=None, module: str = "frivillig.urls", namespace: str = ""):
    """Each URL name with the URL module that lists it."""
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            urlconf = entry.urlconf_name
            name = urlconf if isinstance(urlconf, str) else getattr(urlconf, "__name__", module)
            yield from _mounting_modules(entry.url_patterns, name, inner)
        elif entry.name:
            yield f"{namespace}{entry.name}", module, entry.callback.__module__


def test_each_urls_row_lives_beside_the_app_that_offers_the_page():
    """This file names no app's URL: the app whose URL module or view offers a page lists it in its own tests."""
    listed_by = {}
    for module in _app_matrix_modules():
        app = module.__name__.split(".tests.matrix")[0]
        listed_by.update(dict.fromkeys(module.CASES, app))
    misplaced = [
        (name, listed_by[name], url_module, view_module)
        for name, url_module, view_module in _mounting_modules()
        if name in listed_by
        and not url_module.startswith(listed_by[name] + ".")
        and not view_module.startswith(listed_by[name] + ".")
    ]
    assert misplaced == []
    assert len(listed_by) == len(MATRIX)


def test_an_url_name_listed_by_two_apps_is_refused():
    from types import SimpleNamespace

    first = SimpleNamespace(__name__="first", CASES={"x:page": Case({})})
    second = SimpleNamespace(__name__="second", CASES={"x:page": Case({})})
    with pytest.raises(AssertionError, match="listed twice"):
        collect_matrix([first, second])


# The platform operator's Django admin guards itself (is_staff); no persona here is platform staff.
ADMIN_NAMESPACE = "admin"


def iter_patterns(patterns=None, namespace: str = ""):
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from iter_patterns(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern):
            yield namespace, (f"{namespace}{entry.name}" if entry.name else None), entry


def project_patterns():
    return [
        (name, pattern)
        for namespace, name, pattern in iter_patterns()
        if not namespace.startswith(ADMIN_NAMESPACE + ":")
    ]


def test_matrix_lists_every_url_pattern():
    names = [name for name, _ in project_patterns()]
    assert None not in names, "every URL pattern needs a name"
    assert sorted(set(names) - set(MATRIX)) == [], "URL patterns missing from the permission matrix"
    assert sorted(set(MATRIX) - set(names)) == [], "the matrix lists URL patterns that no longer exist"


def duplicate_url_names(patterns=None) -> list[str]:
    """Namespaced URL names that more than one pattern uses: reverse() reaches only one of them, and the matrix,
    keyed by name, would test only one."""
    from collections import Counter

    counts = Counter(name for _, name, _ in iter_patterns(patterns) if name)
    return sorted(name for name, count in counts.items() if count > 1)


def test_no_two_url_patterns_share_a_name():
    assert duplicate_url_names() == []


def test_duplicate_url_names_are_found_across_includes_but_not_across_namespaces():
    """The check above can fail: a name reused in one namespace is caught, the same name in two namespaces is not."""
    from django.urls import include, path

    def view(request):
        raise AssertionError("never called")

    inner = ([path("a/", view, name="list"), path("b/", view, name="list")], "first")
    other = ([path("c/", view, name="list")], "second")
    patterns = [
        path("one/", include(inner)),
        path("two/", include(other)),
        path("x/", view, name="top"),
        path("y/", view, name="top"),
    ]
    assert duplicate_url_names(patterns) == ["first:list", "top"]


def test_every_view_declares_its_permission():
    undeclared = [name for name, pattern in project_patterns() if not hasattr(pattern.callback, "view_permission")]
    assert undeclared == []


def test_tenant_pages_that_are_not_public_are_in_the_matrix_as_role_pages():
    for name, pattern in project_patterns():
        case = MATRIX[name]
        if pattern.callback.view_permission != PUBLIC and "tenant_slug" in case.kwargs:
            assert case.expected["other_staff"] == 404, name


def _fill(kwargs: dict[str, str], objects: dict[str, int]) -> dict[str, str]:
    return {key: value.format(**objects) for key, value in kwargs.items()}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_permission_matrix(name, persona, personas, client_for):
    case = MATRIX[name]
    url = reverse(name, kwargs=_fill(case.kwargs, matrix_objects(personas)))
    client = client_for(persona)
    response = getattr(client, case.method)(url, case.data)
    expected = case.expected[persona]
    if expected == LOGIN:
        assert response.status_code == 302, (name, persona, response.status_code)
        assert response.headers["Location"].startswith(reverse("accounts:login") + "?next="), response.headers
    else:
        assert response.status_code == expected, (name, persona, response.status_code)


@pytest.mark.parametrize("persona", [p for p in PERSONAS if p != "anonymous"] + ["anonymous"])
def test_django_admin_refuses_everyone_but_platform_staff(persona, personas, client_for):
    response = client_for(persona).get(reverse("admin:index"))
    assert response.status_code == 302
    assert response.headers["Location"].startswith(reverse("admin:login"))


def test_django_admin_opens_for_platform_staff(personas, client):
    from frivillig.testing import UserFactory

    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert client.get(reverse("admin:index")).status_code == 200
    assert client.get(reverse("admin:tenants_membership_changelist")).status_code == 200


# --- a person with several roles -----------------------------------------------------------------------------
# One person may hold several roles in a tenant (a centre leader is both staff and administrator). Each row of the
# matrix is checked again for such a person: they may open what any of their roles may open, and nothing else.

REFUSED = (403, 404, LOGIN)
COMBINED = {
    "centre_leader": ("centre_staff", Role.TENANT_ADMIN, "tenant_admin"),
    "representative_in_the_municipality": ("association_rep", Role.MUNICIPAL_STAFF, "municipal_staff"),
}


def combined_expectation(case: Case, first: str, second: str) -> int | str:
    """What a person holding both personas' roles gets: the status of a role that lets them in; refused by both,
    what both get (e.g. 404 for someone else's application), else 403."""
    for persona in (first, second):
        if case.expected[persona] not in REFUSED:
            return case.expected[persona]
    return case.expected[first] if case.expected[first] == case.expected[second] else 403


@pytest.mark.parametrize("combination", sorted(COMBINED))
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_permission_matrix_for_a_person_with_several_roles(name, combination, personas, client_for):
    persona, extra_role, extra_persona = COMBINED[combination]
    membership_grant(tenant=personas.tenant, user=personas.user(persona), role=extra_role)
    case = MATRIX[name]
    url = reverse(name, kwargs=_fill(case.kwargs, matrix_objects(personas)))

    response = getattr(client_for(persona), case.method)(url, case.data)

    assert response.status_code == combined_expectation(case, persona, extra_persona), (name, combination)


# --- two-factor login ----------------------------------------------------------------------------------------
# Staff must give the second factor before any page that is not public: a password-only session of each staff
# persona is sent to set-up (they have no device yet) from every URL its row lets it into, with `next` kept.

STAFF_PERSONAS = ("centre_staff", "municipal_staff", "tenant_admin", "other_staff")


def _lets_in(case: Case, persona: str) -> bool:
    return case.expected[persona] not in REFUSED


@pytest.mark.password_only
@pytest.mark.parametrize("persona", STAFF_PERSONAS)
def test_staff_without_a_second_factor_are_sent_to_set_up_from_every_staff_url(persona, personas):
    from django.test import Client

    from frivillig.accounts.middleware import is_guarded

    objects = matrix_objects(personas)
    client = Client()
    client.force_login(personas.user(persona))
    setup = reverse("accounts:two_factor_setup")
    checked, not_sent = 0, []
    for name, pattern in project_patterns():
        case = MATRIX[name]
        if pattern.callback.view_permission == PUBLIC or not _lets_in(case, persona):
            continue
        if not is_guarded(None, pattern.callback):  # the set-up and code steps themselves
            continue
        url = reverse(name, kwargs=_fill(case.kwargs, objects))
        response = getattr(client, case.method)(url, case.data)
        location = response.headers.get("Location", "")
        checked += 1
        if response.status_code != 302 or not location.startswith(setup + "?next="):
            not_sent.append((name, response.status_code, location))
    assert checked > 10
    assert not_sent == []


@pytest.mark.password_only
def test_platform_staff_without_a_second_factor_are_sent_to_set_up_from_the_django_admin(personas, client):
    from frivillig.testing import UserFactory

    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response.headers["Location"].startswith(reverse("accounts:two_factor_setup") + "?next=")
    assert client.get(reverse("admin:login")).status_code in (200, 302)
