"""Merging two records that describe the same organisation (or the same person) into one.

Everything that points at the removed record moves to the kept one, without duplicate rows; empty fields of
the kept record take the removed one's values; then the removed record is deleted and the merge is logged.
Archived records may be merged like any other: the kept record keeps its own archive state.

`ORGANISATION_RELATIONS` and `PERSON_RELATIONS` list every relation the merge moves. A test compares them with
the models, so a new foreign key to Organisation or Person fails the suite until the merge knows about it.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from frivillig.core.services import log_action
from frivillig.crm.models import CollaborationRelation, Interaction, Organisation, OrganisationRole, Person
from frivillig.tenants.models import Invitation, Membership
from frivillig.volunteering.models import Opportunity

ORGANISATION_RELATIONS = frozenset(
    {
        "crm.organisationrole.organisation",
        "crm.interaction.organisations",
        "crm.collaborationrelation.organisation",
        "tenants.membership.organisation",
        "tenants.invitation.organisation",
        "volunteering.opportunity.organisation",
    }
)
PERSON_RELATIONS = frozenset(
    {
        "crm.organisationrole.person",
        "crm.interaction.people",
        "crm.collaborationrelation.person",
        "volunteering.opportunity.contact_person",
    }
)

ORGANISATION_FILL_FIELDS = ("purpose", "description", "website", "email", "phone", "member_since", "logo")
# An address is one thing: a postcode from one record and a street from the other would be neither.
ORGANISATION_ADDRESS_FIELDS = ("address", "postcode", "town")
PERSON_FILL_FIELDS = ("email", "phone", "department", "job_title", "user_id")
PERSON_CONSENT_FIELDS = ("consent_given_at", "consent_method", "consent_recorded_by")


class MergeError(Exception):
    """The two records cannot be merged; the message says why."""


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


def _move_roles(remove_filter: dict, keep_filter: dict, other: str, new_owner: dict) -> tuple[int, int]:
    """Move roles to the kept record; a role the kept record already has (same party, role and dates) goes."""
    fields = (f"{other}_id", "role", "started_on", "ended_on")
    existing = set(OrganisationRole.objects.filter(**keep_filter).values_list(*fields))
    move, drop = [], []
    for pk, *key in OrganisationRole.objects.filter(**remove_filter).values_list("pk", *fields):
        if tuple(key) in existing:
            drop.append(pk)
        else:
            existing.add(tuple(key))
            move.append(pk)
    OrganisationRole.objects.filter(pk__in=drop).delete()
    OrganisationRole.objects.filter(pk__in=move).update(**new_owner)
    return len(move), len(drop)


def _move_m2m(through, column: str, keep_id: int, remove_id: int, other: str) -> int:
    """Point the removed record's links at the kept one, except where the kept one is linked already."""
    already = list(through.objects.filter(**{column: keep_id}).values_list(other, flat=True))
    moved = (
        through.objects.filter(**{column: remove_id}).exclude(**{f"{other}__in": already}).update(**{column: keep_id})
    )
    through.objects.filter(**{column: remove_id}).delete()
    return moved


@transaction.atomic
def organisation_merge(*, keep: Organisation, remove: Organisation, actor) -> Organisation:
    keep, remove = _lock_pair(
        Organisation, keep, remove, _("An organisation cannot be merged with itself. Choose two different ones.")
    )
    moved: dict[str, int] = {}
    moved["roles"], moved["duplicate_roles_removed"] = _move_roles(
        {"organisation": remove}, {"organisation": keep}, "person", {"organisation": keep}
    )
    moved["interactions"] = _move_m2m(
        Interaction.organisations.through, "organisation_id", keep.pk, remove.pk, "interaction_id"
    )
    moved["relations"] = CollaborationRelation.objects.filter(organisation=remove).update(organisation=keep)

    # A representative of both keeps one membership for the kept organisation (one per user and role).
    represented = set(Membership.objects.filter(organisation=keep).values_list("user_id", "role"))
    duplicates, representatives = [], []
    for pk, user_id, role in Membership.objects.filter(organisation=remove).values_list("pk", "user_id", "role"):
        (duplicates if (user_id, role) in represented else representatives).append(pk)
    Membership.objects.filter(pk__in=duplicates).delete()
    moved["representatives"] = Membership.objects.filter(pk__in=representatives).update(organisation=keep)
    moved["invitations"] = Invitation.objects.filter(organisation=remove).update(organisation=keep)
    moved["opportunities"] = Opportunity.objects.filter(organisation=remove).update(organisation=keep)

    for name in ("target_groups", "activity_areas"):
        through = getattr(Organisation, name).through
        moved[name] = _move_m2m(through, "organisation_id", keep.pk, remove.pk, "tag_id")

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
    return keep


@transaction.atomic
def person_merge(*, keep: Person, remove: Person, actor) -> Person:
    keep, remove = _lock_pair(
        Person, keep, remove, _("A person cannot be merged with themselves. Choose two different people.")
    )
    moved: dict[str, int] = {}
    moved["roles"], moved["duplicate_roles_removed"] = _move_roles(
        {"person": remove}, {"person": keep}, "organisation", {"person": keep}
    )
    moved["interactions"] = _move_m2m(Interaction.people.through, "person_id", keep.pk, remove.pk, "interaction_id")
    moved["relations"] = CollaborationRelation.objects.filter(person=remove).update(person=keep)
    moved["opportunities"] = Opportunity.objects.filter(contact_person=remove).update(contact_person=keep)

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
    return keep
