"""Reads for the associations' public face: the public directory, and what their representatives maintain.

Nothing here joins interactions, relations, notes or consent data: these pages are seen by the public and by
association representatives, never only by the centre's staff.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet
from django.utils import timezone

from frivillig.crm.enums import Vocabulary
from frivillig.crm.models import Organisation, OrganisationRole, Tag
from frivillig.crm.selectors.common import public_associations

if TYPE_CHECKING:
    from frivillig.tenants.models import Tenant

DIRECTORY_PER_PAGE = 20

# `sorter` values the directory URL may carry; anything else falls back to the first.
DIRECTORY_SORTS: dict[str, tuple[str, ...]] = {
    "navn": ("name", "pk"),
    "by": ("town", "name", "pk"),
}


@dataclass(frozen=True)
class DirectoryFilter:
    search: str = ""
    target_group: Tag | None = None
    activity_area: Tag | None = None
    sort: str = "navn"


@dataclass(frozen=True)
class DirectoryFilterOptions:
    target_groups: list[Tag]
    activity_areas: list[Tag]


def directory_filter_options(tenant: Tenant) -> DirectoryFilterOptions:
    """The tenant's active target groups and activity areas that at least one listed association has,
    so that no choice in the filter leads to an empty page. One query for both vocabularies."""
    listed = public_associations(tenant).values("pk")
    used_target_groups = Organisation.target_groups.through.objects.filter(organisation_id__in=listed).values("tag_id")
    used_activity_areas = Organisation.activity_areas.through.objects.filter(organisation_id__in=listed).values(
        "tag_id"
    )
    rows = list(
        Tag.objects.filter(tenant=tenant, is_active=True)
        .filter(
            Q(vocabulary=Vocabulary.TARGET_GROUP, pk__in=used_target_groups)
            | Q(vocabulary=Vocabulary.ACTIVITY_AREA, pk__in=used_activity_areas)
        )
        .order_by("position", "label_da")
    )
    return DirectoryFilterOptions(
        target_groups=[tag for tag in rows if tag.vocabulary == Vocabulary.TARGET_GROUP],
        activity_areas=[tag for tag in rows if tag.vocabulary == Vocabulary.ACTIVITY_AREA],
    )


def directory_associations(tenant: Tenant, criteria: DirectoryFilter) -> QuerySet[Organisation]:
    queryset = public_associations(tenant)
    search = criteria.search.strip()
    if search:
        queryset = queryset.filter(
            Q(name__icontains=search)
            | Q(purpose__icontains=search)
            | Q(description__icontains=search)
            | Q(town__icontains=search)
        )
    # Through-table lookups keep one row per association, however many tags it has.
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
    return queryset.order_by(*DIRECTORY_SORTS.get(criteria.sort, DIRECTORY_SORTS["navn"])).prefetch_related(
        "target_groups", "activity_areas"
    )


def directory_association(tenant: Tenant) -> QuerySet[Organisation]:
    """The associations a detail page may show (look one up by pk; anything else is a 404)."""
    return public_associations(tenant).prefetch_related("target_groups", "activity_areas")


def representative_contact_roles(organisation: Organisation) -> QuerySet[OrganisationRole]:
    """The organisation's current contact people as their representatives see them: name, e-mail, phone and
    role only. The person's notes and consent fields are not even loaded."""
    today = timezone.localdate()
    return (
        OrganisationRole.objects.filter(organisation=organisation, person__archived_at=None)
        .filter(Q(ended_on=None) | Q(ended_on__gt=today))
        .select_related("person")
        .only(
            "pk",
            "tenant_id",
            "organisation_id",
            "role",
            "started_on",
            "ended_on",
            "person__id",
            "person__full_name",
            "person__email",
            "person__phone",
        )
        .order_by("person__full_name", "role", "pk")
    )
