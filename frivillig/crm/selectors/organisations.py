"""Reads for the staff's organisation pages: the filtered list, the export, and the detail page's parts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from frivillig.core.validators import normalise_cvr
from frivillig.crm.models import CollaborationRelation, Interaction, Organisation, OrganisationRole, Tag

if TYPE_CHECKING:
    from frivillig.tenants.models import Tenant

# `sorter` values a list URL may carry; anything else falls back to the first.
ORGANISATION_SORTS: dict[str, tuple[str, ...]] = {
    "navn": ("name", "pk"),
    "by": ("town", "name", "pk"),
    "nyeste": ("-created_at", "-pk"),
}


@dataclass(frozen=True)
class OrganisationFilter:
    search: str = ""
    kind: str = ""
    target_group: Tag | None = None
    activity_area: Tag | None = None
    member: bool | None = None
    include_archived: bool = False
    sort: str = "navn"


def text_search(fields: tuple[str, ...], search: str) -> Q:
    """`icontains` over the fields. SQLite folds case for ASCII only, so "ærø" would miss "Ærø": for words with
    other letters the usual spellings (as typed, lower, upper, capitalised) are searched as well."""
    variants = {search}
    if not search.isascii():
        variants |= {search.lower(), search.upper(), search.title(), search.capitalize()}
    condition = Q()
    for field in fields:
        for variant in sorted(variants):
            condition |= Q(**{f"{field}__icontains": variant})
    return condition


def organisations_filtered(tenant: Tenant, criteria: OrganisationFilter) -> QuerySet[Organisation]:
    queryset = Organisation.objects.filter(tenant=tenant)
    if not criteria.include_archived:
        queryset = queryset.filter(archived_at=None)
    search = criteria.search.strip()
    if search:
        condition = text_search(("name", "town", "cvr"), search)
        cvr = normalise_cvr(search)
        if cvr and cvr != search:
            condition |= Q(cvr__icontains=cvr)
        queryset = queryset.filter(condition)
    if criteria.kind:
        queryset = queryset.filter(kind=criteria.kind)
    # Through-table lookups keep one row per organisation, however many tags it has.
    if criteria.target_group is not None:
        queryset = queryset.filter(
            pk__in=Organisation.target_groups.through.objects.filter(tag=criteria.target_group).values(
                "organisation_id"
            )
        )
    if criteria.activity_area is not None:
        queryset = queryset.filter(
            pk__in=Organisation.activity_areas.through.objects.filter(tag=criteria.activity_area).values(
                "organisation_id"
            )
        )
    if criteria.member is True:
        queryset = queryset.filter(member_since__isnull=False)
    elif criteria.member is False:
        queryset = queryset.filter(member_since__isnull=True)
    return queryset.order_by(*ORGANISATION_SORTS.get(criteria.sort, ORGANISATION_SORTS["navn"]))


def organisations_for_list(tenant: Tenant, criteria: OrganisationFilter) -> QuerySet[Organisation]:
    return organisations_filtered(tenant, criteria).prefetch_related("target_groups")


def organisations_for_export(tenant: Tenant, criteria: OrganisationFilter) -> QuerySet[Organisation]:
    return organisations_filtered(tenant, criteria).prefetch_related("target_groups", "activity_areas")


def organisation_for_staff(tenant: Tenant) -> QuerySet[Organisation]:
    """Every organisation of the tenant, archived ones too, with its tags (for the detail and edit pages)."""
    return Organisation.objects.filter(tenant=tenant).prefetch_related("target_groups", "activity_areas")


def is_current_role(role: OrganisationRole, today: date | None = None) -> bool:
    """A role that ends today has ended: ending a role on the page moves it to the former roles at once."""
    today = today or timezone.localdate()
    return role.ended_on is None or role.ended_on > today


def organisation_roles(organisation: Organisation) -> tuple[list[OrganisationRole], list[OrganisationRole]]:
    """The organisation's people as (current roles, former roles)."""
    roles = list(
        OrganisationRole.objects.filter(organisation=organisation)
        .select_related("person")
        .order_by("person__full_name", "role", "-started_on", "pk")
    )
    today = timezone.localdate()
    current = [role for role in roles if is_current_role(role, today)]
    former = sorted(
        (role for role in roles if not is_current_role(role, today)),
        key=lambda role: role.ended_on or date.min,
        reverse=True,
    )
    return current, former


def interactions_timeline(queryset: QuerySet[Interaction]) -> QuerySet[Interaction]:
    return (
        queryset.select_related("staff")
        .prefetch_related(
            Prefetch("organisations", queryset=Organisation.objects.order_by("name")),
            "people",
            "topics",
        )
        .order_by("-happened_on", "-pk")
    )


def organisation_interactions(organisation: Organisation) -> QuerySet[Interaction]:
    """The organisation's interactions, newest first."""
    return interactions_timeline(Interaction.objects.filter(organisations=organisation))


def organisation_relations(organisation: Organisation) -> QuerySet[CollaborationRelation]:
    return (
        CollaborationRelation.objects.filter(organisation=organisation)
        .select_related("person")
        .order_by("-started_on", "-pk")
    )
