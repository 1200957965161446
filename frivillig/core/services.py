from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models

from frivillig.core.models import AuditEntry

if TYPE_CHECKING:
    from frivillig.accounts.models import User
    from frivillig.tenants.models import Tenant


def log_action(
    code: str,
    *,
    actor: User | None = None,
    tenant: Tenant | None = None,
    target: models.Model | None = None,
    data: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append an entry to the audit log. `code` is dotted: "<app>.<thing>.<what happened>"."""
    actor_user = actor if actor is not None and getattr(actor, "is_authenticated", False) else None
    return AuditEntry.objects.create(
        code=code,
        tenant=tenant,
        actor=actor_user,
        actor_label=str(actor_user) if actor_user else "",
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_label=str(target)[:300] if target is not None else "",
        data=data or {},
    )
