"""Short-lived caches for the public event lists and the iCalendar feeds (issue 14, "Performance").

What is kept: a list page's rows and its (capped) count, per list (a tenant's or the national one), filters and page
number; and a feed's file, per tenant, theme and language. Calendar programs ask for a feed every few minutes and
many people read the national list, so most requests are answered from here.

Why it is safe: everything is kept with the lists' *version*, a token renewed whenever something a list or a feed
shows may have changed: an event, a session or a registration (the places left) saved or deleted, an event's themes
changed, a word or a tenant changed (model signals, so the operator's admin and the cascades count too). The token
is renewed at once and again when the transaction commits (frivillig/core/caching.py).

What lags: time alone moves an event from upcoming to past; `EVENT_LIST_CACHE_SECONDS` (60 by default; 0 turns the
caches off) bounds that lag. A stale answer is served to others while one process works out the new one, as the
volunteering board does.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.db.models.signals import m2m_changed, post_delete, post_save

from frivillig.core.caching import VersionToken
from frivillig.core.caching import cached as versioned_cache

CACHE_ALIAS = "board"
VERSION_KEY = "events:public-version"

T = TypeVar("T")

_token = VersionToken(CACHE_ALIAS, VERSION_KEY)


def lists_version() -> str:
    return _token.current()


def lists_changed() -> None:
    """Forget every cached list page and feed: now, and again when the current transaction commits."""
    _token.changed()


def cached(parts: tuple, compute: Callable[[], T]) -> T:
    """`compute()`, or its answer for the same `parts` (plain values) from the current version, if younger than
    EVENT_LIST_CACHE_SECONDS."""
    return versioned_cache(
        alias=CACHE_ALIAS,
        namespace="events",
        parts=parts,
        version=lists_version(),
        seconds=settings.EVENT_LIST_CACHE_SECONDS,
        compute=compute,
        serve_stale=True,
    )


def _changed(**_kwargs) -> None:
    lists_changed()


def connect_signals() -> None:
    from frivillig.crm.models import Tag
    from frivillig.events.models import Event, EventSession, Registration
    from frivillig.tenants.models import Tenant

    for model in (Event, EventSession, Registration, Tag, Tenant):
        label = model._meta.label
        post_save.connect(_changed, sender=model, dispatch_uid=f"event-lists-saved-{label}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"event-lists-deleted-{label}")
    m2m_changed.connect(_changed, sender=Event.themes.through, dispatch_uid="event-lists-themes")
