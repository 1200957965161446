"""Failed-login throttling per account and per address.

A block lasts LOGIN_BLOCK_SECONDS after the failures that caused it and then lifts by itself, so an attacker can
slow a real person down but never lock them out for good; a password reset works throughout.
"""

from django.conf import settings

from frivillig.core import throttle
from frivillig.core.throttle import client_address

__all__ = ["clear_account", "client_address", "is_blocked", "register_failure"]


def is_blocked(*, email: str, address: str) -> bool:
    window = settings.LOGIN_BLOCK_SECONDS
    return (
        throttle.hits("login-account", email, window=window) >= settings.LOGIN_FAILURES_PER_ACCOUNT
        or throttle.hits("login-address", address, window=window) >= settings.LOGIN_FAILURES_PER_ADDRESS
    )


def register_failure(*, email: str, address: str) -> None:
    throttle.record("login-account", email, window=settings.LOGIN_BLOCK_SECONDS)
    throttle.record("login-address", address, window=settings.LOGIN_BLOCK_SECONDS)


def clear_account(*, email: str) -> None:
    throttle.clear("login-account", email)
