"""Every URL of the project against every persona.

A URL pattern that is not listed here fails the suite, so each new view must state who may use it.
Expected outcomes: anonymous → login redirect; wrong role → 403; a person of another tenant → 404.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django_scopes import scopes_disabled

from frivillig.core.permissions import PUBLIC
from frivillig.tenants.enums import Role
from frivillig.tenants.models import Invitation, Membership
from frivillig.testing import (
    LOGIN,
    PERSONAS,
    Case,
    anonymous_only,
    everyone,
    logged_in,
    public_tenant_page,
    tenant_roles,
)

MATRIX: dict[str, Case] = {
    "front_page": everyone(200),
    "switch_language": everyone(302, method="post", data={"language": "en", "next": "/"}),
    "invitation_accept": everyone(400, kwargs={"token": "not-a-valid-token"}),
    "accounts:signup": anonymous_only(),
    "accounts:signup_done": everyone(200),
    "accounts:verify": everyone(400, kwargs={"token": "not-a-valid-token"}),
    "accounts:login": anonymous_only(),
    "accounts:logout": everyone(302, method="post"),
    "accounts:profile": logged_in(),
    "accounts:delete": logged_in(),
    "accounts:password_change": logged_in(),
    "accounts:password_reset": everyone(200),
    "accounts:password_reset_done": everyone(200),
    "accounts:password_reset_confirm": everyone(200, kwargs={"uidb64": "MQ", "token": "set-password"}),
    "accounts:password_reset_complete": everyone(200),
    "tenants:home": public_tenant_page(),
    "tenants:members": tenant_roles(Role.TENANT_ADMIN),
    "tenants:member_invite": tenant_roles(Role.TENANT_ADMIN),
    "tenants:member_change_role": tenant_roles(
        Role.TENANT_ADMIN,
        status=302,
        method="post",
        kwargs={"pk": "{membership}"},
        data={"role": Role.CENTRE_STAFF},
    ),
    "tenants:member_revoke": tenant_roles(Role.TENANT_ADMIN, kwargs={"pk": "{membership}"}),
    "tenants:invitation_cancel": tenant_roles(
        Role.TENANT_ADMIN, status=302, method="post", kwargs={"pk": "{invitation}"}
    ),
    "tenants:audit_log": tenant_roles(Role.TENANT_ADMIN),
    "tenants:settings": tenant_roles(Role.TENANT_ADMIN),
    "communication:accessibility": public_tenant_page(),
    "communication:privacy": public_tenant_page(),
    "communication:accessibility_edit": tenant_roles(Role.TENANT_ADMIN),
    "communication:privacy_edit": tenant_roles(Role.TENANT_ADMIN),
}


def _app_matrix_modules():
    import pkgutil
    from importlib import import_module

    from django.apps import apps

    modules = []
    for config in apps.get_app_configs():
        if config.name.startswith("frivillig."):
            try:
                module = import_module(f"{config.name}.tests.matrix")
            except ModuleNotFoundError as error:
                if error.name != f"{config.name}.tests.matrix":
                    raise
                continue
            if hasattr(module, "__path__"):
                # A package: one module per area of the app, each with its own CASES.
                for info in sorted(pkgutil.iter_modules(module.__path__), key=lambda i: i.name):
                    modules.append(import_module(f"{module.__name__}.{info.name}"))
            else:
                modules.append(module)
    return [module for module in modules if hasattr(module, "CASES")]


for _module in _app_matrix_modules():
    _overlap = set(MATRIX) & set(_module.CASES)
    assert not _overlap, f"listed twice in the permission matrix: {_overlap}"
    MATRIX.update(_module.CASES)


def matrix_objects(personas) -> dict[str, int]:
    """The primary keys that the matrix's URLs name, made fresh for each test."""
    with scopes_disabled():
        objects = {
            "membership": Membership.objects.get(user=personas.user("centre_staff")).pk,
            "invitation": Invitation.objects.create(
                tenant=personas.tenant, email="new@example.org", role=Role.CENTRE_STAFF
            ).pk,
        }
        for module in _app_matrix_modules():
            if hasattr(module, "objects"):
                objects.update(module.objects(personas))
    return objects


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
