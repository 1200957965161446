"""Writes of two-factor login: set-up, codes, recovery codes, turning off and an administrator's reset.

The secret and the recovery codes live in django-otp's devices (a TOTPDevice and a StaticDevice per person). A code
is checked with the device row locked, so two requests can never both use one time step or one recovery code.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from frivillig.accounts.two_factor import RECOVERY_CODE_COUNT, RECOVERY_NAME, TOTP_NAME, requires_second_factor
from frivillig.core.email import send_templated_mail
from frivillig.core.services import log_action

if TYPE_CHECKING:
    from django_otp.models import Device

    from frivillig.accounts.models import User
    from frivillig.tenants.models import Tenant


class SecondFactorError(Exception):
    pass


def _log(code: str, *, user: User, actor: User | None = None, data: dict | None = None) -> None:
    """One entry per tenant the person works in, so each tenant's administrators see their own people (as logins)."""
    from frivillig.tenants.selectors import tenants_of

    tenants: list[Tenant | None] = list(tenants_of(user))
    for tenant in tenants or [None]:
        log_action(code, actor=actor or user, tenant=tenant, target=user, data=data)


def totp_device_start(*, user: User) -> TOTPDevice:
    """The person's unconfirmed authenticator device (made once, so reloading the page keeps the same secret)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=False)
    return device


def _new_recovery_codes(user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


@transaction.atomic
def totp_device_confirm(*, user: User, device_id: int, token: str) -> tuple[TOTPDevice, list[str]] | None:
    """Confirm the person's new authenticator device with a code from it; None when the code is wrong (then nothing
    changes but the unconfirmed device's record of the time step). On success the other devices go, ten new
    recovery codes are made, and they are returned to be shown once."""
    device = TOTPDevice.objects.select_for_update().filter(pk=device_id, user=user, confirmed=False).first()
    if device is None or not device.verify_token(_digits(token)):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    user.two_factor_since = timezone.now()
    user.save(update_fields=["two_factor_since"])
    codes = _new_recovery_codes(user)
    _log("accounts.two_factor.set_up", user=user)
    return device, codes


def _digits(token: str) -> str:
    return "".join(token.split())


def _recovery_form(token: str) -> str:
    return "".join(token.split()).replace("-", "").lower()


@transaction.atomic
def second_factor_verify(*, user: User, token: str) -> Device | None:
    """The device that accepts `token` at the code step: the authenticator's code (each time step once only) or an
    unused recovery code (which is then used up); None when neither does."""
    totp = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True).order_by("pk").first()
    digits = _digits(token)
    if totp is not None and digits.isdigit() and totp.verify_token(digits):
        return totp
    recovery = StaticDevice.objects.select_for_update().filter(user=user, name=RECOVERY_NAME).first()
    code = _recovery_form(token)
    if totp is not None and recovery is not None and code and recovery.verify_token(code):
        _log("accounts.two_factor.recovery_code_used", user=user, data={"left": recovery.token_set.count()})
        return recovery
    return None


@transaction.atomic
def recovery_codes_renew(*, user: User) -> list[str]:
    """Ten new recovery codes in place of the old ones (which stop working)."""
    if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        raise SecondFactorError("Two-factor login is not set up.")
    codes = _new_recovery_codes(user)
    _log("accounts.two_factor.recovery_codes_renewed", user=user)
    return codes


def _remove_devices(user: User) -> None:
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    user.two_factor_since = None
    user.save(update_fields=["two_factor_since"])


@transaction.atomic
def second_factor_turn_off(*, user: User) -> None:
    """The person turns two-factor login off (only one who is not required to have it)."""
    if requires_second_factor(user):
        raise SecondFactorError("Two-factor login is required for this account.")
    _remove_devices(user)
    _log("accounts.two_factor.turned_off", user=user)


def second_factor_reset(*, user: User, actor: User, tenant: Tenant) -> None:
    """A tenant administrator removes a colleague's second factor (a lost phone): at the next login the colleague sets
    it up again. Every session of the colleague ends at once (whoever holds the phone may be logged in). The colleague
    is told by mail, in their own language."""
    with transaction.atomic():
        _remove_devices(user)
        user.sessions_ended_at = timezone.now()
        user.save(update_fields=["sessions_ended_at"])
        log_action("accounts.two_factor.reset", actor=actor, tenant=tenant, target=user)
    transaction.on_commit(
        lambda: send_templated_mail(
            to=user.email,
            template="accounts/email/two_factor_reset",
            context={"user": user, "actor": actor, "tenant": tenant, "when": timezone.now()},
            language=user.preferred_language,
            tenant=tenant,
        )
    )
