"""Reads for the saved filters of the organisation list: the list with what each filter finds now, one filter, and
the organisations a filter finds (for survey invitations)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

from django.db.models import Count, Q, QuerySet

from frivillig.crm.models import Organisation, SavedFilter, Tag
from frivillig.crm.selectors.organisations import (
    OrganisationFilter,
    criteria_from_params,
    criteria_tag_ids,
    organisations_filtered,
)

if TYPE_CHECKING:
    from frivillig.tenants.models import Tenant


def saved_filters(tenant: Tenant) -> QuerySet[SavedFilter]:
    return SavedFilter.objects.filter(tenant=tenant).order_by("name", "pk")


def _words(tenant_id: int, filters: Iterable[SavedFilter]) -> dict[int, Tag]:
    """The words the filters name, in one query however many filters there are."""
    ids = set().union(*(criteria_tag_ids(saved.params) for saved in filters))
    return {tag.pk: tag for tag in Tag.objects.filter(tenant_id=tenant_id, pk__in=ids)} if ids else {}


def saved_filter_criteria(saved: SavedFilter) -> OrganisationFilter:
    return criteria_from_params(saved.params, _words(saved.tenant_id, [saved]))


def saved_filters_for_list(tenant: Tenant) -> list[SavedFilter]:
    """The tenant's saved filters, each with its `criteria` and the number of organisations it finds now
    (`organisation_count`): three queries, however many filters."""
    filters = list(saved_filters(tenant).select_related("created_by"))
    words = _words(tenant.pk, filters)
    for saved in filters:
        saved.criteria = criteria_from_params(saved.params, words)
    if filters:
        # One query: each filter's count is a conditional count over the tenant's organisations.
        counts = Organisation.objects.filter(tenant=tenant).aggregate(
            **{
                f"filter_{saved.pk}": Count(
                    "pk", filter=Q(pk__in=organisations_filtered(tenant, saved.criteria).values("pk"))
                )
                for saved in filters
            }
        )
        for saved in filters:
            saved.organisation_count = counts[f"filter_{saved.pk}"]
    return filters


def saved_filter_organisations(saved: SavedFilter, *, include_archived: bool = True) -> QuerySet[Organisation]:
    """The organisations the filter finds now; without `include_archived`, archived ones are left out even when
    the filter shows them."""
    criteria = saved_filter_criteria(saved)
    if not include_archived and criteria.include_archived:
        criteria = replace(criteria, include_archived=False)
    return organisations_filtered(saved.tenant, criteria)
