"""Short-lived caches for the public board and a volunteer's suggestions (issue 5, "Performance").

What is kept: the board's aggregate (the total, every facet count and the ids of the requested page) per board (a
tenant, or national), search, filters, sort and page number; and a volunteer's suggestions per profile, set of
applications and language. The rows a board page shows are still read fresh; they are few.

Why it is safe: every answer is kept with the board's *version*, a token renewed whenever something the board
or the suggestions show may have changed — an opportunity saved or deleted (model signals, connected in the app's
`ready`), a tenant changed, an organisation or a word changed, or two records merged (the kernel's and the
register's events, answered in `receivers.py`), and the services' bulk updates (`board_changed()`). The token is
renewed at once and again when the transaction commits, so nobody keeps an answer computed from data that a commit
has since changed. A profile's own changes need no token: its `updated_at` is in its key, like the
ids of the opportunities the person applied for.

What lags: time alone changes the board too (an opportunity passes its "open until" date, a scheduled one's
publishing time comes, "new this week" moves on). `BOARD_CACHE_SECONDS` (60 by default; 0 turns the caches off)
bounds that lag. And while one process works out a new answer after a change, others asking for the same page
at that moment get the previous answer (see `cached`): the page shows the change a moment later, not the work
done many times over.

The caches live in their own cache alias ("board"), so the many short-lived entries never push out the login
throttle's entries in the default cache.
"""

from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.db.models.signals import post_delete, post_save

from frivillig.core.caching import VersionToken
from frivillig.core.caching import cached as versioned_cache

CACHE_ALIAS = "board"
VERSION_KEY = "volunteering:board-version"

T = TypeVar("T")


_token = VersionToken(CACHE_ALIAS, VERSION_KEY)


def board_version() -> str:
    return _token.current()


def board_changed() -> None:
    """Forget every cached board answer and suggestion: now, and again when the current transaction commits."""
    _token.changed()


def cached(parts: tuple, compute: Callable[[], T]) -> T:
    """`compute()`, or its answer for the same `parts` if it is from the current board version and younger than
    BOARD_CACHE_SECONDS. `parts` is a tuple of plain values (its repr is the key).

    One process at a time works out a new answer for a key: while it does, the others answer with the previous
    one (a moment old) instead of doing the same work at once — the national board's counts take a few hundred
    milliseconds, and many visitors ask for them right after a change (frivillig/core/caching.py)."""
    return versioned_cache(
        alias=CACHE_ALIAS,
        namespace="volunteering",
        parts=parts,
        version=board_version(),
        seconds=settings.BOARD_CACHE_SECONDS,
        compute=compute,
        serve_stale=True,
    )


def _changed(**_kwargs) -> None:
    board_changed()


def connect_signals() -> None:
    """The board's own rows; tenants, organisations and words renew it through the kernel's and the register's
    events (frivillig/volunteering/receivers.py), which every write of theirs sends, the operator's admin included."""
    from frivillig.volunteering.models import Opportunity

    # Model signals, not events: an opportunity also disappears without any service, deleted with its
    # organisation or its tenant (a cascade), and the seeding helpers of the tests and the demo save rows directly.
    post_save.connect(_changed, sender=Opportunity, dispatch_uid="board-saved-volunteering.Opportunity")
    post_delete.connect(_changed, sender=Opportunity, dispatch_uid="board-deleted-volunteering.Opportunity")
    # No receiver watches the words: they change only through `opportunity_save`, which saves the row (renewing
    # the version above, and again at commit, after the words are written).
