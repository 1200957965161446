"""What the project's URLconf says about its own shape, read from the URLconf itself.

An app contributes its pages in URL modules of fixed names, found by `core.registry` as its other modules are:
`urls.py` holds its pages of one tenant (mounted below the tenant's slug), `urls_national.py` its pages that belong
to no tenant (mounted at the root). Each has an `app_name`, the namespace of its URL names. The root URLconf
(`frivillig/urls.py`) mounts the kernel's own pages by name and asks `app_url_includes` for everybody else's, so a
new app is mounted by adding it to `INSTALLED_APPS`; the kernel never lists apps or their paths.

From the URLconf the kernel learns which first path segments the site uses itself (`konto/`, `admin/`, the national
pages' `frivilligjob/`, …): a tenant's slug may not take one of them, or the tenant would lose its pages to them.
"""

from __future__ import annotations

from collections.abc import Collection
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.urls import URLPattern, URLResolver, get_resolver, include, path

from frivillig.core.registry import app_modules

# The URL modules an app may offer, by where they are mounted.
TENANT_URLS = "urls"
NATIONAL_URLS = "urls_national"


def app_url_includes(module_name: str, *, mounted_by_name: Collection[str] = ()) -> list[URLResolver]:
    """An include without a prefix of each app's URL module of that name, in INSTALLED_APPS order.

    `mounted_by_name` lists the modules the root URLconf mounts itself (the kernel's), which are not mounted twice."""
    if module_name not in (TENANT_URLS, NATIONAL_URLS):
        raise ValueError(f"Apps offer their pages in {TENANT_URLS!r} or {NATIONAL_URLS!r}, not {module_name!r}.")
    includes = []
    for config, module in app_modules(module_name):
        if module.__name__ in mounted_by_name:
            continue
        if not getattr(module, "app_name", None):
            raise ImproperlyConfigured(f"{module.__name__} needs an app_name: the namespace of {config.label}'s pages.")
        includes.append(path("", include(module)))
    return includes


def _first_segments(entry: URLPattern | URLResolver) -> set[str]:
    """The fixed first path segments an entry of the root answers; an include at the root is looked into."""
    first = str(entry.pattern).removeprefix("^").split("/", 1)[0]
    if first == "" and isinstance(entry, URLResolver):
        return {segment for inner in entry.url_patterns for segment in _first_segments(inner)}
    # A segment that captures a value (`<slug:tenant_slug>`) or is a pattern is no fixed word.
    if not first or "<" in first or "(" in first:
        return set()
    return {first.removesuffix("$")}


@lru_cache(maxsize=4)
def _root_segments(resolver: URLResolver) -> frozenset[str]:
    # Keyed by the resolver: a test that overrides ROOT_URLCONF gets a new resolver, and so a new answer.
    return frozenset(segment for entry in resolver.url_patterns for segment in _first_segments(entry))


def site_path_segments() -> frozenset[str]:
    """The first path segments the site itself uses: those of the URLconf, and where static and uploaded files
    are served (the web server answers those before Django does)."""
    served = {
        url.strip("/").split("/", 1)[0]
        for url in (settings.STATIC_URL, settings.MEDIA_URL)
        if url and "://" not in url and url.strip("/")
    }
    return _root_segments(get_resolver()) | frozenset(served)
