"""Two-factor login: set-up with a QR code, the code step after the password, recovery codes, turning off.

Who must have it and where they are sent is decided in accounts/two_factor.py (applied by the middleware); the
set-up and code steps are the pages such a person can still reach, marked with `second_factor_exempt`.
"""

from urllib.parse import urlencode

import segno
from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from frivillig.accounts import throttle
from frivillig.accounts.forms_two_factor import ConfirmPasswordForm, LoginCodeForm, SetUpCodeForm
from frivillig.accounts.middleware import second_factor_exempt
from frivillig.accounts.services_two_factor import (
    SecondFactorError,
    recovery_codes_renew,
    second_factor_turn_off,
    second_factor_verify,
    totp_device_confirm,
    totp_device_start,
)
from frivillig.accounts.two_factor import (
    NEW_CODES_SESSION_KEY,
    RECOVERY_NAME,
    confirmed_totp_device,
    group_secret,
    is_verified,
    mark_verified,
    recovery_codes_left,
    requires_second_factor,
)
from frivillig.core.params import safe_next
from frivillig.core.permissions import AUTHENTICATED, view_permission


def _next(request) -> str:
    return safe_next(request, resolve_url(settings.LOGIN_REDIRECT_URL))


def _blocked_message() -> str:
    minutes = max(1, settings.TWO_FACTOR_BLOCK_SECONDS // 60)
    return ngettext(
        "Too many wrong codes. Wait %(minutes)d minute and try again.",
        "Too many wrong codes. Wait %(minutes)d minutes and try again.",
        minutes,
    ) % {"minutes": minutes}


def _qr_svg(url: str) -> str:
    """The set-up link as an inline SVG: no script, no style attribute and no data: URI, so the strict CSP holds."""
    svg = segno.make(url, error="m").svg_inline(
        scale=4, dark="#000", light="#fff", svgclass="two-factor-qr", lineclass=None, title=_("QR code to scan")
    )
    return mark_safe(svg.replace("<svg ", '<svg role="img" ', 1))  # noqa: S308 - segno's own markup, no user text


def _check_code(request, form, check):
    """Count the attempt, then `check(code)`; returns (result, status). A blocked step checks nothing."""
    user_id, address = request.user.pk, throttle.client_address(request)
    if not throttle.second_factor_begin(user_id=user_id, address=address):
        form.add_error(None, _blocked_message())
        return None, 429
    if not form.is_valid():
        throttle.second_factor_not_a_failure(user_id=user_id, address=address)
        return None, 200
    result = check(form.cleaned_data["code"])
    if result is None:
        form.add_error("code", _("The code is not correct. Type the code the app shows now, and try again."))
        return None, 200
    throttle.second_factor_succeeded(user_id=user_id, address=address)
    return result, 200


@second_factor_exempt
@view_permission(AUTHENTICATED)
def setup(request):
    user = request.user
    replacing = confirmed_totp_device(user) is not None
    # A new phone only from a verified session: the password alone must never replace the owner's phone.
    if replacing and not is_verified(request):
        return redirect(_with_next(request, "accounts:two_factor_verify"))
    device = totp_device_start(user=user)
    form = SetUpCodeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        result, status = _check_code(
            request, form, lambda code: totp_device_confirm(user=user, device_id=device.pk, token=code)
        )
        if result is not None:
            confirmed, codes = result
            mark_verified(request, confirmed)
            request.session[NEW_CODES_SESSION_KEY] = codes
            messages.success(request, _("Two-factor login is set up."))
            return redirect(_with_next(request, "accounts:two_factor_codes"))
    context = {
        "form": form,
        "qr_svg": _qr_svg(device.config_url),
        "secret": group_secret(_base32(device)),
        "next": safe_next(request, ""),
        "required": requires_second_factor(user),
        "replacing": replacing,
    }
    return render(request, "accounts/two_factor_setup.html", context, status=status)


def _base32(device) -> str:
    from base64 import b32encode

    return b32encode(device.bin_key).decode("ascii").rstrip("=")


def _with_next(request, url_name: str) -> str:
    url = resolve_url(url_name)
    next_url = safe_next(request, "")
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


@second_factor_exempt
@view_permission(AUTHENTICATED)
def verify(request):
    """The second step of a login: a code from the app, or a recovery code."""
    if is_verified(request):
        return redirect(_next(request))
    if confirmed_totp_device(request.user) is None:
        return redirect(_with_next(request, "accounts:two_factor_setup"))
    form = LoginCodeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        device, status = _check_code(request, form, lambda code: second_factor_verify(user=request.user, token=code))
        if device is not None:
            mark_verified(request, device)
            if device.name == RECOVERY_NAME:
                left = recovery_codes_left(request.user)
                messages.warning(
                    request,
                    ngettext(
                        "You used a recovery code. You have %(count)d left; make new ones on your account page.",
                        "You used a recovery code. You have %(count)d left; make new ones on your account page.",
                        left,
                    )
                    % {"count": left},
                )
            return redirect(_next(request))
    context = {"form": form, "next": safe_next(request, "")}
    return render(request, "accounts/two_factor_verify.html", context, status=status)


@view_permission(AUTHENTICATED)
def overview(request):
    """Two-factor login on the account: on or off, since when, recovery codes left; what the person can do."""
    device = confirmed_totp_device(request.user)
    context = {
        "device": device,
        "codes_left": recovery_codes_left(request.user) if device else 0,
        "required": requires_second_factor(request.user),
    }
    return render(request, "accounts/two_factor.html", context)


@require_POST
@view_permission(AUTHENTICATED)
def recovery_codes(request):
    try:
        codes = recovery_codes_renew(user=request.user)
    except SecondFactorError:
        return redirect("accounts:two_factor_setup")
    request.session[NEW_CODES_SESSION_KEY] = codes
    messages.success(request, _("You have new recovery codes. The old ones no longer work."))
    return redirect("accounts:two_factor_codes")


@view_permission(AUTHENTICATED)
def codes(request):
    """The new recovery codes, shown until the person says they have kept them (then never again)."""
    new_codes = request.session.get(NEW_CODES_SESSION_KEY)
    if not new_codes:
        return redirect("accounts:two_factor")
    if request.method == "POST":
        request.session.pop(NEW_CODES_SESSION_KEY, None)
        return redirect(_next(request))
    return render(request, "accounts/two_factor_codes.html", {"codes": new_codes, "next": safe_next(request, "")})


@view_permission(AUTHENTICATED)
def codes_download(request):
    new_codes = request.session.get(NEW_CODES_SESSION_KEY)
    if not new_codes:
        return redirect("accounts:two_factor")
    lines = [
        _("Recovery codes for Frivillig (%(email)s)") % {"email": request.user.email},
        _("Each code works once, if you cannot use your authenticator app."),
        "",
        *new_codes,
        "",
    ]
    response = HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="frivillig-gendannelseskoder.txt"'
    response["Cache-Control"] = "no-store"
    return response


@view_permission(AUTHENTICATED)
def turn_off(request):
    if requires_second_factor(request.user):
        messages.error(request, _("Your role requires two-factor login, so it cannot be turned off."))
        return redirect("accounts:two_factor")
    if confirmed_totp_device(request.user) is None:
        return redirect("accounts:two_factor")
    form = ConfirmPasswordForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            second_factor_turn_off(user=request.user)
        except SecondFactorError:
            messages.error(request, _("Your role requires two-factor login, so it cannot be turned off."))
        else:
            messages.success(request, _("Two-factor login is turned off."))
        return redirect("accounts:two_factor")
    return render(request, "accounts/two_factor_turn_off.html", {"form": form})
