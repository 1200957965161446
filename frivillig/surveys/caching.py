"""The results page's body kept in a cache per survey, results version, filter and language.

What is kept: the body of the results page (the response rate, the filter with its values, and every question's
figures, chart and table) as rendered HTML — after the anonymity rule (results.group_hidden) was applied, so a
stored body never holds more than the page may show. The page around it (layout, menus, messages) is rendered
fresh for every request.

The key: the survey, its tenant, the language, and the filter's values exactly as the request gave them (every
value of each of the filter's fields): two filters never share an entry, nor two languages. Whoever may see the
page sees the same body (the permission is the page's, and nothing in the body depends on the reader).

The version: `Survey.results_version`, a counter that every write changing what the page shows renews (+1, in the
write's own transaction): a response submitted (services_responses), the builder's changes to questions, options,
their order and the survey's anonymity settings (services), invitations sent (services_invitations: the response
rate), answers anonymised or invitations deleted by the retention rules (retention) or by an erasure, and changes
to the register's organisations and tags (receivers: a named survey shows organisations' names and filters by
their kind and tags). A body computed from other data than the current version is never served, not even for a
moment (frivillig/core/caching.py, `serve_stale` off): an erased person's free text must not come back.

Writes that change nothing on the page renew nothing: a survey opened or closed, reminders, the summary (shown by
the report, which is not cached), a declined invitation, a saved draft.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.conf import settings
from django.db.models import F
from django.utils.translation import get_language
from django_scopes import scope

from frivillig.core.caching import cached
from frivillig.surveys.models import Survey

CACHE_ALIAS = "default"
# How long a body is kept (0: not at all). The version makes it exact; the time only bounds what is stored.
DEFAULT_SECONDS = 600
# The results filter's fields (forms_results.ResultFilterForm): their values as given are part of the key.
FILTER_FIELDS = ("type", "emne", "svar")


def results_changed(surveys: Iterable[Survey]) -> None:
    """Renew the results version of these surveys: call it inside the write's transaction."""
    by_tenant: dict[int, set[int]] = {}
    for survey in surveys:
        by_tenant.setdefault(survey.tenant_id, set()).add(survey.pk)
    for tenant_id, ids in by_tenant.items():
        # Each tenant's own scope: a retention rule or an erasure may run outside any request's.
        with scope(tenant=tenant_id):
            Survey.objects.filter(tenant_id=tenant_id, pk__in=ids).update(results_version=F("results_version") + 1)


def tenant_results_changed(tenant_id: int, *, named_only: bool = False) -> None:
    """Renew the results version of every survey of a tenant (or of its named surveys)."""
    with scope(tenant=tenant_id):
        surveys = Survey.objects.filter(tenant_id=tenant_id)
        if named_only:
            surveys = surveys.filter(is_anonymous=False)
        surveys.update(results_version=F("results_version") + 1)


def results_body(survey: Survey, query, compute: Callable[[], str]) -> str:
    """The results page's body for the request's filter values (`query`: the request's GET), from the cache when
    it was rendered from this version of the survey's results."""
    parts = (
        "results",
        survey.pk,
        survey.tenant_id,
        survey.is_anonymous,
        survey.minimum_group_size,
        get_language() or "",
        tuple((name, tuple(query.getlist(name))) for name in FILTER_FIELDS),
    )
    return cached(
        alias=CACHE_ALIAS,
        namespace="surveys",
        parts=parts,
        version=survey.results_version,
        seconds=getattr(settings, "SURVEY_RESULTS_CACHE_SECONDS", DEFAULT_SECONDS),
        compute=compute,
    )
