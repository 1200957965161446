"""The one door out of the tenant scope on a request path.

The scope middleware opens the visitor's tenant for every request, and every tenant-owned model refuses to be
read without one. A few reads must cross tenants on purpose: the national board lists every centre's published
opportunities, a person's own memberships and applications are theirs in every tenant, an invitation link is
the only thing its holder has. Each such read goes through `unscoped(reason)`, which says in words why it may,
logs the reason at debug level, and is the only caller of django-scopes' `scopes_disabled` outside admin,
management commands, migrations, demo loaders and tests.

`frivillig/core/tests/test_scoping.py` keeps a list of every escape (file and reason): a new one fails the suite
until it is added there, so a reviewer sees it. Keep the block short: open it around the query that needs it,
not around the work done with the rows.

    with unscoped("the national board reads every centre's published opportunities"):
        queryset = Opportunity.objects.filter(status=OpportunityStatus.PUBLISHED)
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from django_scopes import scopes_disabled

logger = logging.getLogger("frivillig.scoping")


@contextmanager
def unscoped(reason: str) -> Iterator[None]:
    """Read across tenants inside the block, for the reason given (a literal sentence, checked by a test).

    A queryset made inside the block stays unscoped when it is evaluated later; related managers and
    prefetches evaluated after the block follow the scope open then.
    """
    if not isinstance(reason, str) or not reason.strip():
        raise ValueError("unscoped() needs a reason: say in words why this read may cross tenants.")
    logger.debug("tenant scope disabled: %s", reason)
    with scopes_disabled():
        yield
