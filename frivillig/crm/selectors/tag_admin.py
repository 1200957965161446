"""Reads for the tenant admin's pages of the tag vocabularies."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from frivillig.crm.enums import Vocabulary
from frivillig.crm.models import Organisation, Tag

if TYPE_CHECKING:
    from frivillig.tenants.models import Tenant

# The vocabularies organisations carry, with the many-to-many table that links them.
USAGE_THROUGH = {
    Vocabulary.TARGET_GROUP: Organisation.target_groups.through,
    Vocabulary.ACTIVITY_AREA: Organisation.activity_areas.through,
}


def _usage(through) -> Coalesce:
    """How many organisations still in the register carry the word, as a correlated subquery (one query in all)."""
    counted = (
        through.objects.filter(tag_id=OuterRef("pk"), organisation__archived_at=None)
        .order_by()
        .values("tag_id")
        .annotate(count=Count("organisation_id"))
        .values("count")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def tags_for_admin(tenant: Tenant) -> QuerySet[Tag]:
    """Every word of every vocabulary, in use or not, with the number of organisations that use it."""
    return (
        Tag.objects.filter(tenant=tenant)
        .annotate(
            target_group_usage=_usage(USAGE_THROUGH[Vocabulary.TARGET_GROUP]),
            activity_area_usage=_usage(USAGE_THROUGH[Vocabulary.ACTIVITY_AREA]),
        )
        .order_by("vocabulary", "position", "label_da", "pk")
    )
