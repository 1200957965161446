"""Logged reading: who read a record marked sensitive, when, whose record, what part of it and from which page.

The audit log (`core.services.log_action`) records what people did; this log records what they saw. A view that
shows a sensitive part of a record calls `log_access` once per page view, whatever number of fields it shows; a
search over sensitive text calls it once per search, with the term. A person reading their own record is not
logged: the log is there so that a person can learn who else has read about them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.contenttypes.models import ContentType
from django.db import models

from frivillig.core.models import AccessEntry

if TYPE_CHECKING:
    from django.http import HttpRequest

    from frivillig.accounts.models import User
    from frivillig.tenants.models import Tenant


def log_access(
    *,
    actor: User | None,
    tenant: Tenant | None,
    subject: models.Model | None,
    what: str,
    request: HttpRequest | None = None,
    search: str = "",
    reason: str = "",
) -> AccessEntry:
    """Append an entry to the access log. `what` is dotted like an audit code ("crm.person.notes") and has a
    readable label registered with `core.audit.register_actions`; `subject` is the record read (None for a
    search, which names its term instead); `reason` says why, in the reader's words or the page's, when known."""
    actor_user = actor if actor is not None and getattr(actor, "is_authenticated", False) else None
    match = getattr(request, "resolver_match", None) if request is not None else None
    return AccessEntry.objects.create(
        tenant=tenant,
        actor=actor_user,
        actor_label=str(actor_user)[:200] if actor_user else "",
        subject_type=ContentType.objects.get_for_model(subject) if subject is not None else None,
        subject_id=str(subject.pk) if subject is not None else "",
        subject_label=str(subject)[:300] if subject is not None else "",
        what=what,
        page_name=(match.view_name if match is not None else "")[:200],
        path=(request.path if request is not None else "")[:500],
        search=search.strip()[:200],
        reason=" ".join(str(reason).split())[:300],
    )


def access_entries_about(subject: models.Model) -> models.QuerySet[AccessEntry]:
    """Who has read this record, newest first: for the person's own access export. A national record may be read
    from any tenant's pages, so the caller reads this with the scopes disabled."""
    return AccessEntry.objects.filter(
        subject_type=ContentType.objects.get_for_model(subject), subject_id=str(subject.pk)
    ).select_related("actor")
