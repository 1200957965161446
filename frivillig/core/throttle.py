"""The rate limits of the site: a sliding window per (throttle name, key), kept in the database.

Checking and counting an attempt is one step (`attempt`): the key's row is locked (`select_for_update` on
PostgreSQL; SQLite's immediate transactions let one writer in at a time), so parallel requests, in one worker or
in several, can never all pass a check that only some of them should pass. A window lifts by itself: an attempt
counts for `window` seconds after it happened. Rows that count nothing any more are deleted as new ones are made.

Keys are stored as a keyed hash, never as the e-mail address or network they stand for.
"""

import ipaddress
import time

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.crypto import salted_hmac

from frivillig.core.models import ThrottleWindow

# How many rows that count nothing any more one new row may sweep away: bounded work per request.
SWEEP_BATCH = 200


def _key(value: str) -> str:
    return salted_hmac("frivillig.core.throttle", value.strip().lower(), algorithm="sha256").hexdigest()


def _recent(moments: list, now: float, window: int) -> list[float]:
    return [moment for moment in moments if moment > now - window]


def _locked_row(name: str, key: str) -> ThrottleWindow | None:
    return ThrottleWindow.objects.select_for_update().filter(name=name, key=key).first()


def _sweep(now: float) -> None:
    # Rows another request has locked are left for later, so sweeping never waits for (or deadlocks with) it.
    stale = list(
        ThrottleWindow.objects.select_for_update(skip_locked=True)
        .filter(expires_at__lt=now)
        .values_list("pk", flat=True)[:SWEEP_BATCH]
    )
    if stale:
        ThrottleWindow.objects.filter(pk__in=stale).delete()


def attempt(name: str, value: str, *, limit: int, window: int) -> bool:
    """Count one attempt for `value` under `name` if fewer than `limit` were counted in the last `window` seconds,
    and say whether it was counted. A refused attempt is not counted, so refusals never extend a block."""
    if limit <= 0:
        return False
    key = _key(value)
    with transaction.atomic():
        row = _locked_row(name, key)
        while row is None:
            now = time.time()
            try:
                # A savepoint: when a parallel request made the row first, the transaction stays usable.
                with transaction.atomic():
                    ThrottleWindow.objects.create(name=name, key=key, moments=[now], expires_at=now + window)
            except IntegrityError:
                row = _locked_row(name, key)
            else:
                _sweep(now)
                return True
        # Read after the lock is held: a request that waited for it must not count itself in the past.
        now = time.time()
        recent = _recent(row.moments, now, window)
        if len(recent) >= limit:
            return False
        row.moments = [*recent, now]
        row.expires_at = now + window
        row.save(update_fields=["moments", "expires_at"])
        return True


def count(name: str, value: str, *, window: int) -> int:
    """How many attempts were counted for `value` under `name` in the last `window` seconds (a read, no lock)."""
    row = ThrottleWindow.objects.filter(name=name, key=_key(value)).first()
    return len(_recent(row.moments, time.time(), window)) if row is not None else 0


def release(name: str, value: str) -> None:
    """Take back the latest counted attempt: it was counted before it was known to be one that does not count."""
    with transaction.atomic():
        row = _locked_row(name, _key(value))
        if row is not None and row.moments:
            row.moments = row.moments[:-1]
            row.save(update_fields=["moments"])


def clear(name: str, value: str) -> None:
    ThrottleWindow.objects.filter(name=name, key=_key(value)).delete()


# --- the client's address ---------------------------------------------------------------------------------


def _valid_address(text: str) -> str | None:
    try:
        return str(ipaddress.ip_address(text.strip()))
    except ValueError:
        return None


def client_address(request) -> str:
    """The address of the person at the other end, for every throttle and the audit log.

    Behind trusted proxies (`TRUSTED_PROXY_COUNT`, 1 with `BEHIND_TLS_PROXY`), each one appends the address it
    saw to X-Forwarded-For, so the n-th entry from the right is the one the outermost trusted proxy saw; what
    stands further left was written by the client and is not believed. Without a trusted proxy the header is
    ignored entirely: anyone can send it. A missing or malformed header falls back to the connection's own
    address (the proxy's), which can only make the limit stricter, never let anyone around it.
    """
    remote = _valid_address(request.META.get("REMOTE_ADDR", "")) or "unknown"
    trusted = settings.TRUSTED_PROXY_COUNT
    if trusted <= 0:
        return remote
    entries = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    if len(entries) < trusted:
        return remote
    return _valid_address(entries[-trusted]) or remote


def address_key(address: str) -> str:
    """What an address is counted as: an IPv6 address as its /64 network, which one household or one server
    usually holds whole (counting single addresses would let it rotate through billions)."""
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if isinstance(parsed, ipaddress.IPv6Address):
        if parsed.ipv4_mapped is not None:
            return str(parsed.ipv4_mapped)
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return str(parsed)
