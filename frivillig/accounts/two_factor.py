"""Two-factor login: who must have a second factor, and whether this session has given it.

A login is complete when the session is verified: django-otp's `otp_device_id` names the device that confirmed it
(`django_otp.login` semantics), written only by `mark_verified` after a right code. The check reads the session and
the person's roles, which the permission check reads anyway, so a verified page view costs no extra query.

- Staff roles in any tenant (centre staff, municipal staff, administrator) and platform operators (`is_staff`,
  `is_superuser`) must have a second factor while `REQUIRE_STAFF_2FA` is on.
- Anyone else may turn it on; from then on the password step marks the session as waiting for a code
  (`PENDING_SESSION_KEY`), so their login needs the code too.

`second_factor_redirect` is the one rule, applied by `SecondFactorMiddleware` to every view that is not public
(and to the Django admin): until verified, a person who needs it goes to set-up (no device yet) or to the code step
(a device), with `?next=` kept.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponseRedirect
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

if TYPE_CHECKING:
    from frivillig.accounts.models import User

# Set at the password step for a person with a device: their session needs the code before anything else.
PENDING_SESSION_KEY = "frivillig_second_factor_pending"
# Noted at login: the person held a staff role then (accounts' user_logged_in receiver).
STAFF_SESSION_KEY = "frivillig_second_factor_staff"
# Recovery codes just made, shown (and offered as a file) until the person says they have kept them.
NEW_CODES_SESSION_KEY = "frivillig_new_recovery_codes"
TOTP_NAME = "authenticator"
RECOVERY_NAME = "recovery codes"
RECOVERY_CODE_COUNT = 10


def requires_second_factor(user) -> bool:
    """Whether the person may not use pages without a second factor (staff and platform operators)."""
    from frivillig.tenants.selectors import holds_staff_role

    if not settings.REQUIRE_STAFF_2FA or not user.is_authenticated:
        return False
    return bool(user.is_staff or user.is_superuser or holds_staff_role(user))


def confirmed_totp_device(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def has_second_factor(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def recovery_device(user: User) -> StaticDevice | None:
    return StaticDevice.objects.filter(user=user, name=RECOVERY_NAME).order_by("pk").first()


def recovery_codes_left(user: User) -> int:
    device = recovery_device(user)
    return device.token_set.count() if device is not None else 0


def is_verified(request) -> bool:
    return bool(request.session.get(DEVICE_ID_SESSION_KEY))


def mark_verified(request, device) -> None:
    """The session has given its second factor with `device` (as `django_otp.login`); a new session key, since the
    session now carries more rights than before."""
    request.session.cycle_key()
    request.session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    request.session.pop(PENDING_SESSION_KEY, None)
    request.user.otp_device = device


def mark_pending(request) -> None:
    request.session[PENDING_SESSION_KEY] = True


def _with_next(url_name: str, next_url: str) -> str:
    url = reverse(url_name)
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


def remember_requirement(sender, request, user, **kwargs) -> None:
    """At every login (the form, an invitation, a test's force_login): note in the session whether the person holds a
    staff role, so that pages of no tenant need not read the roles on every request. Tenant pages, which read the
    roles anyway, check them again, so a role given later in the session is not missed there."""
    from copy import copy

    from frivillig.tenants.selectors import holds_staff_role

    if request is None or not hasattr(request, "session"):
        return
    # Read on a copy: the roles it caches must not stay on a user object that outlives this login.
    staff = holds_staff_role(copy(user))
    request.session[STAFF_SESSION_KEY] = staff


def _owes_second_factor(request, *, read_roles: bool) -> bool:
    user = request.user
    if request.session.get(PENDING_SESSION_KEY):
        return True
    if not settings.REQUIRE_STAFF_2FA:
        return False
    if user.is_staff or user.is_superuser or request.session.get(STAFF_SESSION_KEY):
        return True
    return (read_roles or hasattr(user, "_frivillig_roles")) and requires_second_factor(user)


def second_step_url(request, next_url: str, *, read_roles: bool = True) -> str | None:
    """Where the person must go before `next_url`, or None when this session may go on. `read_roles=False` (pages
    of no tenant) trusts the roles noted at login unless they were read in this request already."""
    user = request.user
    if not user.is_authenticated or is_verified(request):
        return None
    if not _owes_second_factor(request, read_roles=read_roles):
        return None
    if has_second_factor(user):
        return _with_next("accounts:two_factor_verify", next_url)
    return _with_next("accounts:two_factor_setup", next_url)


def second_factor_redirect(request, *, read_roles: bool = True) -> HttpResponseRedirect | None:
    url = second_step_url(request, request.get_full_path(), read_roles=read_roles)
    return HttpResponseRedirect(url) if url is not None else None


def group_secret(secret: str, size: int = 4) -> str:
    """The base32 secret in groups of four, easier to type by hand."""
    return " ".join(secret[index : index + size] for index in range(0, len(secret), size))
