"""Versioned answers in a cache: the mechanics the board (frivillig/volunteering/caching.py) and a survey's results
page (frivillig/surveys/caching.py) share.

An answer is kept under a key made from `parts` (a tuple of plain values: everything the answer depends on besides
the data) together with the *version* of the data it was computed from. A stored answer is used only while its
version is the current one and it is younger than `seconds`; each caller says what its version is (the board: a
token renewed on every change; a survey: a counter column renewed in the same transaction as the change).

While one process works out a new answer for a key, the others may answer with the previous one (`serve_stale`):
the board does, since a page that shows a change a moment later is better than the same work done many times over
right after it. The survey results do not: an answer computed before an erasure must never be shown after it.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from typing import TypeVar
from uuid import uuid4

from django.core.cache import caches
from django.db import transaction

# How long one process may take to work out a new answer before another may try (should it have died).
COMPUTING_SECONDS = 30

T = TypeVar("T")


def cache_key(namespace: str, parts: tuple) -> str:
    """The key of `parts` (its repr, hashed: any length, and no character a cache backend refuses)."""
    return f"{namespace}:" + hashlib.sha256(repr(parts).encode()).hexdigest()


def cached(
    *,
    alias: str,
    namespace: str,
    parts: tuple,
    version: object,
    seconds: int,
    compute: Callable[[], T],
    serve_stale: bool = False,
) -> T:
    """`compute()`, or its stored answer for the same `parts` if that was computed from data of `version` and is
    younger than `seconds` (0 or less: nothing is kept). With `serve_stale`, one process at a time works out a new
    answer for a key and the others answer with the previous one meanwhile."""
    if seconds <= 0:
        return compute()
    cache = caches[alias]
    key = cache_key(namespace, parts)
    now = time.time()
    stored = cache.get(key)
    computing = False
    if stored is not None:
        stored_version, stored_at, value = stored
        if stored_version == version and now - stored_at < seconds:
            return value
        if serve_stale:
            if not cache.add(f"{key}:computing", True, COMPUTING_SECONDS):
                return value
            computing = True
    try:
        value = compute()
        # Kept twice as long as it is fresh: long enough to answer with while the next one is worked out.
        cache.set(key, (version, now, value), 2 * seconds)
    finally:
        if computing:
            cache.delete(f"{key}:computing")
    return value


class VersionToken:
    """A token in a cache that stands for "the data as it is now": renewed whenever something the cached answers
    show may have changed (the board, the public event lists). Answers kept with an older token are not used."""

    def __init__(self, alias: str, key: str):
        self.alias = alias
        self.key = key

    def current(self) -> str:
        cache = caches[self.alias]
        version = cache.get(self.key)
        if version is None:
            # `add`: when several processes start at once, they agree on the first token written.
            cache.add(self.key, uuid4().hex, None)
            version = cache.get(self.key) or ""
        return version

    def renew(self) -> None:
        caches[self.alias].set(self.key, uuid4().hex, None)

    def changed(self) -> None:
        """Forget every answer kept with the token: now, and again when the current transaction commits (so that
        nobody keeps an answer computed meanwhile from data that the commit has since changed)."""
        self.renew()
        transaction.on_commit(self.renew)
