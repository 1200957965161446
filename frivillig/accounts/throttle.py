"""Failed-login throttling that slows guessers down without locking the owner out.

Three counts, each a sliding window of LOGIN_BLOCK_SECONDS that lifts by itself (core.throttle):
- per address: LOGIN_FAILURES_PER_ADDRESS failures from one address (an IPv6 /64) block it, whatever accounts
  were tried;
- per account: LOGIN_FAILURES_PER_ACCOUNT failures from browsers the account has not logged in with block the
  account for such browsers;
- per known browser: a browser that logged in to the account before carries a signed device cookie (OWASP's
  "device cookies"). Its failures count only against that cookie (LOGIN_FAILURES_PER_DEVICE), and the account's
  block does not apply to it, so the owner logs in while someone elsewhere guesses. A stolen cookie buys no
  more than its own few tries: once they are spent, the browser counts as unknown again.

Every attempt is counted before the password is checked, in one atomic step per count, and given back when it
turns out not to be a failure; so parallel guesses cannot all be checked. A successful login from an unknown
browser, a password reset and a password change clear the account's count.

The second step of a login (a code from the authenticator app or a recovery code) is counted the same way
(`second_factor_begin`): per account, since whoever reaches it already knows the password, and
TWO_FACTOR_FAILURES_PER_ACCOUNT wrong codes within TWO_FACTOR_BLOCK_SECONDS stop further tries until the window
lifts; and per address, in the same count as wrong passwords, so that one address trying codes for many accounts
whose passwords it holds is stopped as a guesser of passwords would be.
"""

import secrets
from dataclasses import dataclass

from django.conf import settings
from django.utils.crypto import constant_time_compare, salted_hmac

from frivillig.core import throttle
from frivillig.core.throttle import address_key, client_address

__all__ = [
    "LoginAttempt",
    "begin",
    "clear_account",
    "client_address",
    "known_device",
    "not_a_failure",
    "remember_device",
    "second_factor_begin",
    "second_factor_not_a_failure",
    "second_factor_succeeded",
    "succeeded",
]

ACCOUNT = "login-account"
ADDRESS = "login-address"
DEVICE = "login-device"
DEVICE_SALT = "frivillig.accounts.device"
SECOND_FACTOR = "second-factor-account"


@dataclass(frozen=True)
class LoginAttempt:
    """An attempt that was let through, and the counts it was counted in."""

    email: str
    counted: tuple[tuple[str, str], ...]

    @property
    def from_known_device(self) -> bool:
        return any(name == DEVICE for name, _ in self.counted)


def begin(*, email: str, address: str, device: str = "") -> LoginAttempt | None:
    """Count a login attempt before the password is checked; None when it is blocked (and then not counted).

    `device` is the nonce of a valid device cookie for this account (`known_device`), or empty."""
    window = settings.LOGIN_BLOCK_SECONDS
    network = address_key(address)
    if not throttle.attempt(ADDRESS, network, limit=settings.LOGIN_FAILURES_PER_ADDRESS, window=window):
        return None
    if device and throttle.attempt(DEVICE, device, limit=settings.LOGIN_FAILURES_PER_DEVICE, window=window):
        return LoginAttempt(email=email, counted=((ADDRESS, network), (DEVICE, device)))
    if throttle.attempt(ACCOUNT, email, limit=settings.LOGIN_FAILURES_PER_ACCOUNT, window=window):
        return LoginAttempt(email=email, counted=((ADDRESS, network), (ACCOUNT, email)))
    throttle.release(ADDRESS, network)
    return None


def not_a_failure(attempt: LoginAttempt) -> None:
    """The attempt was not a wrong password (the form was incomplete, or the account is not confirmed yet)."""
    for name, value in attempt.counted:
        throttle.release(name, value)


def succeeded(attempt: LoginAttempt) -> None:
    # Failures from the owner's own browser are forgiven; an unknown browser that knew the password is taken to
    # be the owner too (as before device cookies). The address keeps only its failures.
    for name, value in attempt.counted:
        if name == ADDRESS:
            throttle.release(name, value)
        else:
            throttle.clear(name, value)


def clear_account(*, email: str) -> None:
    """The owner proved who they are (a password reset or change): the account's block ends."""
    throttle.clear(ACCOUNT, email)


# --- the second step: codes --------------------------------------------------------------------------------


def second_factor_begin(*, user_id: int, address: str) -> bool:
    """Count a code attempt before the code is checked, for the account and for the address; False when either is
    blocked (and then the attempt is not counted)."""
    network = address_key(address)
    if not throttle.attempt(
        ADDRESS, network, limit=settings.LOGIN_FAILURES_PER_ADDRESS, window=settings.LOGIN_BLOCK_SECONDS
    ):
        return False
    if throttle.attempt(
        SECOND_FACTOR,
        str(user_id),
        limit=settings.TWO_FACTOR_FAILURES_PER_ACCOUNT,
        window=settings.TWO_FACTOR_BLOCK_SECONDS,
    ):
        return True
    throttle.release(ADDRESS, network)
    return False


def second_factor_not_a_failure(*, user_id: int, address: str) -> None:
    """The attempt was no wrong code (the field was empty)."""
    throttle.release(SECOND_FACTOR, str(user_id))
    throttle.release(ADDRESS, address_key(address))


def second_factor_succeeded(*, user_id: int, address: str) -> None:
    """The right code: the account's wrong codes are forgiven; the address keeps only its failures."""
    throttle.clear(SECOND_FACTOR, str(user_id))
    throttle.release(ADDRESS, address_key(address))


# --- the device cookie ------------------------------------------------------------------------------------


def _account_tag(email: str) -> str:
    # Binds the cookie to one account without writing the address into it.
    return salted_hmac(DEVICE_SALT, email.strip().lower(), algorithm="sha256").hexdigest()[:32]


def known_device(request, email: str) -> str:
    """The nonce of this browser's device cookie if it is valid for the account `email`, else ''."""
    value = request.get_signed_cookie(
        settings.LOGIN_DEVICE_COOKIE_NAME, default="", salt=DEVICE_SALT, max_age=settings.LOGIN_DEVICE_COOKIE_AGE
    )
    tag, _, nonce = (value or "").partition(":")
    if not nonce or not email or not constant_time_compare(tag, _account_tag(email)):
        return ""
    return nonce


def remember_device(response, *, email: str):
    """Mark this browser as one the account's owner uses; a new nonce each time, so an old cookie's count ends."""
    response.set_signed_cookie(
        settings.LOGIN_DEVICE_COOKIE_NAME,
        f"{_account_tag(email)}:{secrets.token_urlsafe(16)}",
        salt=DEVICE_SALT,
        max_age=settings.LOGIN_DEVICE_COOKIE_AGE,
        secure=settings.LOGIN_DEVICE_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    return response
