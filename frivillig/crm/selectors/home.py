"""Reads for crm's sections of a tenant's home: the centre staff's "today" (associations nobody represents, overdue
follow-ups) and the municipality's overview of the register. Each returns a few rows and the full count, so a home
issues the same number of queries whatever the size of the data."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from frivillig.crm.enums import OrganisationKind
from frivillig.crm.models import CollaborationRelation, Interaction
from frivillig.crm.selectors.common import active_organisations
from frivillig.crm.selectors.interactions import open_follow_ups
from frivillig.crm.selectors.relations import is_municipal_employee
from frivillig.crm.selectors.representatives import organisations_without_representative

if TYPE_CHECKING:
    from frivillig.tenants.models import Tenant

HOME_LIST_LENGTH = 5


@dataclass(frozen=True)
class Shortlist:
    """The first rows of a read, and how many there are in all."""

    items: list[Any] = field(default_factory=list)
    count: int = 0

    @property
    def more(self) -> int:
        return self.count - len(self.items)


def _shortlist(queryset: QuerySet, length: int = HOME_LIST_LENGTH) -> Shortlist:
    # Always counted, so that a home makes the same queries however much there is.
    return Shortlist(items=list(queryset[:length]), count=queryset.count())


def unrepresented_associations(tenant: Tenant) -> Shortlist:
    """Associations that no one with a login represents: the centre answers their applications' mail for them."""
    return _shortlist(organisations_without_representative(tenant))


def overdue_follow_ups(tenant: Tenant, *, today: date | None = None) -> Shortlist:
    """The centre's open follow-ups whose date has passed, the oldest first, with who has them."""
    today = today or timezone.localdate()
    overdue: QuerySet[Interaction] = (
        open_follow_ups(tenant)
        .filter(Interaction.follow_up_overdue_condition(today))
        .select_related("staff")
        .order_by("follow_up_on", "pk")
    )
    return _shortlist(overdue)


@dataclass(frozen=True)
class RegisterFigures:
    associations: int
    municipal_relations: int


def register_figures(tenant: Tenant, *, today: date | None = None) -> RegisterFigures:
    """How many associations the register holds, and how many active collaboration relations with municipal
    employees the centre has."""
    today = today or timezone.localdate()
    associations = active_organisations(tenant).filter(kind=OrganisationKind.ASSOCIATION).count()
    relations = (
        CollaborationRelation.objects.filter(tenant=tenant)
        .filter(Q(ended_on=None) | Q(ended_on__gt=today))
        .filter(is_municipal_employee())
        .count()
    )
    return RegisterFigures(associations=associations, municipal_relations=relations)
