"""Reads for the staff's organisation pages: the filtered list, the export, and the detail page's parts."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from frivillig.core.params import parse_int
from frivillig.core.validators import normalise_cvr
from frivillig.crm.enums import OrganisationKind, Vocabulary
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

    @property
    def kind_label(self) -> str:
        return str(OrganisationKind(self.kind).label) if self.kind in OrganisationKind.values else ""

    @property
    def narrows(self) -> bool:
        """Whether the filter leaves any organisation out (sorting and archived ones aside)."""
        return bool(
            self.search.strip() or self.kind or self.target_group or self.activity_area or self.member is not None
        )


# The list's address names its criteria in Danish; the filter form's fields have these names, and a saved filter
# keeps its criteria under them (sorting and the page left out: they are not part of what a filter finds).
SEARCH = "soeg"
KIND = "type"
TARGET_GROUP = "maalgruppe"
ACTIVITY_AREA = "omraade"
MEMBER = "medlem"
ARCHIVED = "arkiverede"
MEMBER_VALUES = {"ja": True, "nej": False}
SEARCH_MAX_LENGTH = 200


def criteria_params(criteria: OrganisationFilter) -> dict[str, str]:
    """The criteria as the organisation list's address carries them: only what narrows the list."""
    params: dict[str, str] = {}
    if criteria.search.strip():
        params[SEARCH] = criteria.search.strip()
    if criteria.kind:
        params[KIND] = criteria.kind
    if criteria.target_group is not None:
        params[TARGET_GROUP] = str(criteria.target_group.pk)
    if criteria.activity_area is not None:
        params[ACTIVITY_AREA] = str(criteria.activity_area.pk)
    if criteria.member is not None:
        params[MEMBER] = "ja" if criteria.member else "nej"
    if criteria.include_archived:
        params[ARCHIVED] = "on"
    return params


def criteria_tag_ids(params: Mapping[str, object]) -> set[int]:
    """The words a stored filter names, to be loaded together for many filters."""
    return {pk for pk in (parse_int(params.get(TARGET_GROUP)), parse_int(params.get(ACTIVITY_AREA))) if pk is not None}


def criteria_from_params(params: Mapping[str, object], tags: Mapping[int, Tag]) -> OrganisationFilter:
    """The criteria `criteria_params` wrote, with the words they name taken from `tags` (by primary key). A word
    since taken out of use still counts: the filter keeps finding what it found when it was saved. Words are never
    deleted (see tag_update), so a named word is always there."""

    def word(name: str, vocabulary: str) -> Tag | None:
        pk = parse_int(params.get(name))
        tag = tags.get(pk) if pk is not None else None
        return tag if tag is not None and tag.vocabulary == vocabulary else None

    kind = str(params.get(KIND) or "")
    return OrganisationFilter(
        search=str(params.get(SEARCH) or "")[:SEARCH_MAX_LENGTH],
        kind=kind if kind in OrganisationKind.values else "",
        target_group=word(TARGET_GROUP, Vocabulary.TARGET_GROUP),
        activity_area=word(ACTIVITY_AREA, Vocabulary.ACTIVITY_AREA),
        member=MEMBER_VALUES.get(str(params.get(MEMBER) or "")),
        include_archived=params.get(ARCHIVED) == "on",
    )


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
