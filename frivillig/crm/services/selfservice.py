"""Writes of the association self-service. They reuse the register's services, so the audit log reads the same
whether the centre or the association made the change."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction

from frivillig.crm.models import Organisation, OrganisationRole, Person
from frivillig.crm.services.organisations import (
    organisation_role_end,
    organisation_role_save,
    organisation_save,
    person_save,
)

if TYPE_CHECKING:
    from frivillig.accounts.models import User


@transaction.atomic
def organisation_profile_save(
    *,
    organisation: Organisation,
    actor: User | None,
    changed: list[str],
    target_groups,
    activity_areas,
    logo=None,
    remove_logo: bool = False,
) -> Organisation:
    """Save a representative's changes to the public profile (the instance carries the validated fields)."""
    old_logo = organisation.logo.name if organisation.logo else ""
    if logo is not None:
        organisation.logo = logo
    elif remove_logo:
        organisation.logo = ""
    organisation_save(organisation=organisation, actor=actor, changed=changed)
    organisation.target_groups.set(target_groups)
    organisation.activity_areas.set(activity_areas)
    if old_logo and old_logo != organisation.logo.name:
        storage = organisation.logo.storage
        # Only once the new state is committed: a rolled-back save must still find its old logo.
        transaction.on_commit(lambda: storage.delete(old_logo))
    return organisation


@transaction.atomic
def contact_person_add(
    *, organisation: Organisation, full_name: str, email: str, phone: str, role: str, actor: User | None
) -> OrganisationRole:
    """Give the organisation a contact person in a role. A person already known to this organisation under the
    same e-mail address gets the new role; anybody else becomes a new person in the register (the centre merges
    duplicates), so a representative never learns who else the centre knows."""
    person = None
    if email:
        person = (
            Person.objects.filter(
                tenant=organisation.tenant, archived_at=None, email__iexact=email, roles__organisation=organisation
            )
            .order_by("pk")
            .first()
        )
    if person is None:
        person = person_save(
            person=Person(tenant=organisation.tenant, full_name=full_name, email=email, phone=phone), actor=actor
        )
    return organisation_role_save(
        role=OrganisationRole(organisation=organisation, person=person, role=role), actor=actor
    )


def contact_role_end(*, role: OrganisationRole, actor: User | None) -> OrganisationRole:
    """End a contact person's role today; the person stays in the centre's register."""
    return organisation_role_end(role=role, actor=actor)
