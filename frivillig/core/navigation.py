"""The menus: each app lists the pages it offers in its `menu.py`, and each person sees the ones they may open.

An app's `menu.py` holds `MENU = [MenuEntry(...), ...]` (links to its pages) and may hold `HOME = [HomeSection(...)]`
(parts of a tenant's front page) and `FRONT = [HomeSection(...)]` (parts of the national front page).
`core.registry` finds them, so the layout templates name no app's pages and no role: whether a person sees a link
is decided by the permission the linked view declares with `@view_permission`, read from the view itself, so a
menu can never offer a page that would refuse the person (or hide one it would open).

(This module is not called `menu.py`: that name is each app's, and the registry would count the kernel among them.)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from functools import cache
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver, get_urlconf, reverse

from frivillig.core import registry
from frivillig.core.permissions import AUTHENTICATED, PUBLIC

# Work areas in the order the main menu shows them; an app files each entry under one of these.
# "about" (the site's statements) is shown in the footer only.
AREAS = ("public", "my_work", "register", "volunteering", "association", "administration", "personal", "about")


class Scope(Enum):
    TENANT = "tenant"  # a page of one tenant: offered on that tenant's pages, linked with its slug
    NATIONAL = "national"  # offered only on the pages that belong to no tenant
    EVERYWHERE = "everywhere"  # a person's own pages (national URLs), offered on every page


@dataclass(frozen=True)
class MenuEntry:
    url_name: str
    label: Any  # a lazy translation
    area: str
    order: int
    scope: Scope = Scope.TENANT
    # A view-name prefix that also marks this entry as the current page (the pages below a list).
    match: str = ""
    # False: not in the main menu, only where the whole area is listed (the tenant's front page, the footer).
    main_menu: bool = True

    def __post_init__(self):
        if self.area not in AREAS:
            raise ValueError(f"Unknown work area {self.area!r} for {self.url_name}; choose one of {AREAS}.")

    @property
    def permission(self) -> str:
        """What the linked view declares with @view_permission."""
        return declared_permission(self.url_name)

    def offered(self, tenant) -> bool:
        if self.scope is Scope.EVERYWHERE:
            return True
        return (self.scope is Scope.TENANT) == (tenant is not None)


@dataclass(frozen=True)
class HomeSection:
    """A part of a tenant's front page that an app offers: a template, who sees it, and what it needs.

    `context(request)` returns the template's extra variables, or None when there is nothing to show."""

    template: str
    order: int
    permission: str = PUBLIC
    context: Callable[[Any], dict | None] | None = None


@dataclass(frozen=True)
class MenuLink:
    entry: MenuEntry
    href: str
    current: bool

    @property
    def label(self):
        return self.entry.label


@cache
def declared_permissions(urlconf: str | None) -> dict[str, str]:
    """Each named URL's declared permission, by namespaced name."""
    found: dict[str, str] = {}

    def walk(patterns, namespace: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace)
            elif isinstance(pattern, URLPattern) and pattern.name:
                permission = getattr(pattern.callback, "view_permission", None)
                if permission is not None:
                    found.setdefault(f"{namespace}{pattern.name}", permission)

    walk(get_resolver(urlconf).url_patterns, "")
    return found


def declared_permission(url_name: str) -> str:
    """What the view of this namespaced URL name declares with @view_permission."""
    permissions = declared_permissions(get_urlconf())
    if url_name not in permissions:
        raise LookupError(f"The menu links to {url_name!r}, which names no URL pattern.")
    return permissions[url_name]


def may_open(user, permission: str, tenant) -> bool:
    """What @view_permission lets through, without the response: the same check the view makes."""
    if permission == PUBLIC:
        return True
    if user is None or not user.is_authenticated:
        return False
    return permission == AUTHENTICATED or user.has_perm(permission, tenant)


def all_entries() -> list[MenuEntry]:
    """Every app's entries, by work area and then by their order."""
    return sorted(registry.collect("menu", "MENU"), key=lambda entry: (AREAS.index(entry.area), entry.order))


def visible_links(request, tenant) -> list[MenuLink]:
    """The entries this request's person may open here, in menu order, with the current page marked."""
    # The 500 page renders without a request: an anonymous visitor on no particular page.
    user = getattr(request, "user", None)
    view_name = getattr(getattr(request, "resolver_match", None), "view_name", "") or ""
    links = []
    for entry in all_entries():
        if not entry.offered(tenant) or not may_open(user, entry.permission, tenant):
            continue
        kwargs = {"tenant_slug": tenant.slug} if entry.scope is Scope.TENANT else {}
        current = view_name == entry.url_name or bool(entry.match and view_name.startswith(entry.match))
        links.append(MenuLink(entry=entry, href=reverse(entry.url_name, kwargs=kwargs), current=current))
    return links


def links_for(request, tenant) -> list[MenuLink]:
    """`visible_links`, worked out once per request (the header, the footer and a page may all ask)."""
    if request is None:
        return visible_links(request, tenant)
    cached = getattr(request, "_frivillig_menu", None)
    if cached is None or cached[0] is not tenant:
        cached = (tenant, visible_links(request, tenant))
        request._frivillig_menu = cached
    return cached[1]


def main_menu(request, tenant) -> list[MenuLink]:
    return [link for link in links_for(request, tenant) if link.entry.main_menu]


def area_links(request, tenant, area: str) -> list[MenuLink]:
    if area not in AREAS:
        raise ValueError(f"Unknown work area {area!r}; choose one of {AREAS}.")
    return [link for link in links_for(request, tenant) if link.entry.area == area]


def home_sections(request, tenant, attribute: str = "HOME") -> list[tuple[HomeSection, dict]]:
    """The front-page sections this person may see, with their extra template variables, in order.

    `HOME` holds the parts of a tenant's front page, `FRONT` those of the national front page (tenant None)."""
    user = getattr(request, "user", None)
    shown = []
    for section in sorted(registry.collect("menu", attribute), key=lambda section: section.order):
        if not may_open(user, section.permission, tenant):
            continue
        extra = section.context(request) if section.context is not None else {}
        if extra is not None:
            shown.append((section, extra))
    return shown
