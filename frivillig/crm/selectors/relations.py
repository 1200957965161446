"""Reads for the collaboration relations: the list of new relations in a period, and its export."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q, QuerySet
from django.utils import timezone

from frivillig.crm.enums import OrganisationKind
from frivillig.crm.models import CollaborationRelation, OrganisationRole

if TYPE_CHECKING:
    from frivillig.tenants.models import Tenant

RELATION_SORTS: dict[str, tuple[str, ...]] = {
    "nyeste": ("-started_on", "-pk"),
    "aeldste": ("started_on", "pk"),
    "emne": ("topic", "-started_on", "-pk"),
}
PARTY_PERSON = "person"
PARTY_ORGANISATION = "organisation"
STATUS_ACTIVE = "aktive"
STATUS_ENDED = "afsluttede"


@dataclass(frozen=True)
class RelationFilter:
    date_from: date | None = None
    date_to: date | None = None
    party: str = ""
    municipal_only: bool = False
    status: str = ""
    search: str = ""
    sort: str = "nyeste"


def current_year_period(today: date | None = None) -> tuple[date, date]:
    today = today or timezone.localdate()
    return date(today.year, 1, 1), date(today.year, 12, 31)


def is_municipal_employee():
    """A person who holds a role in a municipal unit, or whose department is filled in."""
    works_in_municipality = Exists(
        OrganisationRole.objects.filter(person=OuterRef("person"), organisation__kind=OrganisationKind.MUNICIPAL_UNIT)
    )
    return Q(person__isnull=False) & (works_in_municipality | ~Q(person__department=""))


def relations_filtered(tenant: Tenant, criteria: RelationFilter, *, today: date | None = None) -> QuerySet:
    today = today or timezone.localdate()
    queryset = CollaborationRelation.objects.filter(tenant=tenant)
    if criteria.date_from is not None:
        queryset = queryset.filter(started_on__gte=criteria.date_from)
    if criteria.date_to is not None:
        queryset = queryset.filter(started_on__lte=criteria.date_to)
    if criteria.party == PARTY_PERSON:
        queryset = queryset.filter(person__isnull=False)
    elif criteria.party == PARTY_ORGANISATION:
        queryset = queryset.filter(organisation__isnull=False)
    if criteria.municipal_only:
        queryset = queryset.filter(is_municipal_employee())
    # A relation that ends today has ended (as with roles in organisations).
    if criteria.status == STATUS_ACTIVE:
        queryset = queryset.filter(Q(ended_on=None) | Q(ended_on__gt=today))
    elif criteria.status == STATUS_ENDED:
        queryset = queryset.filter(ended_on__lte=today)
    search = criteria.search.strip()
    if search:
        queryset = queryset.filter(
            Q(topic__icontains=search)
            | Q(person__full_name__icontains=search)
            | Q(organisation__name__icontains=search)
            | Q(person__department__icontains=search)
        )
    return queryset.order_by(*RELATION_SORTS.get(criteria.sort, RELATION_SORTS["nyeste"]))


def relations_for_list(tenant: Tenant, criteria: RelationFilter) -> QuerySet:
    return (
        relations_filtered(tenant, criteria)
        .select_related("person", "organisation")
        .annotate(is_municipal=ExpressionWrapper(is_municipal_employee(), output_field=BooleanField()))
    )


def relations_for_export(tenant: Tenant, criteria: RelationFilter) -> QuerySet:
    return relations_for_list(tenant, criteria)


def relation_for_staff(tenant: Tenant) -> QuerySet[CollaborationRelation]:
    return CollaborationRelation.objects.filter(tenant=tenant).select_related("person", "organisation")
