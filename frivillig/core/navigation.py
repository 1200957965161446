"""The menus: each app lists the pages it offers in its `menu.py`, and each person sees the ones they may open.

An app's `menu.py` holds `MENU = [MenuEntry(...), ...]` (links to its pages), may hold `AREAS = [Area(...)]` (the
work areas it brings: one main-menu item each) and `HOME = [HomeSection(...)]` (parts of a tenant's front page).
`core.registry` finds them, so the layout templates name no app's pages and no role: whether a person sees a link
is decided by the permission the linked view declares with `@view_permission`, read from the view itself, so a menu
can never offer a page that would refuse the person (or hide one it would open).

The header shows one item per work area the person can open a page of (at most seven for any role: a test holds
that), linking to the first such page; the area's pages are its side navigation, and the mobile drawer holds both.

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


class Scope(Enum):
    TENANT = "tenant"  # a page of one tenant: offered on that tenant's pages, linked with its slug
    NATIONAL = "national"  # offered only on the pages that belong to no tenant
    EVERYWHERE = "everywhere"  # a person's own pages (national URLs), offered on every page


@dataclass(frozen=True)
class Area:
    """A work area: one item of the main menu, the side navigation of its pages, one section of the mobile drawer.

    An app brings the areas of its pages in its `menu.py` (`AREAS = [...]`); any app may file entries under any
    registered area (a new app's page about associations joins "associations")."""

    key: str
    label: Any  # a lazy translation
    order: int
    # View-name prefixes of the area's pages that no entry marks (a form or a detail page reached from a list):
    # on those the area is still the current one, and its side navigation is shown.
    match: tuple[str, ...] = ()
    # False: never an item of the main menu (the front page, the person's own pages, the footer's statements);
    # its pages still get the side navigation.
    main_menu: bool = True


@dataclass(frozen=True)
class MenuEntry:
    url_name: str
    label: Any  # a lazy translation
    area: str
    order: int
    scope: Scope = Scope.TENANT
    # A view-name prefix that also marks this entry as the current page (the pages below a list).
    match: str = ""
    # False: never the page the area's main-menu item leads to; listed only where the whole area is (the side
    # navigation, the drawer, the tenant's front page, the footer).
    main_menu: bool = True

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


def all_areas() -> dict[str, Area]:
    """Every app's work areas by key, in main-menu order."""
    areas: dict[str, Area] = {}
    for area in sorted(registry.collect("menu", "AREAS"), key=lambda area: area.order):
        if area.key in areas:
            raise ValueError(f"Two apps register the work area {area.key!r}; an area is registered once.")
        areas[area.key] = area
    return areas


def all_entries() -> list[MenuEntry]:
    """Every app's entries, by work area and then by their order."""
    areas = list(all_areas())
    entries = registry.collect("menu", "MENU")
    for entry in entries:
        if entry.area not in areas:
            raise ValueError(f"Unknown work area {entry.area!r} for {entry.url_name}; choose one of {areas}.")
    return sorted(entries, key=lambda entry: (areas.index(entry.area), entry.order))


def visible_links(request, tenant) -> list[MenuLink]:
    """The entries this request's person may open here, in menu order, with the current page marked."""
    # The 500 page renders without a request: an anonymous visitor on no particular page.
    user = getattr(request, "user", None)
    view_name = _view_name(request)
    links = []
    for entry in all_entries():
        if not entry.offered(tenant) or not may_open(user, entry.permission, tenant):
            continue
        kwargs = {"tenant_slug": tenant.slug} if entry.scope is Scope.TENANT else {}
        current = view_name == entry.url_name or bool(entry.match and view_name.startswith(entry.match))
        links.append(MenuLink(entry=entry, href=reverse(entry.url_name, kwargs=kwargs), current=current))
    return links


def _view_name(request) -> str:
    return getattr(getattr(request, "resolver_match", None), "view_name", "") or ""


@dataclass(frozen=True)
class AreaLink:
    """A work area as this person sees it here: where its main-menu item leads, and its pages they may open."""

    area: Area
    href: str
    links: tuple[MenuLink, ...]
    # The page shown is one of the area's (an entry's, or below one of its view-name prefixes).
    current: bool

    @property
    def label(self):
        return self.area.label

    @property
    def key(self) -> str:
        return self.area.key


@dataclass(frozen=True)
class Navigation:
    links: tuple[MenuLink, ...]
    areas: tuple[AreaLink, ...]  # every area with a page this person may open here

    @property
    def main_menu(self) -> list[AreaLink]:
        return [area for area in self.areas if area.area.main_menu and any(link.entry.main_menu for link in area.links)]

    @property
    def current_area(self) -> AreaLink | None:
        return next((area for area in self.areas if area.current), None)

    @property
    def side_navigation(self) -> AreaLink | None:
        """The current area, when it has more than one page to move between."""
        area = self.current_area
        return area if area is not None and len(area.links) > 1 else None


def build_navigation(request, tenant) -> Navigation:
    links = visible_links(request, tenant)
    view_name = _view_name(request)
    current_entry = next((link for link in links if link.current), None)
    areas = []
    for area in all_areas().values():
        own = tuple(link for link in links if link.entry.area == area.key)
        if not own:
            continue
        if current_entry is not None:
            current = current_entry.entry.area == area.key
        else:
            current = any(view_name.startswith(prefix) for prefix in area.match)
        leads_to = next((link for link in own if link.entry.main_menu), own[0])
        areas.append(AreaLink(area=area, href=leads_to.href, links=own, current=current))
    # Only one area is the current one, even if two claim a prefix.
    seen_current = False
    for index, area_link in enumerate(areas):
        if area_link.current:
            if seen_current:
                areas[index] = AreaLink(area=area_link.area, href=area_link.href, links=area_link.links, current=False)
            seen_current = True
    return Navigation(links=tuple(links), areas=tuple(areas))


def navigation_for(request, tenant) -> Navigation:
    """The navigation, worked out once per request (the header, the drawer, the side, the footer and a page ask)."""
    if request is None:
        return build_navigation(request, tenant)
    cached = getattr(request, "_frivillig_navigation", None)
    if cached is None or cached[0] is not tenant:
        cached = (tenant, build_navigation(request, tenant))
        request._frivillig_navigation = cached
    return cached[1]


def links_for(request, tenant) -> list[MenuLink]:
    """`visible_links`, worked out once per request."""
    return list(navigation_for(request, tenant).links)


def main_menu(request, tenant) -> list[AreaLink]:
    """The main menu: one item per work area with a page this person may open here."""
    return navigation_for(request, tenant).main_menu


def area_links(request, tenant, area: str) -> list[MenuLink]:
    """Every page of one work area that this person may open here (none when no installed app registers it)."""
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
