"""Saving, renaming and deleting the organisation list's saved filters."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from frivillig.core.audit import register_actions
from frivillig.core.services import log_action
from frivillig.crm.models import SavedFilter

if TYPE_CHECKING:
    from frivillig.accounts.models import User
    from frivillig.tenants.models import Tenant

register_actions(
    {
        "crm.saved_filter.created": _("Filter saved"),
        "crm.saved_filter.renamed": _("Saved filter renamed"),
        "crm.saved_filter.deleted": _("Saved filter deleted"),
    }
)


class SavedFilterNameTaken(Exception):
    """Another filter of the tenant has the name (saved at the same moment: the form checks it first)."""


def _save(saved: SavedFilter) -> None:
    try:
        with transaction.atomic():
            saved.save()
    except IntegrityError as error:
        raise SavedFilterNameTaken(saved.name) from error


@transaction.atomic
def saved_filter_create(*, tenant: Tenant, name: str, params: dict[str, str], actor: User | None) -> SavedFilter:
    """Keep the organisation list's criteria (`params`, as `criteria_params` writes them) under a name."""
    saved = SavedFilter(tenant=tenant, name=name, params=dict(params), created_by=actor)
    _save(saved)
    log_action("crm.saved_filter.created", actor=actor, tenant=tenant, target=saved, data={"params": saved.params})
    return saved


@transaction.atomic
def saved_filter_rename(*, saved_filter: SavedFilter, name: str, actor: User | None) -> SavedFilter:
    old_name = saved_filter.name
    saved_filter.name = name
    _save(saved_filter)
    log_action(
        "crm.saved_filter.renamed",
        actor=actor,
        tenant=saved_filter.tenant,
        target=saved_filter,
        data={"from": old_name, "to": name},
    )
    return saved_filter


@transaction.atomic
def saved_filter_delete(*, saved_filter: SavedFilter, actor: User | None) -> None:
    log_action("crm.saved_filter.deleted", actor=actor, tenant=saved_filter.tenant, target=saved_filter)
    saved_filter.delete()
