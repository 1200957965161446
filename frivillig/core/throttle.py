"""A sliding-window rate limit in the cache, shared by every throttle of the site.

Timestamps rather than a counter: the cache's incr() does not keep the expiry on every backend (the file cache
resets it to the default), so a counter's window would drift.
"""

import hashlib
import time

from django.core.cache import cache


def _key(name: str, value: str) -> str:
    return f"throttle:{name}:" + hashlib.sha256(value.strip().lower().encode()).hexdigest()


def _recent(name: str, value: str, window: int, now: float) -> list[float]:
    return [moment for moment in cache.get(_key(name, value), []) if moment > now - window]


def hits(name: str, value: str, *, window: int) -> int:
    """How many times `value` was recorded under `name` in the last `window` seconds."""
    return len(_recent(name, value, window, time.time()))


def record(name: str, value: str, *, window: int) -> None:
    now = time.time()
    cache.set(_key(name, value), [*_recent(name, value, window, now), now], timeout=window)


def clear(name: str, value: str) -> None:
    cache.delete(_key(name, value))


def client_address(request) -> str:
    return request.META.get("REMOTE_ADDR", "") or "unknown"
