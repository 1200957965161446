from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from frivillig.core.consent import consent_give, consent_withdraw
from frivillig.core.events import send_after_commit
from frivillig.core.services import log_action
from frivillig.crm.events import organisation_changed
from frivillig.crm.models import Organisation, OrganisationRole, Person, Tag
from frivillig.crm.privacy import CONTACT_CONSENT

if TYPE_CHECKING:
    from frivillig.accounts.models import User


def _announce(organisation: Organisation) -> None:
    send_after_commit(organisation_changed, tenant_id=organisation.tenant_id, organisation_ids=[organisation.pk])


@transaction.atomic
def organisation_save(
    *,
    organisation: Organisation,
    actor: User | None,
    changed: list[str] | None = None,
    target_groups: Iterable[Tag] | None = None,
    activity_areas: Iterable[Tag] | None = None,
) -> Organisation:
    """Create or update an organisation from a validated form's instance, with its words when they are given
    (None leaves them as they are)."""
    created = organisation.pk is None
    organisation.save()
    if target_groups is not None:
        organisation.target_groups.set(target_groups)
    if activity_areas is not None:
        organisation.activity_areas.set(activity_areas)
    log_action(
        "crm.organisation.created" if created else "crm.organisation.updated",
        actor=actor,
        tenant=organisation.tenant,
        target=organisation,
        data={} if created else {"fields": changed or []},
    )
    _announce(organisation)
    return organisation


@transaction.atomic
def organisation_archive(*, organisation: Organisation, actor: User | None) -> Organisation:
    organisation.archived_at = timezone.now()
    organisation.is_public = False
    organisation.save(update_fields=["archived_at", "is_public", "updated_at"])
    log_action("crm.organisation.archived", actor=actor, tenant=organisation.tenant, target=organisation)
    _announce(organisation)
    return organisation


@transaction.atomic
def organisation_restore(*, organisation: Organisation, actor: User | None) -> Organisation:
    organisation.archived_at = None
    organisation.save(update_fields=["archived_at", "updated_at"])
    log_action("crm.organisation.restored", actor=actor, tenant=organisation.tenant, target=organisation)
    _announce(organisation)
    return organisation


@transaction.atomic
def person_save(*, person: Person, actor: User | None, changed: list[str] | None = None) -> Person:
    created = person.pk is None
    person.save()
    log_action(
        "crm.person.created" if created else "crm.person.updated",
        actor=actor,
        tenant=person.tenant,
        target=person,
        data={} if created else {"fields": changed or []},
    )
    return person


@transaction.atomic
def person_archive(*, person: Person, actor: User | None) -> Person:
    person.archived_at = timezone.now()
    person.save(update_fields=["archived_at", "updated_at"])
    log_action("crm.person.archived", actor=actor, tenant=person.tenant, target=person)
    return person


@transaction.atomic
def person_record_consent(*, person: Person, method: str, actor: User | None, language: str = "da") -> Person:
    """Record that the person agreed to be contacted: a new row in the consent ledger with the text they were
    shown (in `language`), when, how and by whom; the person's `consent_*` fields then hold it as the current
    state (core/consent.py, crm/privacy.py)."""
    consent_give(
        purpose=CONTACT_CONSENT, subject=person, method=method, actor=actor, tenant=person.tenant, language=language
    )
    log_action("crm.person.updated", actor=actor, tenant=person.tenant, target=person, data={"consent": method})
    return person


@transaction.atomic
def person_withdraw_consent(*, person: Person, method: str, actor: User | None) -> Person:
    """Record that the person withdrew their consent to be contacted: the use stops at once (the person leaves the
    consent filter and the export says no)."""
    consent_withdraw(purpose=CONTACT_CONSENT, subject=person, method=method, actor=actor)
    log_action(
        "crm.person.updated", actor=actor, tenant=person.tenant, target=person, data={"consent_withdrawn": method}
    )
    return person


@transaction.atomic
def organisation_role_save(*, role: OrganisationRole, actor: User | None) -> OrganisationRole:
    created = role.pk is None
    role.tenant = role.organisation.tenant
    role.save()
    log_action(
        "crm.organisation.updated",
        actor=actor,
        tenant=role.tenant,
        target=role.organisation,
        data={"role": role.role, "person": role.person_id, "created": created},
    )
    return role


@transaction.atomic
def organisation_role_end(*, role: OrganisationRole, actor: User | None, ended_on=None) -> OrganisationRole:
    role.ended_on = ended_on or timezone.localdate()
    if role.started_on and role.ended_on < role.started_on:
        role.ended_on = role.started_on
    role.save(update_fields=["ended_on"])
    log_action(
        "crm.organisation.updated",
        actor=actor,
        tenant=role.tenant,
        target=role.organisation,
        data={"role": role.role, "person": role.person_id, "ended_on": role.ended_on.isoformat()},
    )
    return role


@transaction.atomic
def person_create_with_role(
    *, person: Person, organisation: Organisation, role: str, started_on=None, actor: User | None
) -> OrganisationRole:
    """A new contact added from an organisation's page: the person and their role there, or neither."""
    person_save(person=person, actor=actor)
    return organisation_role_save(
        role=OrganisationRole(organisation=organisation, person=person, role=role, started_on=started_on),
        actor=actor,
    )
