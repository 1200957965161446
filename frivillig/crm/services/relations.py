from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.db import transaction

from frivillig.core.services import log_action
from frivillig.crm.models import CollaborationRelation

if TYPE_CHECKING:
    from frivillig.accounts.models import User


@transaction.atomic
def relation_save(
    *, relation: CollaborationRelation, actor: User | None, changed: list[str] | None = None
) -> CollaborationRelation:
    """Create or update a collaboration relation from a validated form's instance."""
    created = relation.pk is None
    relation.save()
    log_action(
        "crm.relation.created" if created else "crm.relation.updated",
        actor=actor,
        tenant=relation.tenant,
        target=relation,
        data={} if created else {"fields": list(changed or [])},
    )
    return relation


@transaction.atomic
def relation_end(*, relation: CollaborationRelation, ended_on: date, actor: User | None) -> CollaborationRelation:
    """End the relation on `ended_on` (the caller's form checked that it is not before the start)."""
    relation.ended_on = ended_on
    relation.save(update_fields=["ended_on"])
    log_action(
        "crm.relation.updated",
        actor=actor,
        tenant=relation.tenant,
        target=relation,
        data={"ended_on": ended_on.isoformat()},
    )
    return relation
