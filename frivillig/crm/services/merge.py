"""Merging two records that describe the same organisation (or the same person) into one.

Everything that points at the removed record moves to the kept one, without duplicate rows; empty fields of
the kept record take the removed one's values; then the removed record is deleted and the merge is logged.
Archived records may be merged like any other: the kept record keeps its own archive state.

What moves is found, not listed: every foreign key and one-to-one field that points at the model, in any
installed app (including the apps above crm, which crm never imports), and every many-to-many link to it, is
re-pointed at the kept record with one UPDATE per relation. A new relation to Organisation or Person is merged
from the day it is declared. Rows are reached through each model's base manager: a manager that hides some rows
(archived ones, say) must not leave them pointing at a deleted record.

Two kinds of rows cannot simply be re-pointed:
- a many-to-many link the kept record already has (the same tag, the same interaction): the removed record's copy
  is a duplicate and goes. This holds for every many-to-many relation, so it is done here.
- a row that may exist once per record, by a unique constraint or by its app's rules (a representative's
  membership, the same role in the same organisation). Only the app that owns the row knows which copy to keep,
  so it says so in a merge hook.

Merge hooks: an app may offer a module `merge_hooks.py` (found by `frivillig.core.registry`) with

    def before_merge(*, model, survivor, merged) -> dict[str, int] | None

It is called for every merge of any model, in INSTALLED_APPS order, inside the merge's transaction, after both
records are locked and before anything moves. `model` is the merged model's class: a hook in a lower layer
compares `model._meta.label_lower` or looks for its own fields that point at `model`, and never imports the
model. The hook deletes or changes its own rows that would clash; whatever it leaves is moved afterwards. The
counts it returns are added to the audit entry's "moved". A unique constraint that no hook resolves makes the
merge fail with an IntegrityError and change nothing: such a relation needs a hook.

Locking the two records also guards the move: a row inserted elsewhere at the same moment that points at the
removed record waits for the lock (PostgreSQL) and then fails, rather than being deleted with it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from django.db import models, transaction
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _

from frivillig.core.consent import consents_move
from frivillig.core.events import send_after_commit
from frivillig.core.registry import collect
from frivillig.core.services import log_action
from frivillig.crm.events import records_merged
from frivillig.crm.models import Organisation, Person

if TYPE_CHECKING:
    from frivillig.accounts.models import User

ORGANISATION_FILL_FIELDS = ("purpose", "description", "website", "email", "phone", "member_since", "logo")
# An address is one thing: a postcode from one record and a street from the other would be neither.
ORGANISATION_ADDRESS_FIELDS = ("address", "postcode", "town")
PERSON_FILL_FIELDS = ("email", "phone", "department", "job_title", "user_id")
PERSON_CONSENT_FIELDS = ("consent_given_at", "consent_method", "consent_recorded_by")


class MergeError(Exception):
    """The two records cannot be merged; the message says why."""


def merge_relations(model: type[models.Model]) -> dict[str, models.ForeignObjectRel]:
    """Every relation by which a row of some model points at `model`, under a readable key.

    The reverse side of each foreign key and one-to-one field, including those of the tables Django creates for
    many-to-many fields (declared on `model` itself, like an organisation's tags, or on another model, like an
    interaction's organisations). A many-to-many field's link table is named after the field:
    "crm.interaction.organisations"; any other relation after its field: "volunteering.opportunity.organisation".
    """
    found: dict[str, models.ForeignObjectRel] = {}
    for relation in model._meta.get_fields(include_hidden=True):
        # The reverse side of a relation is a ForeignObjectRel; auto_created and not concrete say so too.
        if not (
            isinstance(relation, models.ForeignObjectRel)
            and relation.auto_created
            and not relation.concrete
            and (relation.one_to_many or relation.one_to_one)
        ):
            continue
        related_model = _model_of(relation)
        declared_by = related_model._meta.auto_created  # the model whose many-to-many made this table
        if isinstance(declared_by, type):
            field = next(f for f in declared_by._meta.many_to_many if f.remote_field.through is related_model)
            key = f"{declared_by._meta.label_lower}.{field.name}"
        else:
            key = f"{related_model._meta.label_lower}.{relation.field.name}"
        found[key] = relation
    return found


def _model_of(relation: models.ForeignObjectRel) -> type[models.Model]:
    # Django resolves a lazy reference ("app.Model", "self") to the class once the apps are ready; the stubs
    # still allow the string.
    return cast(type[models.Model], relation.related_model)


def _move_relation(relation: models.ForeignObjectRel, survivor, merged) -> int:
    table, column = _model_of(relation), relation.field.name
    rows = table._base_manager.filter(**{column: merged})
    if table._meta.auto_created:
        # A many-to-many link table: a link the kept record has already is a duplicate of this one.
        other = next(f.name for f in table._meta.fields if f.is_relation and f.name != column)
        rows.filter(Exists(table._base_manager.filter(**{column: survivor, other: OuterRef(other)}))).delete()
    return rows.update(**{column: survivor})


def _move_everything(model: type[models.Model], survivor, merged) -> dict[str, int]:
    moved: dict[str, int] = {}
    for hook in collect("merge_hooks", "before_merge"):
        moved.update(hook(model=model, survivor=survivor, merged=merged) or {})
    for key, relation in merge_relations(model).items():
        moved[key] = _move_relation(relation, survivor, merged)
    return moved


def _empty(value) -> bool:
    return value is None or value == "" or (hasattr(value, "name") and not value.name)


def _fill(keep, remove, names: tuple[str, ...]) -> list[str]:
    filled = []
    for name in names:
        if _empty(getattr(keep, name)) and not _empty(getattr(remove, name)):
            setattr(keep, name, getattr(remove, name))
            filled.append(name)
    return filled


def _fill_group(keep, remove, names: tuple[str, ...]) -> list[str]:
    if all(_empty(getattr(keep, name)) for name in names) and not all(_empty(getattr(remove, name)) for name in names):
        for name in names:
            setattr(keep, name, getattr(remove, name))
        return [name for name in names if not _empty(getattr(keep, name))]
    return []


def _join_notes(keep, remove, name: str) -> list[str]:
    kept, removed = getattr(keep, name).strip(), getattr(remove, name).strip()
    if removed and removed != kept and removed not in kept:
        setattr(keep, name, f"{kept}\n\n{removed}" if kept else removed)
        return [name]
    return []


def _lock_pair(model, keep, remove, same_message: str):
    if keep.pk == remove.pk:
        raise MergeError(same_message)
    if keep.tenant_id != remove.tenant_id:
        raise MergeError(_("Only records of the same volunteer centre can be merged."))
    # Two members of staff merging the same records at once: the second waits (PostgreSQL) and then finds out.
    locked = model.objects.select_for_update().filter(tenant_id=keep.tenant_id).in_bulk([keep.pk, remove.pk])
    if len(locked) != 2:
        raise MergeError(_("One of the two no longer exists. Perhaps it has just been merged."))
    return locked[keep.pk], locked[remove.pk]


@transaction.atomic
def organisation_merge(*, keep: Organisation, remove: Organisation, actor: User | None) -> Organisation:
    keep, remove = _lock_pair(
        Organisation, keep, remove, _("An organisation cannot be merged with itself. Choose two different ones.")
    )
    moved = _move_everything(Organisation, keep, remove)

    filled = _fill(keep, remove, ORGANISATION_FILL_FIELDS)
    filled += _fill_group(keep, remove, ORGANISATION_ADDRESS_FIELDS)
    filled += _join_notes(keep, remove, "internal_notes")
    if not keep.cvr and remove.cvr:
        # The CVR number is unique within the tenant: take it off the removed record before the kept one gets it.
        keep.cvr, remove.cvr = remove.cvr, ""
        remove.save(update_fields=["cvr"])
        filled.append("cvr")
    keep.save()

    removed = {"id": remove.pk, "name": remove.name, "cvr": keep.cvr if "cvr" in filled else remove.cvr}
    remove.delete()
    log_action(
        "crm.organisation.merged",
        actor=actor,
        tenant=keep.tenant,
        target=keep,
        data={"kept": {"id": keep.pk, "name": keep.name}, "removed": removed, "moved": moved, "filled": filled},
    )
    send_after_commit(
        records_merged, tenant_id=keep.tenant_id, model="crm.organisation", kept_id=keep.pk, removed_id=removed["id"]
    )
    return keep


@transaction.atomic
def person_merge(*, keep: Person, remove: Person, actor: User | None) -> Person:
    keep, remove = _lock_pair(
        Person, keep, remove, _("A person cannot be merged with themselves. Choose two different people.")
    )
    moved = _move_everything(Person, keep, remove)
    # The consent ledger refers to its subject by content type and key, not by a foreign key: both records'
    # consents are kept, now about the kept record.
    consents = consents_move(merged=remove, survivor=keep)
    if consents:
        moved["core.consent"] = consents

    filled = _fill(keep, remove, PERSON_FILL_FIELDS)
    if keep.consent_given_at is None and remove.consent_given_at is not None:
        # When, how and by whom belong together: take the removed record's consent as a whole.
        for name in PERSON_CONSENT_FIELDS:
            setattr(keep, name, getattr(remove, name))
        filled.append("consent")
    filled += _join_notes(keep, remove, "notes")
    keep.save()

    removed = {"id": remove.pk, "name": remove.full_name, "email": remove.email, "user": remove.user_id}
    remove.delete()
    log_action(
        "crm.person.merged",
        actor=actor,
        tenant=keep.tenant,
        target=keep,
        data={"kept": {"id": keep.pk, "name": keep.full_name}, "removed": removed, "moved": moved, "filled": filled},
    )
    send_after_commit(
        records_merged, tenant_id=keep.tenant_id, model="crm.person", kept_id=keep.pk, removed_id=removed["id"]
    )
    return keep
