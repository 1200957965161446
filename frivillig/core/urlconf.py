"""What the project's URLconf says about its own shape, read from the URLconf itself.

An app contributes its pages by mounting them (`frivillig/urls.py` includes its URL module); the kernel never
lists apps or their paths. From the URLconf it learns which first path segments the site uses itself (`konto/`,
`admin/`, the national pages' `frivilligjob/`, …): a tenant's slug may not take one of them, or the tenant would
lose its pages to them.
"""

from __future__ import annotations

from functools import lru_cache

from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver


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
