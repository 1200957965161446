"""Failed-login throttling per account and per address.

A block lasts LOGIN_BLOCK_SECONDS and then lifts by itself, so an attacker can slow a real person down but
never lock them out for good; a password reset works throughout.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache


def _key(kind: str, value: str) -> str:
    return "login-fail:" + kind + ":" + hashlib.sha256(value.strip().lower().encode()).hexdigest()


def client_address(request) -> str:
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def is_blocked(*, email: str, address: str) -> bool:
    return (
        cache.get(_key("account", email), 0) >= settings.LOGIN_FAILURES_PER_ACCOUNT
        or cache.get(_key("address", address), 0) >= settings.LOGIN_FAILURES_PER_ADDRESS
    )


def register_failure(*, email: str, address: str) -> None:
    for key in (_key("account", email), _key("address", address)):
        cache.add(key, 0, timeout=settings.LOGIN_BLOCK_SECONDS)
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, 1, timeout=settings.LOGIN_BLOCK_SECONDS)


def clear_account(*, email: str) -> None:
    cache.delete(_key("account", email))
