"""Logged reading: who read a record marked sensitive, when, whose record, what part of it and from which page.

The audit log (`core.services.log_action`) records what people did; this log records what they saw. A view that
shows a sensitive part of a record calls `log_access` once per page view, whatever number of fields it shows; a
search over sensitive text calls it once per search, with the term. A person reading their own record is not
logged: the log is there so that a person can learn who else has read about them.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone

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
) -> AccessEntry:
    """Append an entry to the access log. `what` is dotted like an audit code ("crm.person.notes") and has a
    readable label registered with `core.audit.register_actions`; `subject` is the record read (None for a
    search, which names its term instead)."""
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
    )


def access_entries_about(subject: models.Model) -> models.QuerySet[AccessEntry]:
    """Who has read this record, newest first: for the person's own access export. A national record may be read
    from any tenant's pages, so the caller reads this with the scopes disabled."""
    return AccessEntry.objects.filter(
        subject_type=ContentType.objects.get_for_model(subject), subject_id=str(subject.pk)
    ).select_related("actor")


def retention_cutoff(*, days: int | None = None, now: datetime | None = None) -> datetime:
    """Entries made before this moment are past the access log's retention period (ACCESS_LOG_RETENTION_DAYS)."""
    days = settings.ACCESS_LOG_RETENTION_DAYS if days is None else days
    if not 1 <= days <= settings.ACCESS_LOG_RETENTION_MAX_DAYS:
        raise ValueError(
            f"The access log's retention period must be 1 to {settings.ACCESS_LOG_RETENTION_MAX_DAYS} days, not {days}."
        )
    return (now or timezone.now()) - timedelta(days=days)


def access_entries_past_retention(*, cutoff: datetime) -> models.QuerySet[AccessEntry]:
    """Every tenant's entries older than the cutoff (the caller disables the scopes: this runs in a command)."""
    return AccessEntry.objects.filter(created_at__lt=cutoff)


@transaction.atomic
def access_entries_delete_old(*, cutoff: datetime) -> int:
    """Delete the entries past their retention period: the only place rows leave the access log."""
    return access_entries_past_retention(cutoff=cutoff).delete_past_retention()
